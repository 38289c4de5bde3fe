"""Generate the guest C headers that carry ABI numbers, from this package.

The guest build writes these into its include directory before compiling
anything, so a number changed here reaches every guest program and the
firmware on the next build. Hand-written headers in guest/include include them.
"""
from pathlib import Path

from emu.abi import (bootparams, com, disk, endpoints, fcntl, ioctl, ipc, select, sigcontext, stat,
                     types, uds)
from emu.abi.callnr import M3_STRING, CallNr
from emu.abi.errno import STRERROR, Errno
from emu.abi.signals import NSIG, SigAction, SigHow, Signal

_BANNER = "/* Generated from emu/abi by emu.abi.cheaders; do not edit. */\n"


def _guard(path: str, body: str) -> str:
    macro = "_GEN_" + path.upper().replace("/", "_").replace(".", "_")
    return f"{_BANNER}#ifndef {macro}\n#define {macro}\n\n{body}\n#endif\n"


def _defines(pairs, fmt="{}") -> str:
    return "".join(f"#define {name:<20} {fmt.format(value)}\n" for name, value in pairs)


def _callnr() -> str:
    body = _defines((c.name, c.value) for c in CallNr)
    return body + f"\n#define NCALLS {max(CallNr) + 1}\n"


def _ipcconst() -> str:
    body = _defines((c.name, c.value) for c in ipc.IpcCall)
    body += _defines([("IPC_VECTOR", hex(ipc.IPC_VECTOR)),
                      ("KERNEL_CALL_VECTOR", hex(ipc.KERNEL_CALL_VECTOR))])
    return body + "#define IPC_STATUS_CALL(status) ((status) & 0xFF)\n"


def _com() -> str:
    names = {"PM": "PM_PROC_NR", "VFS": "VFS_PROC_NR", "RS": "RS_PROC_NR",
             "MEM": "MEM_PROC_NR", "LOG": "LOG_PROC_NR", "TTY": "TTY_PROC_NR",
             "DS": "DS_PROC_NR", "MFS": "MFS_PROC_NR", "VM": "VM_PROC_NR",
             "PFS": "PFS_PROC_NR"}
    out = "/* Kernel tasks and system processes. */\n"
    out += _defines([(n, f"((endpoint_t) {getattr(endpoints, n)})")
                     for n in ("ASYNCM", "IDLE", "CLOCK", "SYSTEM", "KERNEL")])
    out += "#define HARDWARE             KERNEL\n"
    out += _defines([(c, f"((endpoint_t) {getattr(endpoints, py)})") for py, c in names.items()])
    out += _defines([("ANY", "((endpoint_t) 0x7ace)"), ("NONE", "((endpoint_t) 0x6ace)"),
                     ("SELF", "((endpoint_t) 0x8ace)"), ("NR_TASKS", endpoints.NR_TASKS),
                     ("NR_PROCS", endpoints.NR_PROCS),
                     ("_ENDPOINT_GENERATION_SIZE", endpoints.GENERATION_SIZE)])
    out += "\n/* Notifications. */\n"
    out += _defines([("NOTIFY_MESSAGE", hex(com.NOTIFY_MESSAGE)),
                     ("NOTIFY_ARG", com.NOTIFY_ARG), ("NOTIFY_TIMESTAMP", com.NOTIFY_TIMESTAMP)])
    out += "#define is_notify(a) ((unsigned) ((a) - NOTIFY_MESSAGE) < 0x100)\n"
    out += "\n/* Character device protocol. */\n"
    out += _defines([("DEV_RQ_BASE", hex(com.DEV_RQ_BASE)), ("DEV_RS_BASE", hex(com.DEV_RS_BASE))])
    out += _defines((c.name, hex(c.value)) for c in com.DevRequest)
    out += _defines((c.name, hex(c.value)) for c in com.DevReply)
    out += _defines([(n, getattr(com, n)) for n in ("DEVICE", "IO_ENDPT", "COUNT", "POSITION",
                                                    "ADDRESS", "FLAGS", "REP_ENDPT", "REP_STATUS")])
    out += _defines([("REQUEST", com.COUNT), ("SUSPEND", com.SUSPEND),
                     ("FLG_OP_NONBLOCK", com.FLG_OP_NONBLOCK)])
    out += "\n/* Kernel calls. */\n"
    out += _defines([("KERNEL_CALL", hex(com.KERNEL_CALL))])
    out += _defines((c.name, hex(c.value)) for c in com.KernelCall)
    out += "\n/* PM to VFS. */\n"
    out += _defines((c.name, hex(c.value)) for c in com.PmRequest)
    out += "\n/* Requests to PM from servers (and privileged users). */\n"
    out += _defines((c.name, hex(c.value)) for c in com.PmServerRequest)
    out += _defines([(n, getattr(com, n)) for n in
                     ("PM_NUCRED_ENDPT", "PM_NUCRED_UID", "PM_NUCRED_GID")])
    out += "\n/* PFS to VFS nested calls. */\n"
    out += _defines((c.name, hex(c.value)) for c in com.PfsVfsCall)
    return out


