"""errno values of MINIX 3.1.8. Servers reply with the negated value."""
from enum import IntEnum


class Errno(IntEnum):
    EPERM = 1
    ENOENT = 2
    ESRCH = 3
    EINTR = 4
    EIO = 5
    ENXIO = 6
    E2BIG = 7
    ENOEXEC = 8
    EBADF = 9
    ECHILD = 10
    EAGAIN = 11
    ENOMEM = 12
    EACCES = 13
    EFAULT = 14
    ENOTBLK = 15
    EBUSY = 16
    EEXIST = 17
    EXDEV = 18
    ENODEV = 19
    ENOTDIR = 20
    EISDIR = 21
    EINVAL = 22
    ENFILE = 23
    EMFILE = 24
    ENOTTY = 25
    ETXTBSY = 26
    EFBIG = 27
    ENOSPC = 28
    ESPIPE = 29
    EROFS = 30
    EMLINK = 31
    EPIPE = 32
    EDOM = 33
    ERANGE = 34
    EDEADLK = 35
    ENAMETOOLONG = 36
    ENOLCK = 37
    ENOSYS = 38
    ENOTEMPTY = 39
    ELOOP = 40
    EOVERFLOW = 46
    ENOBUFS = 51
    EBADIOCTL = 52
    EWOULDBLOCK = 54
    EISCONN = 57
    EADDRINUSE = 58
    ECONNREFUSED = 59
    ECONNRESET = 60
    ETIMEDOUT = 61
    ENOTCONN = 64
    ESHUTDOWN = 65
    EAFNOSUPPORT = 67
    EPROTONOSUPPORT = 68
    EPROTOTYPE = 69
    EINPROGRESS = 70
    EALREADY = 72
    EMSGSIZE = 73
    ENOTSOCK = 74
    ENOPROTOOPT = 75
    EOPNOTSUPP = 76
    EDESTADDRREQ = 79
    # Kernel and IPC errors.
    EGENERIC = 99
    ELOCKED = 101
    EBADCALL = 102
    ECALLDENIED = 104
    EDEADSRCDST = 105
    ENOTREADY = 106
    EBADREQUEST = 107
    ETRAPDENIED = 110
    EDONTREPLY = 201
    EBADEPT = 301
    EDEADEPT = 302


def errno_name(value: int) -> str:
    """Name of an errno value (positive or negated), or the number itself."""
    try:
        return Errno(abs(value)).name
    except ValueError:
        return str(value)


class ErrnoError(Exception):
    """Fail the current call with an errno. Servers raise it (the reply's m_type
    becomes -errno) and the kernel's SYSTEM task raises it for a bad copy or
    endpoint; it lives here, below both, so the kernel never imports a server."""

    def __init__(self, errno: int, detail: str = "") -> None:
        # The text is made only when someone prints it: a lookup of a missing
        # name raises one on every open(O_CREAT) (bench/: create+write+close).
        self.errno = int(errno)
        self.detail = detail
        super().__init__(self.errno, detail)

    def __str__(self) -> str:
        return f"{errno_name(self.errno)}{': ' + self.detail if self.detail else ''}"


# Messages a user sees from strerror(); the C library table is generated from this.
STRERROR = {
    Errno.EPERM: "Operation not permitted",
    Errno.ENOENT: "No such file or directory",
    Errno.ESRCH: "No such process",
    Errno.EINTR: "Interrupted function call",
    Errno.EIO: "Input/output error",
    Errno.ENXIO: "No such device or address",
    Errno.E2BIG: "Arg list too long",
    Errno.ENOEXEC: "Exec format error",
    Errno.EBADF: "Bad file descriptor",
    Errno.ECHILD: "No child process",
    Errno.EAGAIN: "Resource temporarily unavailable",
    Errno.ENOMEM: "Not enough space",
    Errno.EACCES: "Permission denied",
    Errno.EFAULT: "Bad address",
    Errno.ENOTBLK: "Extension: not a block special file",
    Errno.EBUSY: "Resource busy",
    Errno.EEXIST: "File exists",
    Errno.EXDEV: "Improper link",
    Errno.ENODEV: "No such device",
    Errno.ENOTDIR: "Not a directory",
    Errno.EISDIR: "Is a directory",
    Errno.EINVAL: "Invalid argument",
    Errno.ENFILE: "Too many open files in system",
    Errno.EMFILE: "Too many open files",
    Errno.ENOTTY: "Inappropriate I/O control operation",
    Errno.ETXTBSY: "Text file busy",
    Errno.EFBIG: "File too large",
    Errno.ENOSPC: "No space left on device",
    Errno.ESPIPE: "Invalid seek",
    Errno.EROFS: "Read-only file system",
    Errno.EMLINK: "Too many links",
    Errno.EPIPE: "Broken pipe",
    Errno.EDOM: "Domain error",
    Errno.ERANGE: "Result too large",
    Errno.EDEADLK: "Resource deadlock avoided",
    Errno.ENAMETOOLONG: "File name too long",
    Errno.ENOLCK: "No locks available",
    Errno.ENOSYS: "Function not implemented",
    Errno.ENOTEMPTY: "Directory not empty",
    Errno.ELOOP: "Too many levels of symbolic links",
    Errno.EOVERFLOW: "Value too large to be stored in data type",
    Errno.ENOBUFS: "No buffer space available",
    Errno.EBADIOCTL: "Unknown ioctl request",
    Errno.EWOULDBLOCK: "Operation would block",
    Errno.EISCONN: "Socket is already connected",
    Errno.EADDRINUSE: "Address already in use",
    Errno.ECONNREFUSED: "Connection refused",
    Errno.ECONNRESET: "Connection reset",
    Errno.ETIMEDOUT: "Connection timed out",
    Errno.ENOTCONN: "Socket is not connected",
    Errno.ESHUTDOWN: "Cannot send after socket shutdown",
    Errno.EAFNOSUPPORT: "Address family not supported",
    Errno.EPROTONOSUPPORT: "Protocol not supported",
    Errno.EPROTOTYPE: "Protocol wrong type for socket",
    Errno.EINPROGRESS: "Operation now in progress",
    Errno.EALREADY: "Operation already in progress",
    Errno.EMSGSIZE: "Message too long",
    Errno.ENOTSOCK: "Socket operation on non-socket",
    Errno.ENOPROTOOPT: "Protocol not available",
    Errno.EOPNOTSUPP: "Operation not supported",
    Errno.EDESTADDRREQ: "Destination address required",
    Errno.EGENERIC: "Generic error",
    Errno.ELOCKED: "Send would deadlock",
    Errno.EBADCALL: "Illegal IPC call",
    Errno.ECALLDENIED: "Kernel call denied",
    Errno.EDEADSRCDST: "Source or destination is not alive",
    Errno.ENOTREADY: "Source or destination is not ready",
    Errno.EBADREQUEST: "Destination cannot handle request",
    Errno.ETRAPDENIED: "IPC trap not allowed",
    Errno.EDONTREPLY: "No reply",
    Errno.EBADEPT: "Invalid endpoint",
    Errno.EDEADEPT: "Dead endpoint",
}


def errno_text(value: int) -> str:
    """strerror() of an errno value, lower case for a message: 'not enough space'."""
    try:
        text = STRERROR[Errno(abs(value))]
    except (ValueError, KeyError):
        return errno_name(value)
    return text[0].lower() + text[1:]
