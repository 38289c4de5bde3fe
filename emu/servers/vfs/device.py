"""Devices (MINIX's device.c + dmap.c): which driver serves which major, and I/O.

Character devices speak the driver protocol: VFS sends DEV_OPEN/DEV_READ/...
naming the user process and its buffer, the driver copies the data itself
and answers, or answers SUSPEND and sends DEV_REVIVE later (the process waits
in a suspend.Suspension). Block devices (the disk and its partitions) take
DEV_READ_S/DEV_WRITE_S with a grant of VFS's bounce buffer, whole sectors at
a time; VFS copies the part the process asked for.
"""
from dataclasses import dataclass

from emu.abi import endpoints as ep
from emu.abi.com import FLG_OP_NONBLOCK
from emu.abi.com import SUSPEND as DRIVER_SUSPEND
from emu.abi.com import DEV_REPLY, DEV_REQUEST, REP_ENDPT, REP_STATUS, SESSION, DevReply, DevRequest
from emu.abi.errno import Errno
from emu.abi.fcntl import CTTY_MAJOR, MEMORY_MAJOR, TTY_MAJOR, UDS_MAJOR, OpenFlag
from emu.abi.message import Fields, Message
from emu.kernel.grants import READ, WRITE
from emu.servers.server import SUSPEND, ErrnoError
from emu.servers.vfs.suspend import WaitKind, revive, suspend

# Plain ints for the hot path: enum attribute access and IntFlag arithmetic
# cost 0.1-1 us each (bench/: UDS ping-pong).
_DEV_IOCTL = int(DevRequest.DEV_IOCTL)
_TASK_REPLY = int(DevReply.TASK_REPLY)
_O_NONBLOCK = int(OpenFlag.O_NONBLOCK)
_DRIVER_WAIT = WaitKind.DRIVER
_RESULT_ONLY = Fields("m_type")     # a reply that is only a result, the rest zero
_REVIVE = Fields("m_source", "m_type", REP_ENDPT, REP_STATUS)   # DEV_REPLY and its sender

DISK_MAJOR = 3          # the ATA disk: minor 0 the whole disk, 1..4 its partitions
SECTOR = 512
MAX_BLOCK_IO = 1 << 20  # bytes one block-device read or write moves at most


@dataclass(frozen=True)
class Dmap:
    driver: int          # endpoint
    label: str
    block: bool = False
    clone: bool = False  # each open gets its own minor, the driver's DEV_OPEN answer


def default_dmap(drivers) -> dict[int, Dmap]:
    """The device map for the drivers this system has (endpoints in `drivers`)."""
    every = {MEMORY_MAJOR: Dmap(ep.MEM, "memory"), DISK_MAJOR: Dmap(ep.DISK, "disk", True),
             TTY_MAJOR: Dmap(ep.TTY, "tty"), CTTY_MAJOR: Dmap(ep.TTY, "tty"),
             UDS_MAJOR: Dmap(ep.PFS, "uds", clone=True)}
    return {nr: d for nr, d in every.items() if d.driver in drivers}


def major(dev: int) -> int:
    return (dev >> 8) & 0xFF


def minor(dev: int) -> int:
    return dev & 0xFF


def driver_for(vfs, major_nr: int) -> Dmap:
    d = vfs.dmap.get(major_nr)
    if d is None:
        raise ErrnoError(Errno.ENXIO)
    return d


def _map_minor(major_nr: int, minor_nr: int) -> int:
    """/dev/tty (the controlling terminal) is the console here."""
    return 0 if major_nr == CTTY_MAJOR else minor_nr


def driver_status(reply: Message) -> int:
    """The result of a driver request: REP_STATUS of its TASK_REPLY, or the
    driver's errno when it refused the request outright (an error reply, as
    Server.handle makes for ErrnoError, ENOSYS or ECALLDENIED). Anything else
    is EIO: a driver's error never reads as success."""
    mtype, _, status = DEV_REPLY.unpack(reply)
    if mtype == _TASK_REPLY:
        return status
    return mtype if mtype < 0 else -Errno.EIO


def dev_open(vfs, endpoint: int, major_nr: int, minor_nr: int, flags: int,
             leader: int = 0) -> int:
    """DEV_OPEN with the open flags (O_NOCTTY) and, for a session leader, its
    session in SESSION: a terminal becomes the controlling terminal of the
    session whose leader opens it first without O_NOCTTY (the TTY decides).
    Returns the minor to use (a cloning device's new one)."""
    d = driver_for(vfs, major_nr)
    m = Message.of(DevRequest.DEV_OPEN, m2_i1=_map_minor(major_nr, minor_nr), m2_i2=endpoint,
                   m2_i3=flags)
    setattr(m, SESSION, leader)
    status = driver_status(vfs.sys.sendrec(ep.VFS, d.driver, m))
    if status < 0:
        raise ErrnoError(-status)
    return status if d.clone else minor_nr


