"""System call numbers (<minix/callnr.h>, 3.1.8) and how a trace decodes them.

Each call is served by PM or VFS. `CALLS` says which, and names the message
fields a call uses, so the trace can print `write(fd=1, buf=0x..., nbytes=6)`
instead of a raw message.
"""
from dataclasses import dataclass
from enum import IntEnum

from emu.abi import endpoints as ep


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


@dataclass(frozen=True)
class CallSpec:
    """How one call looks in a message: its server and the fields it uses.

    A field is (name, message field, format) with format 'd' decimal,
    'x' hex, 'o' octal or 'p' pointer.
    """
    name: str
    server: int
    args: tuple = ()
    reply: tuple = ()


def _pm(name, args=(), reply=()):
    return CallSpec(name, ep.PM, args, reply)


def _vfs(name, args=(), reply=()):
    return CallSpec(name, ep.VFS, args, reply)


_FD = ("fd", "m1_i1", "d")
_PATH3 = (("len", "m3_i1", "d"), ("path", "m3_p1", "p"))

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
    CallNr.EXEC: _pm("exec", (("len", "m1_i1", "d"), ("frame_size", "m1_i2", "d"),
                              ("path", "m1_p1", "p"), ("frame", "m1_p2", "p"))),
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
    CallNr.OPEN: _vfs("open", (("len", "m3_i1", "d"), ("flags", "m3_i2", "o"),
                               ("path", "m3_p1", "p"))),
    CallNr.CREAT: _vfs("creat", _PATH3 + (("mode", "m3_i2", "o"),)),
    CallNr.CLOSE: _vfs("close", (_FD,)),
    CallNr.LINK: _vfs("link", (("name1", "m1_p1", "p"), ("name2", "m1_p2", "p"))),
    CallNr.UNLINK: _vfs("unlink", _PATH3),
    CallNr.CHDIR: _vfs("chdir", _PATH3),
    CallNr.MKNOD: _vfs("mknod", (("path", "m1_p1", "p"), ("mode", "m1_i2", "o"),
                                 ("dev", "m1_i3", "x"))),
    CallNr.CHMOD: _vfs("chmod", _PATH3 + (("mode", "m3_i2", "o"),)),
    CallNr.CHOWN: _vfs("chown", (("path", "m1_p1", "p"), ("owner", "m1_i2", "d"),
                                 ("group", "m1_i3", "d"))),
    CallNr.STAT: _vfs("stat", (("path", "m1_p1", "p"), ("buf", "m1_p2", "p"))),
    CallNr.LSTAT: _vfs("lstat", (("path", "m1_p1", "p"), ("buf", "m1_p2", "p"))),
    CallNr.FSTAT: _vfs("fstat", (_FD, ("buf", "m1_p1", "p"))),
    CallNr.LSEEK: _vfs("lseek", (("fd", "m2_i1", "d"), ("offset", "m2_l1", "d"),
                                 ("whence", "m2_i2", "d")), (("offset", "m2_l1", "d"),)),
    CallNr.LLSEEK: _vfs("llseek", (("fd", "m2_i1", "d"), ("lo", "m2_l1", "d"),
                                   ("hi", "m2_l2", "d"), ("whence", "m2_i2", "d"))),
    CallNr.MOUNT: _vfs("mount"),
    CallNr.UMOUNT: _vfs("umount"),
    CallNr.UTIME: _vfs("utime"),
    CallNr.ACCESS: _vfs("access", _PATH3 + (("mode", "m3_i2", "o"),)),
    CallNr.SYNC: _vfs("sync"),
    CallNr.RENAME: _vfs("rename", (("name1", "m1_p1", "p"), ("name2", "m1_p2", "p"))),
    CallNr.MKDIR: _vfs("mkdir", (("path", "m1_p1", "p"), ("mode", "m1_i2", "o"))),
    CallNr.RMDIR: _vfs("rmdir", _PATH3),
    CallNr.DUP: _vfs("dup", (_FD, ("fd2", "m1_i2", "d"))),
    CallNr.PIPE: _vfs("pipe", (), (("fd0", "m1_i1", "d"), ("fd1", "m1_i2", "d"))),
    CallNr.SYMLINK: _vfs("symlink", (("name1", "m1_p1", "p"), ("name2", "m1_p2", "p"))),
    CallNr.RDLNK: _vfs("readlink", _PATH3),
    CallNr.IOCTL: _vfs("ioctl", (("fd", "m2_i1", "d"), ("request", "m2_i3", "x"),
                                 ("data", "m2_p1", "p"))),
    CallNr.FCNTL: _vfs("fcntl", (_FD, ("cmd", "m1_i2", "d"), ("arg", "m1_i3", "d"))),
    CallNr.UMASK: _vfs("umask", (("mask", "m1_i1", "o"),)),
    CallNr.CHROOT: _vfs("chroot", _PATH3),
    CallNr.GETDENTS: _vfs("getdents", (_FD, ("buf", "m1_p1", "p"), ("nbytes", "m1_i2", "d"))),
    CallNr.FSTATFS: _vfs("fstatfs", (_FD, ("buf", "m1_p1", "p"))),
    CallNr.STATVFS: _vfs("statvfs", (("path", "m1_p1", "p"), ("buf", "m1_p2", "p"))),
    CallNr.FSTATVFS: _vfs("fstatvfs", (_FD, ("buf", "m1_p1", "p"))),
    CallNr.SELECT: _vfs("select", (("nfds", "m8_i1", "d"), ("readfds", "m8_p1", "p"),
                                   ("writefds", "m8_p2", "p"), ("errorfds", "m8_p3", "p"),
                                   ("timeout", "m8_p4", "p"))),
    CallNr.FCHDIR: _vfs("fchdir", (_FD,)),
    CallNr.FSYNC: _vfs("fsync", (_FD,)),
    CallNr.TRUNCATE: _vfs("truncate", (("path", "m2_p1", "p"), ("length", "m2_l1", "d"))),
    CallNr.FTRUNCATE: _vfs("ftruncate", (("fd", "m2_i1", "d"), ("length", "m2_l1", "d"))),
    CallNr.FCHMOD: _vfs("fchmod", (_FD, ("mode", "m1_i2", "o"))),
    CallNr.FCHOWN: _vfs("fchown", (_FD, ("owner", "m1_i2", "d"), ("group", "m1_i3", "d"))),
}
