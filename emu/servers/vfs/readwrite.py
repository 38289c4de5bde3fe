"""read and write (read.c): on devices for now, through the driver protocol."""
from emu.abi.com import DevRequest
from emu.abi.errno import Errno
from emu.abi.message import Message
from emu.servers.server import ErrnoError
from emu.servers.vfs.device import dev_io
from emu.servers.vfs.filedes import get_filp, readable, writable


def do_read(vfs, m: Message):
    return _rw(vfs, m, DevRequest.DEV_READ)


def do_write(vfs, m: Message):
    return _rw(vfs, m, DevRequest.DEV_WRITE)


def _rw(vfs, m: Message, request: int):
    fp = vfs.caller(m)
    filp = get_filp(fp, m.m1_i1)
    count = m.m1_i2
    if count < 0:
        raise ErrnoError(Errno.EINVAL)
    if not (readable(filp) if request == DevRequest.DEV_READ else writable(filp)):
        raise ErrnoError(Errno.EBADF)
    if count == 0:
        return 0
    return dev_io(vfs, fp, filp, request, m.m1_p1, count)


def do_ioctl(vfs, m: Message):
    fp = vfs.caller(m)
    filp = get_filp(fp, m.m2_i1)
    return dev_io(vfs, fp, filp, DevRequest.DEV_IOCTL, m.m2_p1, m.m2_i3)