def dev_close(vfs, major_nr: int, minor_nr: int) -> None:
    d = vfs.dmap.get(major_nr)
    if d is None:
        return
    m = Message.of(DevRequest.DEV_CLOSE, m2_i1=_map_minor(major_nr, minor_nr), m2_i2=ep.VFS)
    vfs.sys.sendrec(ep.VFS, d.driver, m)


def dev_io(vfs, fp, filp, request: int, address: int, count: int):
    """One read/write/ioctl on a character device for the calling process.

    Hot path for console I/O and sockets (bench/: null syscall, UDS ping-pong):
    one message to the driver, built in one step, no grants."""
    d = driver_for(vfs, filp.major)
    dev_minor = _map_minor(filp.major, filp.minor)
    m = DEV_REQUEST.new(request, dev_minor, fp.endpoint, count,
                        filp.pos if request != _DEV_IOCTL else fp.endpoint,
                        fp.sid,    # SESSION: the terminal's job control
                        address, FLG_OP_NONBLOCK if filp.flags & _O_NONBLOCK else 0)
    serving, vfs.serving = vfs.serving, fp.endpoint   # whom the driver's nested calls act for
    try:
        status = driver_status(vfs.sys.sendrec(ep.VFS, d.driver, m))
    finally:
        vfs.serving = serving
    if status == DRIVER_SUSPEND:
        suspend(fp, _DRIVER_WAIT, request, d.driver, dev_minor, filp)
        return SUSPEND
    if status > 0 and request != _DEV_IOCTL:
        filp.pos += status
    return status


def do_revive(vfs, m: Message):
    """A driver finished a suspended request: reply to the process that made it."""
    driver, _, endpoint, status = _REVIVE.unpack(m)
    fp = vfs.fprocs.get(endpoint)
    s = None if fp is None else fp.suspended
    if s is None or s.kind != _DRIVER_WAIT or s.target != driver:
        return SUSPEND   # the process is gone or was not waiting on this driver
    if status > 0 and s.filp is not None and s.call != _DEV_IOCTL:
        s.filp.pos += status
    _RESULT_ONLY.pack_into(m, 0, status)    # the DEV_REVIVE becomes the process's reply
    revive(vfs, fp, m)
    return SUSPEND


# -- block devices --------------------------------------------------------------
def block_io(vfs, fp, filp, writing: bool, address: int, count: int) -> int:
    """read/write on a block device node through VFS's sector-aligned buffer."""
    d = driver_for(vfs, filp.major)
    count = min(count, MAX_BLOCK_IO)
    pos = filp.pos
    start = pos - pos % SECTOR
    end = -(-(pos + count) // SECTOR) * SECTOR
    buf = bytearray(end - start)
    got = _block_transfer(vfs, d, filp.minor, start, buf, writing=False)
    if writing:
        data = vfs.sys.copy_from(fp.endpoint, address, count)
        if got < pos - start:
            return 0            # at or past the end of the device
        buf[pos - start:pos - start + count] = data
        done = _block_transfer(vfs, d, filp.minor, start, buf, writing=True)
        n = max(0, min(count, done - (pos - start)))
    else:
        n = max(0, min(count, got - (pos - start)))
        if n:
            vfs.sys.copy_to(fp.endpoint, address, bytes(buf[pos - start:pos - start + n]))
    filp.pos += n
    return n


def _block_transfer(vfs, d: Dmap, dev_minor: int, position: int, buf: bytearray,
                    writing: bool) -> int:
    gid = vfs.sys.grant_buffer(ep.VFS, d.driver, buf, READ if writing else WRITE)
    try:
        m = Message.of(DevRequest.DEV_WRITE_S if writing else DevRequest.DEV_READ_S,
                       m2_i1=dev_minor, m2_i2=ep.VFS, m2_i3=len(buf),
                       m2_l1=position & 0xFFFFFFFF, m2_l2=position >> 32, m2_p1=gid)
        status = driver_status(vfs.sys.sendrec(ep.VFS, d.driver, m))
    finally:
        vfs.sys.revoke(ep.VFS, gid)
    if status < 0:
        raise ErrnoError(-status)
    return status
