"""Disk ioctls (MINIX's do_diocntl): the geometry of a minor (DIOCGETP,
DIOCSETP), its open count (DIOCOPENCT) and flushing the drive's write cache
(DIOCFLUSH). The argument travels through a grant made by the requester.
"""
import struct
from operator import attrgetter

from emu.abi import com
from emu.abi import disk as D
from emu.abi.errno import Errno
from emu.abi.message import Message
from emu.servers.disk.ata import AtaError
from emu.servers.server import ErrnoError

_ioctl = attrgetter(com.DEVICE, com.IO_ENDPT, com.COUNT, com.IO_GRANT)
_OPENCT = struct.Struct("<i")


def do_ioctl(disk, m: Message) -> Message:
    disk.check_sender(m)
    minor, endpoint, request, grant = _ioctl(m)
    request &= 0xFFFFFFFF          # the direction bits make codes negative as int32
    try:
        drive, index = disk.device(minor)
        if request == D.DIOCGETP:
            base, size = drive.geometry[index]
            ident = drive.identity
            disk.sys.safecopy_to(disk.endpoint, m.m_source, grant, 0,
                                 D.DISKPART.pack(base, size, ident.cylinders, ident.heads,
                                                 ident.spt))
        elif request == D.DIOCSETP:
            raw = disk.sys.safecopy_from(disk.endpoint, m.m_source, grant, 0, D.DISKPART.size)
            base, size, _cyl, _heads, _spt = D.DISKPART.unpack(raw)
            _set_partition(drive, index, base, size)
        elif request == D.DIOCOPENCT:
            disk.sys.safecopy_to(disk.endpoint, m.m_source, grant, 0,
                                 _OPENCT.pack(drive.open_count))
        elif request == D.DIOCFLUSH:
            drive.flush()
        else:
            raise ErrnoError(Errno.ENOTTY)
    except ErrnoError as e:
        return disk.reply(endpoint, -e.errno)
    except AtaError:
        return disk.reply(endpoint, -Errno.EIO)
    return disk.reply(endpoint, 0)


def _set_partition(drive, index: int, base: int, size: int) -> None:
    """A partition's new place (what part(8) does): whole sectors, within the
    disk. The whole-disk minor keeps the drive's size (EINVAL)."""
    disk_bytes = drive.sectors << D.SECTOR_SHIFT
    if index == 0 or base % D.SECTOR_SIZE or size % D.SECTOR_SIZE \
            or base + size > disk_bytes:
        raise ErrnoError(Errno.EINVAL)
    drive.geometry[index] = (base, size)
