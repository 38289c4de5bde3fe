"""The file-system headers agree with emu/abi, checked by the guest compiler.

struct stat, dirent, statvfs and utimbuf field by field (offset and size),
the mode bits, limits, mount and statvfs flags; and each new header compiles
on its own.
"""
import pytest

from emu.abi import fcntl, stat
from emu.abi.callnr import M3_STRING
from emu.abi.message import M3_CA1_SIZE
from emu.toolchain.guestbuild import GUEST_CFLAGS
from emu.toolchain.zig import run_zig

HEADERS = ("sys/stat.h", "dirent.h", "sys/statvfs.h", "utime.h", "sys/mount.h", "pwd.h",
           "grp.h", "unistd.h", "fcntl.h", "limits.h", "stdlib.h")


def _compile(build, tmp_path, name: str, text: str) -> None:
    src = tmp_path / f"{name}.c"
    src.write_text(text)
    run_zig(["cc", *GUEST_CFLAGS, "-Werror", *build.include_flags(), "-c", str(src), "-o",
             str(tmp_path / f"{name}.o")], f"ABI check {name}")


def test_struct_layouts_match_emu_abi(build, tmp_path):
    checks = []
    for struct_name, fields in stat.FIELDS.items():
        for field, offset, size in fields:
            checks.append(f"__builtin_offsetof(struct {struct_name}, {field}) == {offset}")
            checks.append(f"sizeof(((struct {struct_name} *) 0)->{field}) == {size}")
    for struct_name, size in stat.SIZES.items():
        checks.append(f"sizeof(struct {struct_name}) == {size}")
    checks.append(f"sizeof(struct stat) == {stat.STAT.size}")
    checks.append(f"sizeof(struct statvfs) == {stat.STATVFS.size}")
    checks.append(f"__builtin_offsetof(struct dirent, d_name) == {stat.DIRENT_NAME_OFFSET}")
    checks.append("sizeof(uid_t) == 2 && sizeof(gid_t) == 1 && sizeof(dev_t) == 2")
    checks.append("sizeof(ino_t) == 4 && sizeof(off_t) == 4 && sizeof(mode_t) == 2")
    names = ("S_IFMT", "S_IFSOCK", "S_IFLNK", "S_IFREG", "S_IFBLK", "S_IFDIR", "S_IFCHR",
             "S_IFIFO", "S_ISUID", "S_ISGID", "S_ISVTX", "S_IRWXU", "S_IRUSR", "S_IWUSR",
             "S_IXUSR", "S_IRWXG", "S_IRGRP", "S_IWGRP", "S_IXGRP", "S_IRWXO", "S_IROTH",
             "S_IWOTH", "S_IXOTH", "PATH_MAX", "NAME_MAX", "OPEN_MAX", "NGROUPS_MAX",
             "SYMLOOP_MAX", "F_OK", "R_OK", "W_OK", "X_OK")
    checks += [f"{n} == {getattr(fcntl, n)}" for n in names]
    checks += [f"{n} == {getattr(stat, n)}" for n in
               ("ST_RDONLY", "ST_NOSUID", "ST_NOTRUNC", "MS_RDONLY", "MS_REUSE", "MS_LABEL16",
                "MS_EXISTING", "MOUNT_LABEL_SIZE")]
    checks += ["PATH_MAX == 255", "NAME_MAX == 60", "OPEN_MAX == 255",
               "_DIRENT_NAME_LEN == NAME_MAX + 1", f"M3_STRING == {M3_STRING}",
               "M3_STRING <= sizeof(((message *) 0)->m3_ca1)",
               f"sizeof(((message *) 0)->m3_ca1) == {M3_CA1_SIZE}",
               "S_ISDIR(S_IFDIR | 0755) && !S_ISDIR(S_IFREG) && S_ISLNK(S_IFLNK)",
               "S_ISFIFO(S_IFIFO) && S_ISCHR(S_IFCHR) && S_ISBLK(S_IFBLK) && S_ISREG(S_IFREG)",
               "S_ISSOCK(S_IFSOCK) && !S_ISREG(S_IFSOCK)",
               "sizeof(((struct passwd *) 0)->pw_uid) == sizeof(uid_t)",
               "sizeof(((struct group *) 0)->gr_gid) == sizeof(gid_t)"]
    text = "".join(f"#include <{h}>\n" for h in HEADERS)
    text += "#include <minix/ipc.h>\n#include <stddef.h>\n"
    text += "".join(f'_Static_assert({c}, "{c}");\n' for c in checks)
    _compile(build, tmp_path, "fs_abi", text)


@pytest.mark.parametrize("header", HEADERS)
def test_header_stands_alone(build, tmp_path, header):
    _compile(build, tmp_path, header.replace("/", "_").replace(".", "_"),
             f"#include <{header}>\n#include <{header}>\nint dummy;\n")


def test_wrapper_generator_refuses_a_prototype_that_does_not_fit():
    from emu.abi.callnr import CallNr
    from emu.abi.syscalls import WRAPPERS, WrapperError, render, wrapper
    assert render() == render()
    with pytest.raises(WrapperError, match="no field"):
        wrapper(CallNr.MKDIR, "int mkdir(const char *path, mode_t perms)")
    with pytest.raises(WrapperError, match="has no parameter"):
        wrapper(CallNr.MKDIR, "int mkdir(const char *path)")
    with pytest.raises(WrapperError, match="length of unknown string"):
        wrapper(CallNr.LINK, "int link(const char *name1)")
    assert "m.m1_i1 = (int) strlen(path) + 1;" in wrapper(CallNr.MKDIR, WRAPPERS[CallNr.MKDIR])
