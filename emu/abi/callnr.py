"""System call numbers (<minix/callnr.h>, 3.1.8) and each call's message fields.

NOTE (issue 6): `CALLS` is the single source of truth for how a call travels:
the C library's simple wrappers are generated from it (emu.abi.syscalls), the
trace decodes with it, and VFS/PM read requests by the same field names. Every
field list is what MINIX 3.1.8's libc sends, lengths included: a path goes with
its length strlen(path)+1 (kind 'n'); `m3` calls (_loadname) also copy a name
of at most M3_STRING bytes, NUL included, into m3_ca1; open() and utime() have
two layouts (`alt`, chosen by `alt_when`).
"""
from dataclasses import dataclass
from enum import IntEnum
from typing import NamedTuple, Optional

from emu.abi import endpoints as ep
from emu.abi.fcntl import OpenFlag


class CallNr(IntEnum):
    EXIT = 1
    FORK = 2
    READ = 3
    WRITE = 4
    OPEN = 5
    CLOSE = 6
    WAIT = 7
    CREAT = 8
    LINK = 9
    UNLINK = 10
    WAITPID = 11
    CHDIR = 12
    TIME = 13
    MKNOD = 14
    CHMOD = 15
    CHOWN = 16
    BRK = 17
    STAT = 18
    LSEEK = 19
    GETPID = 20
    MOUNT = 21
    UMOUNT = 22
    SETUID = 23
    GETUID = 24
    STIME = 25
    PTRACE = 26
    ALARM = 27
    FSTAT = 28
    PAUSE = 29
    UTIME = 30
    # minixemu additions: 3.1.8 has no setpgid/getpgid (its libc lacks them);
    # these numbers are unused there.
    SETPGID = 31
    GETPGID = 32
    ACCESS = 33
    SYNC = 36
    KILL = 37
    RENAME = 38
    MKDIR = 39
    RMDIR = 40
    DUP = 41
    PIPE = 42
    TIMES = 43
    SYMLINK = 45
    SETGID = 46
    GETGID = 47
    SIGNAL = 48
    RDLNK = 49
    LSTAT = 50
    IOCTL = 54
    FCNTL = 55
    EXEC = 59
    UMASK = 60
    CHROOT = 61
    SETSID = 62
    GETPGRP = 63
    ITIMER = 64
    GETGROUPS = 65
    SETGROUPS = 66
    SIGACTION = 71
    SIGSUSPEND = 72
    SIGPENDING = 73
    SIGPROCMASK = 74
    SIGRETURN = 75
    REBOOT = 76
    SVRCTL = 77
    SYSUNAME = 78
    GETSYSINFO = 79
    GETDENTS = 80
    LLSEEK = 81
    FSTATFS = 82
    STATVFS = 83
    FSTATVFS = 84
    SELECT = 85
    FCHDIR = 86
    FSYNC = 87
    GETPRIORITY = 88
    SETPRIORITY = 89
    GETTIMEOFDAY = 90
    SETEUID = 91
    SETEGID = 92
    TRUNCATE = 93
    FTRUNCATE = 94
    FCHMOD = 95
    FCHOWN = 96
    GETEPINFO = 107


M3_STRING = 14
"""_loadname copies a name this long or shorter (NUL included) into m3_ca1 too."""


class Arg(NamedTuple):
    """One message field of a call: (name, field, kind[, of]).

    kind: 'd' decimal, 'x' hex, 'o' octal, 'p' pointer to a buffer, 's' pointer
    to a NUL-terminated string (a path), 'n' the length of string `of` counting
    its NUL (strlen + 1), as 3.1.8's libc sends it with every path.
    """
    name: str
    field: str
    kind: str
    of: str = ""


@dataclass(frozen=True)
class CallSpec:
    """How one call looks in a message: its server and the fields it uses.

    `args` are the request fields, `reply` the fields of a successful reply
    besides m_type. `m3_name` marks the calls sent with _loadname (m3: i1 length,
    p1 name, and the name in m3_ca1 when it fits in M3_STRING; `args` only,
    never `alt`). `alt` is a
    second layout used when `(message.<field> & mask) == value` for
    `alt_when = (field, mask, value)`: open with O_CREAT, utime(path, NULL).
    """
    name: str
    server: int
    args: tuple = ()
    reply: tuple = ()
    m3_name: bool = False
    alt: tuple = ()
    alt_when: Optional[tuple] = None

    def layout(self, message) -> tuple:
        """The field list that applies to this request message."""
        if self.alt_when is not None:
            field, mask, value = self.alt_when
            if getattr(message, field) & mask == value:
                return self.alt
        return self.args