def _errno() -> str:
    out = _defines((e.name, e.value) for e in Errno)
    return out + f"#define _NERROR              {max(Errno) + 1}\n"


def _strerror() -> str:
    rows = "".join(f'    [{e.value}] = "{text}", \\\n' for e, text in sorted(STRERROR.items()))
    return "/* An initializer for `static const char *const table[]`. */\n" \
           f"#define STRERROR_TABLE {{ \\\n{rows}}}\n#define STRERROR_TABLE_SIZE {max(Errno) + 1}\n"


def _signals() -> str:
    out = _defines((s.name, s.value) for s in Signal)
    out += f"#define SIGIOT               SIGABRT\n#define _NSIG                {NSIG}\n" \
           f"#define NSIG                 _NSIG\n"
    out += _defines((f.name, f"{f.value:#06x}") for f in SigAction)
    return out + _defines((h.name, h.value) for h in SigHow)


def _sigcontext() -> str:
    out = "#include <sys/types.h>\n#include <minix/gen/types.h>\n\n"
    out += _defines([("SC_FPSTATE", sigcontext.SC_FPSTATE)])
    out += "\n#ifndef _SIGSET_T\n#define _SIGSET_T\ntypedef unsigned long sigset_t;\n#endif\n"
    out += "\n/* The context a signal interrupted; sigreturn(2) restores it. */\nstruct sigcontext {\n"
    out += "".join(f"    {decl};\n" for _n, decl, _c in sigcontext.SIGCONTEXT_FIELDS)
    out += "};\n"
    out += f"_Static_assert(sizeof(struct sigcontext) == {sigcontext.SIGCONTEXT_SIZE}, " \
           "\"sigcontext size\");\n"
    out += "\n/* What the kernel pushes to run a handler (emu/abi/sigcontext.py). */\n" \
           "struct sigframe {\n    void (*sf_retadr)(void);\n    int sf_signo;\n    int sf_code;\n" \
           "    struct sigcontext *sf_scp;\n    struct sigcontext sf_sc;\n};\n"
    return out + "\nint sigreturn(struct sigcontext *scp);\n"


def _fcntl() -> str:
    pairs = [("O_RDONLY", fcntl.O_RDONLY), ("O_WRONLY", fcntl.O_WRONLY),
             ("O_RDWR", fcntl.O_RDWR), ("O_ACCMODE", fcntl.O_ACCMODE)]
    out = _defines(pairs)
    out += _defines(((f.name, f"0{f.value:o}") for f in fcntl.OpenFlag))
    out += _defines((c.name, c.value) for c in fcntl.Fcntl)
    out += _defines([("FD_CLOEXEC", fcntl.FD_CLOEXEC), ("DUP_MASK", f"0{fcntl.DUP_MASK:o}"),
                     ("WNOHANG", fcntl.WNOHANG),
                     ("WUNTRACED", fcntl.WUNTRACED), ("WCONTINUED", fcntl.WCONTINUED)])
    out += "#include <minix/gen/seek.h>\n"
    out += _defines((n, getattr(fcntl, n)) for n in ("F_OK", "X_OK", "W_OK", "R_OK"))
    out += _defines(((n, f"0{getattr(fcntl, n):o}") for n in
                     ("S_IFMT", "S_IFSOCK", "S_IFLNK", "S_IFREG", "S_IFBLK", "S_IFDIR",
                      "S_IFCHR", "S_IFIFO", "S_ISUID", "S_ISGID", "S_ISVTX",
                      "S_IRWXU", "S_IRUSR", "S_IWUSR", "S_IXUSR", "S_IRWXG", "S_IRGRP",
                      "S_IWGRP", "S_IXGRP", "S_IRWXO", "S_IROTH", "S_IWOTH", "S_IXOTH")))
    return out


def _fs() -> str:
    out = "/* File-system structures' constants (emu/abi/stat.py). */\n"
    out += _defines([("M3_STRING", M3_STRING), ("_DIRENT_NAME_LEN", stat.DIRENT_NAME_LEN),
                     ("MOUNT_LABEL_SIZE", stat.MOUNT_LABEL_SIZE)])
    out += _defines((n, hex(getattr(stat, n))) for n in
                    ("ST_RDONLY", "ST_NOSUID", "ST_NOTRUNC", "MS_RDONLY", "MS_REUSE",
                     "MS_LABEL16", "MS_EXISTING"))
    return out


