"""Host tests of the guest C library's file-system logic: realpath's walk,
the directory streams over getdents records, and the passwd/group parsers.

The sources are compiled with the guest headers into an x86_64 shared
library with tests/libc/host_shim.c (in-memory files behind open/read/fopen)
and tests/libc/fs_shim.c (a fake tree for lstat/readlink/getcwd and a
directory listing for getdents); ctypes drives them.
"""
import ctypes as C

import pytest

from emu.abi.errno import Errno
from emu.abi.fcntl import O_WRONLY, S_IFDIR, S_IFLNK, S_IFREG, OpenFlag
from tests.libc.test_libc_host import (GUEST_INCLUDE, HERE, LIBC, SOURCES, clang_include,  # noqa: F401
                                       gen_include, zig)

FS_SOURCES = [LIBC / "dir" / "realpath.c", LIBC / "dir" / "dirent.c",
              LIBC / "pwd" / "pwd.c", LIBC / "pwd" / "grp.c"]
O_CREAT_ = int(OpenFlag.O_CREAT)


@pytest.fixture(scope="module")
def fs(tmp_path_factory, gen_include, clang_include):
    so = tmp_path_factory.mktemp("fshost") / "libfs.so"
    zig("cc", "-target", "x86_64-linux-gnu", "-shared", "-fPIC", "-O2", "-nostdinc",
        "-nostdlib", "-ffreestanding", "-fno-builtin", "-Wall", "-Wextra", "-Werror",
        "-include", HERE / "host_prelude.h", "-I", GUEST_INCLUDE,
        "-isystem", gen_include, "-isystem", clang_include, "-Wl,-Bsymbolic",
        "-o", so, *SOURCES, *FS_SOURCES, HERE / "host_shim.c", HERE / "fs_shim.c")
    L = C.CDLL(str(so))
    for name in ("realpath", "opendir", "readdir", "fs_dirent_name", "getpwnam", "getpwuid",
                 "getpwent", "getgrnam", "getgrgid", "getgrent"):
        getattr(L, name).restype = C.c_void_p
    for name in ("readdir", "closedir", "rewinddir", "fs_dirent_name", "fs_dirent_ino"):
        getattr(L, name).argtypes = [C.c_void_p]
    L.fs_dirent_ino.restype = C.c_ulong
    L.fs_dir_add.argtypes = [C.c_char_p, C.c_ulong, C.c_int]
    L.fs_dir_chunk.argtypes = [C.c_size_t]
    L.realpath.argtypes = [C.c_char_p, C.c_char_p]
    return L


@pytest.fixture
def tree(fs):
    fs.shim_reset()
    fs.fs_reset()
    return fs


def errno_of(lib) -> int:
    return C.c_int.in_dll(lib, "errno").value


def add(lib, path, kind="f", target=None):
    mode = {"f": S_IFREG | 0o644, "d": S_IFDIR | 0o755, "l": S_IFLNK | 0o777}[kind]
    lib.fs_add(path.encode(), mode, target.encode() if target else None)


def real(lib, path):
    buf = C.create_string_buffer(256)
    r = lib.realpath(path.encode(), buf)
    return buf.value.decode() if r else Errno(errno_of(lib)).name


# ---------------------------------------------------------------- realpath

def _sample_tree(lib):
    for d in ("/", "/usr", "/usr/lib", "/home", "/home/u", "/home/u/src"):
        add(lib, d, "d")
    add(lib, "/usr/lib/libc.a")
    add(lib, "/home/u/src/main.c")
    add(lib, "/home/u/lib", "l", "/usr/lib")            # absolute link
    add(lib, "/home/u/here", "l", "src/main.c")         # relative link
    add(lib, "/home/u/up", "l", "../u/src")             # relative with ..
    add(lib, "/home/u/chain", "l", "here")              # link to a link
    add(lib, "/home/u/loop1", "l", "loop2")
    add(lib, "/home/u/loop2", "l", "loop1")
    add(lib, "/home/u/dangling", "l", "nothing")


