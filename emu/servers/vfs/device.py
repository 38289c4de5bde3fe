"""Talking to character device drivers: the dmap, requests, and revivals.

VFS sends a driver DEV_READ/DEV_WRITE/DEV_IOCTL naming the user process, its
buffer and the count; the driver copies the data itself. A driver that has
to wait answers SUSPEND and later sends DEV_REVIVE, and VFS then replies to
the suspended process.
"""
from emu.abi import endpoints as ep
from emu.abi.com import SUSPEND as DRIVER_SUSPEND
from emu.abi.com import FLG_OP_NONBLOCK, REP_STATUS, DevReply, DevRequest
from emu.abi.errno import Errno
from emu.abi.fcntl import OpenFlag, TTY_MAJOR
from emu.abi.message import Message
from emu.servers.server import SUSPEND, ErrnoError
from emu.servers.vfs.fproc import Suspension

# Character device majors and the driver endpoint behind each.
DMAP = {TTY_MAJOR: ep.TTY}


def driver_for(major: int) -> int:
    driver = DMAP.get(major)
    if driver is None:
        raise ErrnoError(Errno.ENXIO)
    return driver


def dev_io(vfs, fp, filp, request: int, address: int, count: int):
    """One read/write/ioctl on a character device for the calling process."""
    driver = driver_for(filp.major)
    m = Message.of(request)
    m.m2_i1 = filp.minor
    m.m2_i2 = fp.endpoint
    m.m2_i3 = count
    m.m2_l1 = filp.pos if request != DevRequest.DEV_IOCTL else fp.endpoint
    m.m2_p1 = address
    m.m2_s1 = FLG_OP_NONBLOCK if filp.flags & OpenFlag.O_NONBLOCK else 0
    status = driver_status(vfs.sys.sendrec(ep.VFS, driver, m))
    if status == DRIVER_SUSPEND:
        fp.suspended = Suspension(request, driver)
        return SUSPEND
    return status


def driver_status(reply: Message) -> int:
    """The result of a driver request: REP_STATUS of its TASK_REPLY, or the
    driver's errno when it refused the request outright (an error reply, as
    Server.handle makes for ErrnoError, ENOSYS or ECALLDENIED). Anything else
    is EIO: a driver's error never reads as success."""
    mtype = reply.m_type
    if mtype == DevReply.TASK_REPLY:
        return getattr(reply, REP_STATUS)
    return mtype if mtype < 0 else -Errno.EIO


def dev_open(vfs, endpoint: int, major: int, minor: int, flags: int) -> int:
    """Open a device for `endpoint`: 0 (or a driver's positive status) or -errno."""
    m = Message.of(DevRequest.DEV_OPEN, m2_i1=minor, m2_i2=endpoint, m2_i3=flags)
    return driver_status(vfs.sys.sendrec(ep.VFS, driver_for(major), m))


def dev_close(vfs, major: int, minor: int) -> None:
    m = Message.of(DevRequest.DEV_CLOSE, m2_i1=minor, m2_i2=ep.VFS)
    vfs.sys.sendrec(ep.VFS, driver_for(major), m)


def do_revive(vfs, m: Message):
    """A driver finished a suspended request: reply to the process that made it."""
    endpoint, status = m.m2_i1, m.m2_i2
    fp = vfs.fprocs.get(endpoint)
    if fp is None or fp.suspended is None or fp.suspended.driver != m.m_source:
        return SUSPEND   # the process is gone or was not waiting on this driver
    fp.suspended = None
    vfs.sys.send(ep.VFS, endpoint, Message.of(status))
    return SUSPEND


def cancel_suspended(vfs, fp) -> None:
    """Tell the driver to forget a request of a process that is going away."""
    if fp.suspended is None:
        return
    m = Message.of(DevRequest.CANCEL, m2_i2=fp.endpoint, m2_i3=fp.suspended.call)
    vfs.sys.sendrec(ep.VFS, fp.suspended.driver, m)
    fp.suspended = None