def _seek() -> str:
    return _defines((n, getattr(fcntl, n)) for n in ("SEEK_SET", "SEEK_CUR", "SEEK_END"))


def _limits() -> str:
    return _defines((n, getattr(fcntl, n)) for n in
                    ("OPEN_MAX", "FD_SETSIZE", "NR_FILPS", "PIPE_BUF", "PATH_MAX",
                     "NAME_MAX", "NGROUPS_MAX", "SYMLOOP_MAX", "ARG_MAX", "HZ"))


def _select() -> str:
    return _defines([("FD_SETSIZE", fcntl.FD_SETSIZE), ("NFDBITS", select.NFDBITS),
                     ("_FD_SET_WORDS", select.FD_SET_WORDS)])


def _types() -> str:
    out = ""
    for name, (ctype, _size) in types.C_TYPES.items():
        guard = "_" + name.upper()
        out += f"#ifndef {guard}\n#define {guard}\ntypedef {ctype} {name};\n#endif\n"
    return out


def _bootparams() -> str:
    out = "#include <stdint.h>\n\n"
    out += _defines([("BOOT_MAGIC", hex(bootparams.BOOT_MAGIC)),
                     ("BOOT_VERSION", bootparams.BOOT_VERSION),
                     ("CMOS_BOOT_FLAGS", hex(bootparams.CMOS_BOOT_FLAGS)),
                     ("BOOT_FLAG_QUIET", hex(bootparams.BOOT_FLAG_QUIET)),
                     ("BOOT_FLAG_CRLF", hex(bootparams.BOOT_FLAG_CRLF)),
                     ("MINIX_PARTITION", hex(bootparams.MINIX_PARTITION)),
                     ("OLD_MINIX_PARTITION", hex(bootparams.OLD_MINIX_PARTITION)),
                     ("SUPER_BLOCK_OFFSET", bootparams.SUPER_BLOCK_OFFSET),
                     ("SUPER_V3_MAGIC", hex(bootparams.SUPER_V3_MAGIC))])
    out += _defines(("BOOTDISK_" + s.name, s.value) for s in bootparams.DiskStatus)
    out += "\nstruct bootparams {\n"
    for name, ctype, count in bootparams.FIELDS:
        out += f"    {ctype} {name}{f'[{count}]' if count else ''};\n"
    out += "};\n"
    out += f"_Static_assert(sizeof(struct bootparams) == {bootparams.SIZE}, \"bootparams size\");\n"
    return out


def _ioctl() -> str:
    out = "/* BSD encoding: direction | size << 16 | group << 8 | number. */\n"
    out += _defines([("IOCPARM_MASK", hex(ioctl.IOCPARM_MASK)), ("IOC_VOID", hex(ioctl.IOC_VOID)),
                     ("IOC_OUT", hex(ioctl.IOC_OUT)), ("IOC_IN", hex(ioctl.IOC_IN)),
                     ("IOC_INOUT", "(IOC_IN | IOC_OUT)")])
    out += "#define _IOC(inout, group, num, len) \\\n" \
           "    ((unsigned long) ((inout) | (((len) & IOCPARM_MASK) << 16) | ((group) << 8) | (num)))\n"
    out += "#define _IO(g, n) _IOC(IOC_VOID, (g), (n), 0)\n"
    out += "#define _IOR(g, n, t) _IOC(IOC_OUT, (g), (n), sizeof(t))\n"
    out += "#define _IOW(g, n, t) _IOC(IOC_IN, (g), (n), sizeof(t))\n"
    out += "#define _IORW(g, n, t) _IOC(IOC_INOUT, (g), (n), sizeof(t))\n"
    out += "#define _IOWR _IORW\n\n/* Terminal requests (values checked against the Python ABI). */\n"
    out += _defines((name, f"{value:#x}") for name, value in ioctl.TTY_REQUESTS.items())
    return out