def _pm(name, args=(), reply=(), **kw):
    return CallSpec(name, ep.PM, tuple(Arg(*a) for a in args), tuple(Arg(*r) for r in reply), **kw)


def _vfs(name, args=(), reply=(), **kw):
    if "alt" in kw:
        kw["alt"] = tuple(Arg(*a) for a in kw["alt"])
    return CallSpec(name, ep.VFS, tuple(Arg(*a) for a in args), tuple(Arg(*r) for r in reply), **kw)


def _m3(name, extra=()):
    """A call sent with _loadname: m3_i1 length, m3_p1 path, then `extra` (m3_i2)."""
    return _vfs(name, (("len", "m3_i1", "n", "path"), ("path", "m3_p1", "s")) + tuple(extra),
                m3_name=True)


def _m1_path(name, extra=()):
    """m1_i1 length, m1_p1 path, then `extra`: stat, mkdir, mknod, chown, ..."""
    return _vfs(name, (("len", "m1_i1", "n", "path"), ("path", "m1_p1", "s")) + tuple(extra))


def _two_names(name):
    """link, rename, symlink: m1_i1/m1_i2 the lengths, m1_p1/m1_p2 the names."""
    return _vfs(name, (("len1", "m1_i1", "n", "name1"), ("len2", "m1_i2", "n", "name2"),
                       ("name1", "m1_p1", "s"), ("name2", "m1_p2", "s")))


_FD = ("fd", "m1_i1", "d")