def test_realpath_canonicalises_dots_and_slashes(tree):
    _sample_tree(tree)
    assert real(tree, "/") == "/"
    assert real(tree, "//usr///lib/") == "/usr/lib"
    assert real(tree, "/usr/./lib/../lib/libc.a") == "/usr/lib/libc.a"
    assert real(tree, "/../../usr") == "/usr"
    assert real(tree, "/usr/..") == "/"
    tree.fs_set_cwd(b"/home/u")
    assert real(tree, ".") == "/home/u"
    assert real(tree, "src/../src/main.c") == "/home/u/src/main.c"
    assert real(tree, "..") == "/home"


def test_realpath_follows_links(tree):
    _sample_tree(tree)
    assert real(tree, "/home/u/lib/libc.a") == "/usr/lib/libc.a"
    assert real(tree, "/home/u/here") == "/home/u/src/main.c"
    assert real(tree, "/home/u/up/main.c") == "/home/u/src/main.c"
    assert real(tree, "/home/u/chain") == "/home/u/src/main.c"
    assert real(tree, "/home/u/lib/..") == "/usr"       # ".." after the link's target
    tree.fs_set_cwd(b"/home/u/src")
    assert real(tree, "../lib/libc.a") == "/usr/lib/libc.a"


def test_realpath_errors(tree):
    _sample_tree(tree)
    assert real(tree, "/home/u/loop1") == "ELOOP"
    assert real(tree, "/home/u/dangling") == "ENOENT"
    assert real(tree, "/usr/missing") == "ENOENT"
    assert real(tree, "/usr/lib/libc.a/x") == "ENOTDIR"
    assert real(tree, "/usr/lib/libc.a/") == "ENOTDIR"
    assert real(tree, "") == "ENOENT"
    assert real(tree, "/" + "n" * 61) == "ENAMETOOLONG"
    assert real(tree, "/usr" * 70) == "ENAMETOOLONG"


def test_realpath_allocates_without_a_buffer(tree):
    _sample_tree(tree)
    p = tree.realpath(b"/home/u/here", None)
    assert C.string_at(p) == b"/home/u/src/main.c"
    tree.free(C.c_void_p(p))


# ---------------------------------------------------------------- directories

def _listing(lib, dirp):
    out = []
    while (e := lib.readdir(dirp)):
        out.append((C.string_at(lib.fs_dirent_name(e)).decode(), lib.fs_dirent_ino(e)))
    return out


def _open_dir(lib, names, chunk):
    add(lib, "/d", "d")
    fd = lib.open(b"/d", O_CREAT_ | O_WRONLY, 0o644)      # the host shim's file behind it
    assert fd >= 0 and lib.close(fd) == 0
    for i, name in enumerate(names):
        lib.fs_dir_add(name.encode(), 100 + i, 0)
    lib.fs_dir_chunk(chunk)
    d = lib.opendir(b"/d")
    assert d
    return d


@pytest.mark.parametrize("chunk", [4096, 64, 24])
def test_readdir_walks_records_across_getdents_calls(tree, chunk):
    names = [".", "..", "a", "bb", "ccc", "d" * 60, "e"]
    d = _open_dir(tree, names, chunk)
    assert _listing(tree, d) == [(n, 100 + i) for i, n in enumerate(names)]
    assert tree.readdir(d) is None                      # still at the end
    tree.rewinddir(d)
    assert [n for n, _ in _listing(tree, d)] == names
    assert tree.closedir(d) == 0


def test_readdir_refuses_a_broken_record(tree):
    add(tree, "/d", "d")
    fd = tree.open(b"/d", O_CREAT_ | O_WRONLY, 0o644)
    tree.close(fd)
    tree.fs_dir_add(b"ok", 1, 0)
    tree.fs_dir_add(b"bad", 2, 2)                       # shorter than its header
    d = tree.opendir(b"/d")
    assert [n for n, _ in _listing(tree, d)] == ["ok"]
    assert errno_of(tree) == Errno.EIO
    tree.closedir(d)


def test_opendir_errors(tree):
    add(tree, "/f")
    assert not tree.opendir(b"/f") and errno_of(tree) == Errno.ENOTDIR
    assert not tree.opendir(b"/missing") and errno_of(tree) == Errno.ENOENT


