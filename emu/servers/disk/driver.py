"""The block-device requests (MINIX's driver.c): open, close, read and write.

Every request names a minor (DEVICE) and the process it is for (IO_ENDPT),
and is answered with TASK_REPLY carrying that endpoint and a status: bytes
transferred or a negative errno. READ_S/WRITE_S move data through a grant
(IO_GRANT) made by the requester, at a byte POSITION/HIGHPOS within the minor;
both must be multiples of 512. A read at or past the end returns 0, a
transfer that crosses the end is cut short there, and a drive error is EIO.
"""
from operator import attrgetter

from emu.abi import com
from emu.abi.disk import SECTOR_SHIFT, SECTOR_SIZE
from emu.abi.errno import Errno
from emu.abi.message import Message
from emu.servers.disk.ata import MAX_SECTORS_PER_COMMAND, AtaError
from emu.servers.server import ErrnoError

_request = attrgetter(com.DEVICE, com.IO_ENDPT, com.COUNT, com.POSITION, com.HIGHPOS,
                      com.IO_GRANT)
_open = attrgetter(com.DEVICE, com.IO_ENDPT)
CHUNK_SECTORS = MAX_SECTORS_PER_COMMAND     # one ATA command, one safecopy


def do_open(disk, m: Message) -> Message:
    disk.check_sender(m)
    minor, endpoint = _open(m)
    try:
        drive, index = disk.device(minor)
        if drive.open_count == 0:
            drive.partition()           # a new table is seen on the next first open
        if drive.geometry[index][1] == 0:
            raise ErrnoError(Errno.ENXIO)   # an empty partition slot
    except ErrnoError as e:
        return disk.reply(endpoint, -e.errno)
    drive.open_count += 1
    return disk.reply(endpoint, 0)


def do_close(disk, m: Message) -> Message:
    disk.check_sender(m)
    minor, endpoint = _open(m)
    try:
        drive, _ = disk.device(minor)
    except ErrnoError as e:
        return disk.reply(endpoint, -e.errno)
    drive.open_count = max(0, drive.open_count - 1)
    return disk.reply(endpoint, 0)


def do_read(disk, m: Message) -> Message:
    return _transfer(disk, m, write=False)


def do_write(disk, m: Message) -> Message:
    return _transfer(disk, m, write=True)


def _transfer(disk, m: Message, write: bool) -> Message:
    # Hot path (bench/: disk read through the driver): per request a few
    # attribute reads, then one ATA command and one safecopy per 128 KiB.
    disk.check_sender(m)
    minor, endpoint, count, low, high, grant = _request(m)
    position = (high & 0xFFFFFFFF) << 32 | (low & 0xFFFFFFFF)
    try:
        drive, index = disk.device(minor)
        if count < 0 or count & (SECTOR_SIZE - 1) or position & (SECTOR_SIZE - 1):
            raise ErrnoError(Errno.EINVAL)
        base, size = drive.geometry[index]
        if position >= size:
            return disk.reply(endpoint, 0)      # at or past the end
        count = min(count, size - position)
        lba = (base + position) >> SECTOR_SHIFT
        if write:
            _write(disk, drive, m.m_source, grant, lba, count)
        else:
            _read(disk, drive, m.m_source, grant, lba, count)
    except ErrnoError as e:
        return disk.reply(endpoint, -e.errno)
    except AtaError:
        return disk.reply(endpoint, -Errno.EIO)
    return disk.reply(endpoint, count)


def _read(disk, drive, granter: int, grant: int, lba: int, count: int) -> None:
    """Sectors to the requester's grant, one ATA command's worth at a time."""
    safecopy_to = disk.sys.safecopy_to
    offset = 0
    while offset < count:
        n = min(count - offset, CHUNK_SECTORS << SECTOR_SHIFT)
        data = drive.read(lba + (offset >> SECTOR_SHIFT), n >> SECTOR_SHIFT)
        safecopy_to(disk.endpoint, granter, grant, offset, data)
        offset += n


def _write(disk, drive, granter: int, grant: int, lba: int, count: int) -> None:
    """All of the data from the grant first (a bad grant writes nothing), then
    the sectors."""
    data = disk.sys.safecopy_from(disk.endpoint, granter, grant, 0, count)
    drive.write(lba, data)