CALLS: dict[int, CallSpec] = {
    CallNr.EXIT: _pm("exit", (("status", "m1_i1", "d"),)),
    CallNr.FORK: _pm("fork"),
    CallNr.WAIT: _pm("wait", (), (("status", "m2_i1", "x"),)),
    CallNr.WAITPID: _pm("waitpid", (("pid", "m1_i1", "d"), ("options", "m1_i2", "d")),
                        (("status", "m2_i1", "x"),)),
    CallNr.TIME: _pm("time", (), (("time", "m2_l1", "d"),)),
    CallNr.STIME: _pm("stime", (("time", "m2_l1", "d"),)),
    CallNr.GETPID: _pm("getpid", (), (("ppid", "m2_i1", "d"),)),
    CallNr.GETUID: _pm("getuid", (), (("euid", "m2_i1", "d"),)),
    CallNr.GETGID: _pm("getgid", (), (("egid", "m2_i1", "d"),)),
    CallNr.SETUID: _pm("setuid", (("uid", "m1_i1", "d"),)),
    CallNr.SETGID: _pm("setgid", (("gid", "m1_i1", "d"),)),
    CallNr.SETEUID: _pm("seteuid", (("uid", "m1_i1", "d"),)),
    CallNr.SETEGID: _pm("setegid", (("gid", "m1_i1", "d"),)),
    CallNr.BRK: _pm("brk", (("addr", "m1_p1", "p"),), (("brk", "m2_p1", "p"),)),
    CallNr.ALARM: _pm("alarm", (("seconds", "m1_i1", "d"),)),
    CallNr.PAUSE: _pm("pause"),
    CallNr.KILL: _pm("kill", (("pid", "m1_i1", "d"), ("sig", "m1_i2", "d"))),
    CallNr.PTRACE: _pm("ptrace", (("req", "m2_i2", "d"), ("pid", "m2_i1", "d"))),
    # The frame is the new process's initial stack (see guest/libc/sys/exec.c):
    # argc, argv offsets, NULL, envp offsets, NULL, strings; offsets relative
    # to the frame start, which PM relocates; frame_size a multiple of 4.
    CallNr.EXEC: _pm("exec", (("len", "m1_i1", "n", "path"), ("frame_size", "m1_i2", "d"),
                              ("path", "m1_p1", "s"), ("frame", "m1_p2", "p"))),
    CallNr.SETSID: _pm("setsid"),
    CallNr.GETPGRP: _pm("getpgrp"),
    CallNr.SETPGID: _pm("setpgid", (("pid", "m1_i1", "d"), ("pgid", "m1_i2", "d"))),
    CallNr.GETPGID: _pm("getpgid", (("pid", "m1_i1", "d"),)),
    CallNr.ITIMER: _pm("itimer", (("which", "m1_i1", "d"),)),
    CallNr.GETGROUPS: _pm("getgroups", (("size", "m1_i1", "d"), ("list", "m1_p1", "p"))),
    CallNr.SETGROUPS: _pm("setgroups", (("size", "m1_i1", "d"), ("list", "m1_p1", "p"))),
    CallNr.SIGACTION: _pm("sigaction", (("sig", "m1_i2", "d"), ("act", "m1_p1", "p"),
                                        ("oact", "m1_p2", "p"), ("trampoline", "m1_p3", "p"))),
    CallNr.SIGSUSPEND: _pm("sigsuspend", (("mask", "m2_l1", "x"),)),
    CallNr.SIGPENDING: _pm("sigpending", (), (("pending", "m2_l1", "x"),)),
    CallNr.SIGPROCMASK: _pm("sigprocmask", (("how", "m2_i1", "d"), ("mask", "m2_l1", "x")),
                            (("old", "m2_l1", "x"),)),
    CallNr.SIGRETURN: _pm("sigreturn", (("mask", "m2_l1", "x"), ("ctx", "m2_p1", "p"))),
    CallNr.REBOOT: _pm("reboot", (("how", "m1_i1", "d"),)),
    CallNr.SVRCTL: _pm("svrctl", (("req", "m2_i1", "x"), ("arg", "m2_p1", "p"))),
    CallNr.SYSUNAME: _pm("sysuname", (("req", "m1_i1", "d"), ("field", "m1_i2", "d"),
                                      ("value", "m1_p1", "p"), ("len", "m1_i3", "d"))),
    CallNr.GETSYSINFO: _pm("getsysinfo", (("what", "m1_i1", "d"), ("where", "m1_p1", "p"))),
    CallNr.TIMES: _pm("times"),
    CallNr.GETTIMEOFDAY: _pm("gettimeofday", (), (("sec", "m2_l1", "d"), ("usec", "m2_l2", "d"))),
    CallNr.GETPRIORITY: _pm("getpriority", (("which", "m1_i1", "d"), ("who", "m1_i2", "d"))),
    CallNr.SETPRIORITY: _pm("setpriority", (("which", "m1_i1", "d"), ("who", "m1_i2", "d"),
                                            ("prio", "m1_i3", "d"))),
    CallNr.GETEPINFO: _pm("getepinfo", (("pid", "m1_i1", "d"),),
                          (("uid", "m1_i1", "d"), ("gid", "m1_i2", "d"))),

    CallNr.READ: _vfs("read", (_FD, ("buf", "m1_p1", "p"), ("nbytes", "m1_i2", "d"))),
    CallNr.WRITE: _vfs("write", (_FD, ("buf", "m1_p1", "p"), ("nbytes", "m1_i2", "d"))),
    # open: m3 (_loadname) without O_CREAT, m1 with it (the mode travels only then).
    CallNr.OPEN: _vfs("open", (("len", "m3_i1", "n", "path"), ("flags", "m3_i2", "o"),
                               ("path", "m3_p1", "s")), m3_name=True,
                      alt=(("len", "m1_i1", "n", "path"), ("flags", "m1_i2", "o"),
                           ("mode", "m1_i3", "o"), ("path", "m1_p1", "s")),
                      alt_when=("m3_i2", int(OpenFlag.O_CREAT), int(OpenFlag.O_CREAT))),
    CallNr.CREAT: _m3("creat", (("mode", "m3_i2", "o"),)),
    CallNr.CLOSE: _vfs("close", (_FD,)),
    CallNr.LINK: _two_names("link"),
    CallNr.UNLINK: _m3("unlink"),
    CallNr.CHDIR: _m3("chdir"),
    # m1_p2 is 3.1.8's obsolete size field, always 0.
    CallNr.MKNOD: _m1_path("mknod", (("mode", "m1_i2", "o"), ("dev", "m1_i3", "x"))),
    CallNr.CHMOD: _m3("chmod", (("mode", "m3_i2", "o"),)),
    CallNr.CHOWN: _m1_path("chown", (("owner", "m1_i2", "d"), ("group", "m1_i3", "d"))),
    CallNr.STAT: _m1_path("stat", (("buf", "m1_p2", "p"),)),
    CallNr.LSTAT: _m1_path("lstat", (("buf", "m1_p2", "p"),)),
    CallNr.FSTAT: _vfs("fstat", (_FD, ("buf", "m1_p1", "p"))),
    CallNr.LSEEK: _vfs("lseek", (("fd", "m2_i1", "d"), ("offset", "m2_l1", "d"),
                                 ("whence", "m2_i2", "d")), (("offset", "m2_l1", "d"),)),
    CallNr.LLSEEK: _vfs("llseek", (("fd", "m2_i1", "d"), ("lo", "m2_l1", "d"),
                                   ("hi", "m2_l2", "d"), ("whence", "m2_i2", "d"))),
    # mount: special may be NULL (length 0); name is the mount point; label is
    # a 16-byte file-system server label (flags carry MS_LABEL16).
    CallNr.MOUNT: _vfs("mount", (("speclen", "m1_i1", "n", "special"),
                                 ("len", "m1_i2", "n", "name"), ("flags", "m1_i3", "x"),
                                 ("special", "m1_p1", "s"), ("name", "m1_p2", "s"),
                                 ("label", "m1_p3", "s"))),
    # umount: _loadname; a successful reply carries the label in m3_ca1.
    CallNr.UMOUNT: _m3("umount"),
    # utime(path, times): m2_i1 length; utime(path, NULL): m2_i1 0, m2_i2 length.
    CallNr.UTIME: _vfs("utime", (("len", "m2_i1", "n", "path"), ("actime", "m2_l1", "d"),
                                 ("modtime", "m2_l2", "d"), ("path", "m2_p1", "s")),
                       alt=(("null", "m2_i1", "d"), ("len", "m2_i2", "n", "path"),
                            ("path", "m2_p1", "s")),
                       alt_when=("m2_i1", -1, 0)),
    CallNr.ACCESS: _m3("access", (("mode", "m3_i2", "o"),)),
    CallNr.SYNC: _vfs("sync"),
    CallNr.RENAME: _two_names("rename"),
    CallNr.MKDIR: _m1_path("mkdir", (("mode", "m1_i2", "o"),)),
    CallNr.RMDIR: _m3("rmdir"),
    # dup: fd2 is used only when fd carries DUP_MASK (dup2).
    CallNr.DUP: _vfs("dup", (_FD, ("fd2", "m1_i2", "d"))),
    CallNr.PIPE: _vfs("pipe", (), (("fd0", "m1_i1", "d"), ("fd1", "m1_i2", "d"))),
    # symlink(name1, name2): name1 is the link's contents, name2 the new path.
    CallNr.SYMLINK: _two_names("symlink"),
    CallNr.RDLNK: _m1_path("readlink", (("bufsiz", "m1_i2", "d"), ("buf", "m1_p2", "p"))),
    CallNr.IOCTL: _vfs("ioctl", (("fd", "m2_i1", "d"), ("request", "m2_i3", "x"),
                                 ("data", "m2_p1", "p"))),
    # fcntl: m1_i3 the int argument (F_DUPFD, F_SETFD, F_SETFL), m1_p1 the
    # struct flock (F_GETLK, F_SETLK, F_SETLKW, F_FREESP).
    CallNr.FCNTL: _vfs("fcntl", (_FD, ("cmd", "m1_i2", "d"), ("arg", "m1_i3", "d"),
                                 ("lock", "m1_p1", "p"))),
    CallNr.UMASK: _vfs("umask", (("mask", "m1_i1", "o"),)),
    CallNr.CHROOT: _m3("chroot"),
    CallNr.GETDENTS: _vfs("getdents", (_FD, ("buf", "m1_p1", "p"), ("nbytes", "m1_i2", "d"))),
    CallNr.FSTATFS: _vfs("fstatfs", (_FD, ("buf", "m1_p1", "p"))),
    CallNr.STATVFS: _m1_path("statvfs", (("buf", "m1_p2", "p"),)),
    CallNr.FSTATVFS: _vfs("fstatvfs", (_FD, ("buf", "m1_p1", "p"))),
    CallNr.SELECT: _vfs("select", (("nfds", "m8_i1", "d"), ("readfds", "m8_p1", "p"),
                                   ("writefds", "m8_p2", "p"), ("errorfds", "m8_p3", "p"),
                                   ("timeout", "m8_p4", "p"))),
    CallNr.FCHDIR: _vfs("fchdir", (_FD,)),
    CallNr.FSYNC: _vfs("fsync", (_FD,)),
    CallNr.TRUNCATE: _vfs("truncate", (("len", "m2_i1", "n", "path"), ("path", "m2_p1", "s"),
                                       ("length", "m2_l1", "d"))),
    CallNr.FTRUNCATE: _vfs("ftruncate", (("fd", "m2_i1", "d"), ("length", "m2_l1", "d"))),
    CallNr.FCHMOD: _vfs("fchmod", (_FD, ("mode", "m1_i2", "o"))),
    CallNr.FCHOWN: _vfs("fchown", (_FD, ("owner", "m1_i2", "d"), ("group", "m1_i3", "d"))),
}