def _termios() -> str:
    names = ["BRKINT", "ICRNL", "IGNBRK", "IGNCR", "IGNPAR", "INLCR", "INPCK", "ISTRIP", "IXOFF",
             "IXON", "PARMRK", "OPOST", "ONLCR", "XTABS", "ONOEOT", "CLOCAL", "CREAD", "CSIZE",
             "CS8", "CSTOPB", "HUPCL", "PARENB", "PARODD", "ECHO", "ECHOE", "ECHOK", "ECHONL",
             "ICANON", "IEXTEN", "ISIG", "NOFLSH", "TOSTOP", "VEOF", "VEOL", "VERASE", "VINTR",
             "VKILL", "VMIN", "VQUIT", "VTIME", "VSUSP", "VSTART", "VSTOP", "VREPRINT", "VLNEXT",
             "VDISCARD", "NCCS", "B9600", "B38400", "B115200", "TCIFLUSH", "TCOFLUSH",
             "TCIOFLUSH", "TCOOFF", "TCOON", "TCIOFF", "TCION"]
    decimal = {n for n in names if n.startswith(("V", "TC")) or
               n in ("NCCS", "B9600", "B38400", "B115200")}
    out = _defines((n, getattr(ioctl, n) if n in decimal else f"{getattr(ioctl, n):#06x}")
                   for n in names)
    out += "\ntypedef unsigned short tcflag_t;\ntypedef unsigned char cc_t;\n" \
           "typedef unsigned int speed_t;\n\nstruct termios {\n" \
           "    tcflag_t c_iflag;\n    tcflag_t c_oflag;\n    tcflag_t c_cflag;\n" \
           "    tcflag_t c_lflag;\n    speed_t c_ispeed;\n    speed_t c_ospeed;\n" \
           "    cc_t c_cc[NCCS];\n};\n" \
           f"_Static_assert(sizeof(struct termios) == {ioctl.TERMIOS.size}, \"termios size\");\n\n" \
           "struct winsize {\n    unsigned short ws_row;\n    unsigned short ws_col;\n" \
           "    unsigned short ws_xpixel;\n    unsigned short ws_ypixel;\n};\n"
    return out


def _partition() -> str:
    return "/* Place of a partition on disk and the disk geometry (DIOCGETP/DIOCSETP). */\n" \
           "struct diskpart {\n    unsigned long long base;  /* byte offset of the start */\n" \
           "    unsigned long long size;  /* bytes */\n    unsigned cylinders;\n" \
           "    unsigned heads;\n    unsigned sectors;\n};\n" \
           f"_Static_assert(sizeof(struct diskpart) == {disk.DISKPART.size}, \"diskpart size\");\n"


def _ioc_disk() -> str:
    out = "#include <minix/gen/ioctl.h>\n#include <minix/partition.h>\n\n"
    return out + _defines((name, f"{value:#x}") for name, value in disk.DISK_REQUESTS.items())


def _psinfo() -> str:
    from emu.abi import psinfo
    out = _defines([("SI_PROC_TAB", psinfo.SI_PROC_TAB),
                    ("PSINFO_NAME_LEN", psinfo.PSINFO_NAME_LEN)])
    out += "\nstruct psinfo {\n"
    out += "".join(f"    int {name};\n" for name in psinfo.PSINFO_FIELDS)
    out += "    char name[PSINFO_NAME_LEN];\n};\n"
    return out


def _reboot() -> str:
    from emu.abi.reboot import Rbt
    return _defines((r.name, r.value) for r in Rbt)


def _socket() -> str:
    out = "/* Socket constants and /dev/uds requests (emu/abi/uds.py). */\n"
    out += _defines((n, v if n != "SOL_SOCKET" else hex(v))
                    for n, v in uds.SOCKET_CONSTANTS.items())
    out += _defines([("UDS_MAJOR", uds.UDS_MAJOR), ("UDS_SUN_PATH_MAX", uds.SUN_PATH_MAX),
                     ("UDS_BUF", uds.UDS_BUF)])
    out += _defines((name, f"{value:#x}u") for name, value in uds.UDS_REQUESTS.items())
    return out


HEADERS = {
    "minix/gen/reboot.h": _reboot,
    "minix/gen/psinfo.h": _psinfo,
    "minix/callnr.h": _callnr,
    "minix/ipcconst.h": _ipcconst,
    "minix/com.h": _com,
    "minix/bootparams.h": _bootparams,
    "sys/errno.h": _errno,
    "minix/gen/strerror.h": _strerror,
    "minix/gen/signals.h": _signals,
    "sys/sigcontext.h": _sigcontext,
    "minix/gen/fcntl.h": _fcntl,
    "minix/gen/seek.h": _seek,
    "minix/gen/limits.h": _limits,
    "minix/gen/select.h": _select,
    "minix/gen/fs.h": _fs,
    "minix/gen/types.h": _types,
    "minix/gen/ioctl.h": _ioctl,
    "minix/gen/termios.h": _termios,
    "minix/partition.h": _partition,
    "sys/ioc_disk.h": _ioc_disk,
    "minix/gen/socket.h": _socket,
}


def render() -> dict[str, str]:
    """Every generated header: relative path -> text."""
    return {path: _guard(path, make()) for path, make in HEADERS.items()}


def write(include_dir: Path) -> None:
    """Write the headers under include_dir, touching only files that changed."""
    for rel, text in render().items():
        path = include_dir / rel
        if path.exists() and path.read_text() == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
