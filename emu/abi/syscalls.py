"""Generate the guest C library's simple system-call wrappers from emu.abi.callnr.

A simple wrapper fills the message fields CALLS names from its parameters
(by name: the C prototype's parameter names are the fields' names), computes
path lengths (kind 'n': strlen + 1), copies short m3 names into m3_ca1 as
3.1.8's _loadname does, and returns _syscall's result. Wrappers with logic
(open, lseek, utime, exec, mount, ...) are hand-written in guest/libc.
The guest build writes the result into its generated source directory.
"""
import re
from pathlib import Path

from emu.abi import endpoints as ep
from emu.abi.callnr import CALLS, CallNr, CallSpec

# call -> its C prototype, exactly as the guest headers declare it.
WRAPPERS: dict[CallNr, str] = {
    CallNr.READ: "ssize_t read(int fd, void *buf, size_t nbytes)",
    CallNr.WRITE: "ssize_t write(int fd, const void *buf, size_t nbytes)",
    CallNr.CLOSE: "int close(int fd)",
    CallNr.CREAT: "int creat(const char *path, mode_t mode)",
    CallNr.LINK: "int link(const char *name1, const char *name2)",
    CallNr.UNLINK: "int unlink(const char *path)",
    CallNr.CHDIR: "int chdir(const char *path)",
    CallNr.FCHDIR: "int fchdir(int fd)",
    CallNr.MKNOD: "int mknod(const char *path, mode_t mode, dev_t dev)",
    CallNr.CHMOD: "int chmod(const char *path, mode_t mode)",
    CallNr.FCHMOD: "int fchmod(int fd, mode_t mode)",
    CallNr.CHOWN: "int chown(const char *path, uid_t owner, gid_t group)",
    CallNr.FCHOWN: "int fchown(int fd, uid_t owner, gid_t group)",
    CallNr.STAT: "int stat(const char *path, struct stat *buf)",
    CallNr.LSTAT: "int lstat(const char *path, struct stat *buf)",
    CallNr.FSTAT: "int fstat(int fd, struct stat *buf)",
    CallNr.ACCESS: "int access(const char *path, int mode)",
    CallNr.SYNC: "int sync(void)",
    CallNr.RENAME: "int rename(const char *name1, const char *name2)",
    CallNr.MKDIR: "int mkdir(const char *path, mode_t mode)",
    CallNr.RMDIR: "int rmdir(const char *path)",
    CallNr.SYMLINK: "int symlink(const char *name1, const char *name2)",
    CallNr.RDLNK: "ssize_t readlink(const char *path, char *buf, size_t bufsiz)",
    CallNr.UMASK: "mode_t umask(mode_t mask)",
    CallNr.CHROOT: "int chroot(const char *path)",
    CallNr.GETDENTS: "ssize_t getdents(int fd, struct dirent *buf, size_t nbytes)",
    CallNr.STATVFS: "int statvfs(const char *path, struct statvfs *buf)",
    CallNr.FSTATVFS: "int fstatvfs(int fd, struct statvfs *buf)",
    CallNr.FSYNC: "int fsync(int fd)",
    CallNr.TRUNCATE: "int truncate(const char *path, off_t length)",
    CallNr.FTRUNCATE: "int ftruncate(int fd, off_t length)",
    CallNr.SETUID: "int setuid(uid_t uid)",
    CallNr.SETEUID: "int seteuid(uid_t uid)",
    CallNr.SETGID: "int setgid(gid_t gid)",
    CallNr.SETEGID: "int setegid(gid_t gid)",
    CallNr.GETGROUPS: "int getgroups(int size, gid_t list[])",
    CallNr.SETGROUPS: "int setgroups(int size, const gid_t *list)",
    CallNr.SELECT: "int select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *errorfds, "
                   "struct timeval *timeout)",
}

INCLUDES = ("string.h", "unistd.h", "fcntl.h", "stdio.h", "dirent.h", "sys/stat.h",
            "sys/statvfs.h", "sys/select.h", "minix/callnr.h", "minix/com.h", "minix/ipc.h",
            "minix/gen/fs.h")
_SERVER = {ep.PM: "PM_PROC_NR", ep.VFS: "VFS_PROC_NR"}

# The generated wrappers trap in place (guest/include/minix/syscall.h: no
# call frames, fewer guest stores); SYSCALL_THROUGH_CALL (tests/libc, on the
# host) calls _syscall instead.
_SYSCALL_INLINE = """
#ifdef SYSCALL_THROUGH_CALL
#define _syscall_inline _syscall
#else
#include <minix/syscall.h>
#endif
"""
_PROTO = re.compile(r"^(?P<ret>[\w ]+?[\s*]+)(?P<name>\w+)\((?P<params>.*)\)$")


class WrapperError(ValueError):
    """A prototype and its call's field list do not fit together."""


def _params(text: str) -> list[str]:
    if text.strip() == "void":
        return []
    names = []
    for param in text.split(","):
        m = re.search(r"(\w+)\s*(\[\s*\])?\s*$", param.strip())
        if m is None:
            raise WrapperError(f"cannot read parameter {param!r}")
        names.append(m.group(1))
    return names


def _field_type(field: str) -> str:
    """The C type of a message field, for the cast."""
    if field.endswith(("_p1", "_p2", "_p3", "_p4")):
        return "char *"
    if "_l" in field:
        return "long"
    return "int"


def wrapper(call: CallNr, prototype: str, spec: CallSpec | None = None) -> str:
    """The C source of one wrapper."""
    spec = spec or CALLS[call]
    m = _PROTO.match(prototype)
    if m is None:
        raise WrapperError(f"cannot read prototype {prototype!r}")
    ret, params = m.group("ret").strip(), _params(m.group("params"))
    by_name = {a.name: a for a in spec.args}
    for p in params:
        if p not in by_name:
            raise WrapperError(f"{call.name}: parameter {p} is no field of {spec.name}")
    lines = [f"{prototype}", "{", "    message m;", "", "    __builtin_memset(&m, 0, sizeof(m));"]
    for a in spec.args:
        if a.kind == "n":
            if a.of not in params:
                raise WrapperError(f"{call.name}: length of unknown string {a.of}")
            lines.append(f"    m.{a.field} = (int) strlen({a.of}) + 1;")
        elif a.name in params:
            ctype = _field_type(a.field)
            lines.append(f"    m.{a.field} = ({ctype}) {a.name};")
        else:
            raise WrapperError(f"{call.name}: field {a.name} has no parameter")
    if spec.m3_name:
        lines.append("    if (m.m3_i1 <= M3_STRING)")
        lines.append("        memcpy(m.m3_ca1, m.m3_p1, (size_t) m.m3_i1);")
    call_expr = f"_syscall_inline({_SERVER[spec.server]}, {call.name}, &m)"
    lines.append(f"    return ({ret}) {call_expr};" if ret != "int" else f"    return {call_expr};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render() -> str:
    """The whole generated source file."""
    head = ("/* Generated from emu/abi/callnr.py by emu.abi.syscalls; do not edit.\n"
            " * System-call wrappers that only move their arguments into a message. */\n")
    head += "".join(f"#include <{h}>\n" for h in INCLUDES)
    head += _SYSCALL_INLINE
    return head + "".join("\n" + wrapper(c, p) for c, p in WRAPPERS.items())


def write(gen_dir: Path) -> Path:
    """Write syscalls.c under gen_dir (only if it changed); returns its path."""
    path = gen_dir / "syscalls.c"
    text = render()
    if not (path.exists() and path.read_text() == text):
        gen_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return path