# ---------------------------------------------------------------- passwd, group

class Passwd(C.Structure):
    _fields_ = [("pw_name", C.c_char_p), ("pw_passwd", C.c_char_p), ("pw_uid", C.c_short),
                ("pw_gid", C.c_byte), ("pw_gecos", C.c_char_p), ("pw_dir", C.c_char_p),
                ("pw_shell", C.c_char_p)]


class Group(C.Structure):
    _fields_ = [("gr_name", C.c_char_p), ("gr_passwd", C.c_char_p), ("gr_gid", C.c_byte),
                ("gr_mem", C.POINTER(C.c_char_p))]


def _write(lib, path, data: bytes):
    fd = lib.open(path, O_CREAT_ | O_WRONLY, 0o644)
    assert fd >= 0
    assert lib.write(fd, data, len(data)) == len(data)
    lib.close(fd)


def _pw(ptr):
    if not ptr:
        return None
    p = Passwd.from_address(ptr)
    return (p.pw_name.decode(), p.pw_uid, p.pw_gid, p.pw_dir.decode(), p.pw_shell.decode())


PASSWD = (b"root:*:0:0:Charlie &:/root:/bin/sh\n"
          b"\n"
          b"nocolons\n"
          b"user:*:1000:100:Test User:/home/user:/bin/sh\n"
          b"neg:*:-1:0::/:\n"
          b"big:*:70000:0::/:\n"
          b"gid:*:5:300::/:\n"
          b"eight:a:1:2:3:4:5:6\n"
          b"six:a:1:2:3:4\n"
          + b"x" * 1500 + b":*:7:0::/:\n"
          b"last:*:9:1:Last:/l:/bin/last")


def test_passwd_lookups_skip_bad_lines(tree):
    _write(tree, b"/etc/passwd", PASSWD)
    assert _pw(tree.getpwnam(b"root")) == ("root", 0, 0, "/root", "/bin/sh")
    assert _pw(tree.getpwuid(1000)) == ("user", 1000, 100, "/home/user", "/bin/sh")
    assert _pw(tree.getpwnam(b"last")) == ("last", 9, 1, "/l", "/bin/last")
    assert _pw(tree.getpwnam(b"gid"))[2] == 300 - 256   # gid_t is a char, as in 3.1.8
    for bad in (b"nocolons", b"neg", b"big", b"eight", b"six"):
        assert tree.getpwnam(bad) is None, bad
    assert tree.getpwuid(7) is None                     # the overlong line is skipped whole
    assert tree.getpwuid(4242) is None
    names = []
    while (p := tree.getpwent()):
        names.append(_pw(p)[0])
    assert names == ["root", "user", "gid", "last"]
    tree.setpwent()
    assert _pw(tree.getpwent())[0] == "root"
    tree.endpwent()


def test_passwd_file_can_be_chosen_and_missing(tree):
    _write(tree, b"/other", b"alt:*:3:3::/alt:\n")
    tree.setpwfile(b"/other")
    assert _pw(tree.getpwnam(b"alt")) == ("alt", 3, 3, "/alt", "")
    tree.setpwfile(b"/nowhere")
    assert tree.getpwnam(b"alt") is None and tree.getpwent() is None
    tree.setpwfile(b"/etc/passwd")


def test_group_lookups_and_members(tree):
    _write(tree, b"/etc/group", b"operator:*:0:root\nusers:*:100:user,alice,bob\n"
                                 b"empty:*:5:\nbad:*:x:\nshort:*:6\n")
    g = Group.from_address(tree.getgrnam(b"users"))
    assert g.gr_gid == 100
    members = []
    i = 0
    while g.gr_mem[i]:
        members.append(g.gr_mem[i].decode())
        i += 1
    assert members == ["user", "alice", "bob"]
    g = Group.from_address(tree.getgrgid(5))
    assert g.gr_name == b"empty" and not g.gr_mem[0]
    assert Group.from_address(tree.getgrgid(0)).gr_name == b"operator"
    assert tree.getgrnam(b"bad") is None and tree.getgrnam(b"short") is None
    n = 0
    while tree.getgrent():
        n += 1
    assert n == 3
    tree.endgrent()
