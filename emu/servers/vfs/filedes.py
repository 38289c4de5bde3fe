"""Descriptors (MINIX's filedes.c + the descriptor calls): get, close, dup, fcntl."""
from emu.abi.errno import Errno
from emu.abi.fcntl import DUP_MASK, FD_CLOEXEC, O_ACCMODE, OPEN_MAX, Fcntl, OpenFlag
from emu.abi.message import Message
from emu.servers.server import ErrnoError

_SETTABLE_FLAGS = int(OpenFlag.O_APPEND | OpenFlag.O_NONBLOCK)   # a plain int: filp.flags stays one


def get_filp(fp, fd: int):
    if not 0 <= fd < OPEN_MAX:
        raise ErrnoError(Errno.EBADF)
    filp = fp.fds[fd]
    if filp is None:
        raise ErrnoError(Errno.EBADF)
    return filp


def install_fd(fp, fd: int, filp) -> int:
    fp.fds[fd] = filp
    fp.cloexec.discard(fd)
    return fd


def close_fd(vfs, fp, fd: int) -> None:
    filp = get_filp(fp, fd)
    fp.fds[fd] = None
    fp.cloexec.discard(fd)
    vfs.put_filp(filp)


def do_close(vfs, m: Message):
    close_fd(vfs, vfs.caller(m), m.m1_i1)
    return 0


def do_dup(vfs, m: Message):
    fp = vfs.caller(m)
    fd, fd2 = m.m1_i1 & ~DUP_MASK, m.m1_i2
    filp = get_filp(fp, fd)
    if m.m1_i1 & DUP_MASK:   # dup2
        if not 0 <= fd2 < OPEN_MAX:
            raise ErrnoError(Errno.EBADF)
        if fd2 == fd:
            return fd2
        if fp.fds[fd2] is not None:
            close_fd(vfs, fp, fd2)
    else:
        fd2 = fp.lowest_free_fd()
        if fd2 is None:
            raise ErrnoError(Errno.EMFILE)
    filp.count += 1
    return install_fd(fp, fd2, filp)


def do_fcntl(vfs, m: Message):
    fp = vfs.caller(m)
    fd, cmd, arg = m.m1_i1, m.m1_i2, m.m1_i3
    filp = get_filp(fp, fd)
    if cmd == Fcntl.F_DUPFD:
        if not 0 <= arg < OPEN_MAX:
            raise ErrnoError(Errno.EINVAL)
        new = fp.lowest_free_fd(arg)
        if new is None:
            raise ErrnoError(Errno.EMFILE)
        filp.count += 1
        return install_fd(fp, new, filp)
    if cmd == Fcntl.F_GETFD:
        return FD_CLOEXEC if fd in fp.cloexec else 0
    if cmd == Fcntl.F_SETFD:
        if arg & FD_CLOEXEC:
            fp.cloexec.add(fd)
        else:
            fp.cloexec.discard(fd)
        return 0
    if cmd == Fcntl.F_GETFL:
        return filp.mode | filp.flags
    if cmd == Fcntl.F_SETFL:
        filp.flags = (filp.flags & ~_SETTABLE_FLAGS) | (arg & _SETTABLE_FLAGS)
        return 0
    if cmd in (Fcntl.F_GETLK, Fcntl.F_SETLK, Fcntl.F_SETLKW):
        raise ErrnoError(Errno.ENOLCK, "record locks are not implemented")
    raise ErrnoError(Errno.EINVAL)


# The access modes (O_ACCMODE) that allow reading, and writing.
READ_MODES, WRITE_MODES = frozenset((0, 2)), frozenset((1, 2))


def readable(filp) -> bool:
    return filp.mode & O_ACCMODE in READ_MODES


def writable(filp) -> bool:
    return filp.mode & O_ACCMODE in WRITE_MODES
