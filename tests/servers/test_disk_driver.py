"""The disk driver through its messages: a test plays MFS (or VFS, or an
intruder), powers on a whole system with a disk image, and sends DEV_OPEN,
DEV_READ_S, DEV_WRITE_S, DEV_IOCTL_S with grants, checking the replies, the
bytes that come back and the bytes that reach the image file."""
import random
import re

import pytest

from emu.abi import endpoints as ep
from emu.abi.com import DevReply, DevRequest
from emu.abi.disk import (DIOCFLUSH, DIOCGETP, DIOCOPENCT, DIOCSETP, DISKPART, MINIX_PART,
                          PART_ENTRY, PART_TABLE_OFF)
from emu.abi.errno import Errno
from emu.abi.ioctl import TCGETS
from emu.abi.message import Message
from emu.boot import System, SystemConfig
from emu.debug.textlog import format_event
from emu.kernel.grants import READ, WRITE
from emu.machine.console import HostConsole
from tests import diskimages

SECTOR = 512


def make_image(path, sectors, partitions=(), signature=True, seed=6):
    """Random contents (so a misplaced sector shows), then the MBR entries
    (slot, sysind, lowsec, size)."""
    data = bytearray(random.Random(seed).randbytes(sectors * SECTOR))
    table = bytearray(64)
    for slot, sysind, lowsec, size in partitions:
        PART_ENTRY.pack_into(table, 16 * slot, 0, 0, 0, 0, sysind, 0, 0, 0, lowsec, size)
    data[PART_TABLE_OFF:PART_TABLE_OFF + 64] = table
    data[510:512] = b"\x55\xAA" if signature else b"\x00\x00"
    path.write_bytes(data)
    return path


class Requester:
    """Sends driver requests to DISK as `src`, with grants it makes itself."""

    def __init__(self, system, src=ep.MFS):
        self.system = system
        self.sys = system.kernel.sys
        self.src = src

    def send(self, m_type, **fields):
        reply = self.sys.sendrec(self.src, ep.DISK, Message.of(m_type, **fields))
        return reply

    def status(self, reply):
        assert reply.m_type == DevReply.TASK_REPLY
        assert reply.m2_i1 == self.src            # REP_ENDPT: who it was for
        return reply.m2_i2                         # REP_STATUS

    def open(self, minor):
        return self.status(self.send(DevRequest.DEV_OPEN, m2_i1=minor, m2_i2=self.src))

    def close(self, minor):
        return self.status(self.send(DevRequest.DEV_CLOSE, m2_i1=minor, m2_i2=self.src))

    def _io(self, m_type, minor, pos, count, gid):
        return self.status(self.send(m_type, m2_i1=minor, m2_i2=self.src, m2_i3=count,
                                     m2_l1=pos & 0xFFFFFFFF, m2_l2=pos >> 32, m2_p1=gid))

    def read(self, minor, pos, count, grant_size=None):
        buf = bytearray(count if grant_size is None else grant_size)
        gid = self.sys.grant_buffer(self.src, ep.DISK, buf, WRITE)
        status = self._io(DevRequest.DEV_READ_S, minor, pos, count, gid)
        self.sys.revoke(self.src, gid)
        return status, bytes(buf[:max(status, 0)])

    def write(self, minor, pos, data):
        buf = bytearray(data)
        gid = self.sys.grant_buffer(self.src, ep.DISK, buf, READ)
        status = self._io(DevRequest.DEV_WRITE_S, minor, pos, len(data), gid)
        self.sys.revoke(self.src, gid)
        return status

    def ioctl(self, minor, request, buf, access=READ | WRITE):
        gid = self.sys.grant_buffer(self.src, ep.DISK, buf, access)
        status = self.status(self.send(DevRequest.DEV_IOCTL_S, m2_i1=minor, m2_i2=self.src,
                                       m2_i3=request,
                                       m2_p1=gid))
        self.sys.revoke(self.src, gid)
        return status

    def getp(self, minor):
        buf = bytearray(DISKPART.size)
        status = self.ioctl(minor, DIOCGETP, buf)
        return status, DISKPART.unpack(buf)


@pytest.fixture
def boot():
    systems = []

    def make(image=None, trace=None):
        system = System(SystemConfig(disk=image, quiet_firmware=True), HostConsole())
        if trace is not None:
            system.trace.subscribe(trace, {"dev"})
        system.power_on()
        systems.append(system)
        return system, Requester(system)
    yield make
    for system in systems:
        if not system.machine.disk or not system.machine.disk.closed:
            system.close()


# -- the drive and its partitions --------------------------------------------------------------

def test_identify_gives_the_size_and_geometry(tmp_path, boot):
    sectors = 40 * 16 * 63 + 5
    system, disk = boot(make_image(tmp_path / "hd.img", sectors))
    assert disk.open(0) == 0
    status, (base, size, cyls, heads, spt) = disk.getp(0)
    assert status == 0
    assert (base, size) == (0, sectors * SECTOR)
    assert (cyls, heads, spt) == (40, 16, 63)
    assert system.disk.drives[0].block == 16      # READ/WRITE MULTIPLE, 16 sectors per DRQ


def test_one_partition(tmp_path, boot):
    img = make_image(tmp_path / "hd.img", 8192, [(0, MINIX_PART, 63, 8000)])
    system, disk = boot(img)
    assert disk.open(1) == 0
    assert disk.getp(1)[1][:2] == (63 * SECTOR, 8000 * SECTOR)
    for minor in (2, 3, 4):
        assert disk.open(minor) == -Errno.ENXIO          # empty slots
    raw = img.read_bytes()
    assert disk.read(1, 0, 4096) == (4096, raw[63 * SECTOR:63 * SECTOR + 4096])


def test_four_partitions_in_minix_order(tmp_path, boot):
    parts = [(0, MINIX_PART, 6000, 2000), (1, MINIX_PART, 100, 1900),
             (2, 0x83, 4000, 2000), (3, MINIX_PART, 2000, 2000)]
    img = make_image(tmp_path / "hd.img", 8192, parts)
    system, disk = boot(img)
    expect = [(100, 1900), (2000, 2000), (4000, 2000), (6000, 2000)]
    raw = img.read_bytes()
    for minor, (lowsec, size) in enumerate(expect, start=1):
        assert disk.open(minor) == 0
        assert disk.getp(minor)[1][:2] == (lowsec * SECTOR, size * SECTOR)
        assert disk.read(minor, 0, SECTOR) == (SECTOR, raw[lowsec * SECTOR:(lowsec + 1) * SECTOR])


def test_minor_of_the_firmwares_root_file_system(tmp_path, boot):
    # The MBR's slot 0 is the second partition on the disk: the firmware names
    # the root by slot and sector, the driver's minors follow the disk order.
    sectors = 8192
    img = make_image(tmp_path / "hd.img", sectors, [(0, MINIX_PART, 4096, 4096),
                                                    (1, 0x83, 63, 4000)])
    data = bytearray(img.read_bytes())
    sb = 4096 * SECTOR + 1024
    data[sb:sb + 1024] = diskimages.super_block()
    img.write_bytes(data)
    system, disk = boot(img)
    bp = system.boot_params
    assert (bp.root_partition, bp.root_lba) == (0, 4096)
    assert system.disk.minor_at(bp.root_lba) == 2
    assert disk.getp(2)[1][0] == 4096 * SECTOR
    assert system.disk.minor_at(63) == 1
    assert system.disk.minor_at(0) == 0
    assert system.disk.minor_at(100) is None
    assert system.disk.minor_at(63, unit=1) is None


def test_no_partition_table(tmp_path, boot):
    img = make_image(tmp_path / "hd.img", 2048, [(0, MINIX_PART, 63, 1000)], signature=False)
    system, disk = boot(img)
    assert disk.open(0) == 0
    for minor in range(1, 5):
        assert disk.open(minor) == -Errno.ENXIO
        assert disk.read(minor, 0, SECTOR) == (0, b"")   # an empty minor reads as its end


def test_garbage_partition_table(tmp_path, boot):
    path = tmp_path / "hd.img"
    data = bytearray(random.Random(7).randbytes(4096 * SECTOR))
    data[510:512] = b"\x55\xAA"
    path.write_bytes(data)
    system, disk = boot(path)
    for minor in range(1, 5):
        status = disk.open(minor)
        assert status in (0, -Errno.ENXIO)
        base, size = disk.getp(minor)[1][:2]
        assert base + size <= len(data)
        if status == 0:
            assert size > 0
            n = min(size, 8 * SECTOR)
            assert disk.read(minor, 0, n) == (n, bytes(data[base:base + n]))


def test_partition_past_the_end_of_the_disk_is_shrunk(tmp_path, boot):
    img = make_image(tmp_path / "hd.img", 4096, [(0, MINIX_PART, 1000, 100_000)])
    system, disk = boot(img)
    assert disk.getp(1)[1][:2] == (1000 * SECTOR, 3096 * SECTOR)
    status, data = disk.read(1, 3000 * SECTOR, 200 * SECTOR)
    assert status == 96 * SECTOR
    assert data == img.read_bytes()[4000 * SECTOR:]


def test_first_open_rereads_the_partition_table(tmp_path, boot):
    img = make_image(tmp_path / "hd.img", 4096)
    system, disk = boot(img)
    assert disk.open(1) == -Errno.ENXIO
    table = bytearray(disk.read(0, 0, SECTOR)[1])
    PART_ENTRY.pack_into(table, PART_TABLE_OFF, 0x80, 0, 0, 0, MINIX_PART, 0, 0, 0, 256, 1024)
    assert disk.open(0) == 0
    assert disk.write(0, 0, bytes(table)) == SECTOR
    assert disk.open(1) == -Errno.ENXIO       # the disk is open: the old table stands
    assert disk.close(0) == 0
    assert disk.open(1) == 0                  # first open again: the new table
    assert disk.getp(1)[1][:2] == (256 * SECTOR, 1024 * SECTOR)


# -- reading and writing ---------------------------------------------------------------------

def test_reads_at_many_offsets_and_sizes(tmp_path, boot):
    img = make_image(tmp_path / "hd.img", 8192, [(0, MINIX_PART, 63, 8129)])
    raw = img.read_bytes()
    system, disk = boot(img)
    rng = random.Random(1)
    sizes = [1, 2, 15, 16, 17, 31, 32, 33, 128, 255, 256, 257, 300, 511, 512, 513, 1024]
    for sectors in sizes:
        for minor, base in ((0, 0), (1, 63 * SECTOR)):
            pos = rng.randrange(0, 6000) * SECTOR
            status, data = disk.read(minor, pos, sectors * SECTOR)
            assert status == sectors * SECTOR
            assert data == raw[base + pos:base + pos + sectors * SECTOR], (minor, pos, sectors)


def test_writes_round_trip_and_reach_the_image(tmp_path, boot):
    img = make_image(tmp_path / "hd.img", 8192, [(0, MINIX_PART, 63, 8129)])
    expect = bytearray(img.read_bytes())
    system, disk = boot(img)
    rng = random.Random(2)
    base = 63 * SECTOR
    for sectors in (1, 3, 16, 17, 100, 256, 257, 600, 1000):
        pos = rng.randrange(0, 8129 - sectors) * SECTOR
        data = rng.randbytes(sectors * SECTOR)
        assert disk.write(1, pos, data) == len(data)
        expect[base + pos:base + pos + len(data)] = data
        assert disk.read(1, pos, len(data)) == (len(data), data)
    assert disk.read(0, 0, len(expect)) == (len(expect), bytes(expect))
    system.close()                   # the machine flushes and closes the image
    assert img.read_bytes() == bytes(expect)


def test_read_at_and_past_the_end(tmp_path, boot):
    img = make_image(tmp_path / "hd.img", 4096, [(0, MINIX_PART, 2048, 1000)])
    raw = img.read_bytes()
    system, disk = boot(img)
    end = 1000 * SECTOR
    assert disk.read(1, end, SECTOR) == (0, b"")
    assert disk.read(1, end + 64 * SECTOR, SECTOR) == (0, b"")
    assert disk.read(1, 1 << 40, SECTOR) == (0, b"")           # HIGHPOS is used
    assert disk.read(0, 4096 * SECTOR, SECTOR) == (0, b"")
    status, data = disk.read(1, end - 3 * SECTOR, 10 * SECTOR)
    assert status == 3 * SECTOR
    assert data == raw[2048 * SECTOR + end - 3 * SECTOR:2048 * SECTOR + end]


def test_write_crossing_the_end_stays_inside_the_partition(tmp_path, boot):
    img = make_image(tmp_path / "hd.img", 4096, [(0, MINIX_PART, 2048, 1000)])
    before = img.read_bytes()
    system, disk = boot(img)
    end = 1000 * SECTOR
    assert disk.write(1, end - 2 * SECTOR, b"\xAB" * (5 * SECTOR)) == 2 * SECTOR
    assert disk.write(1, end, b"\xCD" * SECTOR) == 0
    system.close()
    after = img.read_bytes()
    stop = (2048 + 1000) * SECTOR
    assert after[stop - 2 * SECTOR:stop] == b"\xAB" * (2 * SECTOR)
    assert after[stop:] == before[stop:]
    assert after[:stop - 2 * SECTOR] == before[:stop - 2 * SECTOR]


def test_zero_count(tmp_path, boot):
    system, disk = boot(make_image(tmp_path / "hd.img", 1024))
    assert disk.read(0, 0, 0) == (0, b"")
    assert disk.write(0, SECTOR, b"") == 0


def test_single_sector_mode_reads_and_writes_too(tmp_path, boot):
    # A drive without READ MULTIPLE: one DRQ block per sector, READ SECTORS.
    img = make_image(tmp_path / "hd.img", 2048)
    system, disk = boot(img)
    system.disk.drives[0].block = 1
    data = random.Random(3).randbytes(300 * SECTOR)
    assert disk.write(0, 100 * SECTOR, data) == len(data)
    assert disk.read(0, 100 * SECTOR, len(data)) == (len(data), data)


# -- errors ----------------------------------------------------------------------------------

def test_unaligned_requests_are_einval(tmp_path, boot):
    img = make_image(tmp_path / "hd.img", 1024)
    before = img.read_bytes()
    system, disk = boot(img)
    assert disk.read(0, 100, SECTOR)[0] == -Errno.EINVAL
    assert disk.read(0, 0, 100)[0] == -Errno.EINVAL
    assert disk.read(0, 0, SECTOR + 1)[0] == -Errno.EINVAL
    assert disk.write(0, 1, bytes(SECTOR)) == -Errno.EINVAL
    assert disk.write(0, 0, bytes(SECTOR - 2)) == -Errno.EINVAL
    assert disk._io(DevRequest.DEV_READ_S, 0, 0, -SECTOR, 1) == -Errno.EINVAL
    system.close()
    assert img.read_bytes() == before


@pytest.mark.parametrize("minor", [-1, 5, 9, 10, 127, 128, 1 << 20])
def test_bad_minors_are_enxio(tmp_path, boot, minor):
    system, disk = boot(make_image(tmp_path / "hd.img", 1024))
    assert disk.open(minor) == -Errno.ENXIO
    assert disk.read(minor, 0, SECTOR)[0] == -Errno.ENXIO
    assert disk.write(minor, 0, bytes(SECTOR)) == -Errno.ENXIO
    assert disk.close(minor) == -Errno.ENXIO
    assert disk.getp(minor)[0] == -Errno.ENXIO


def test_no_disk_every_minor_is_enxio(boot):
    system, disk = boot(None)
    assert system.disk.drives == [None, None]
    for minor in range(10):
        assert disk.open(minor) == -Errno.ENXIO
        assert disk.read(minor, 0, SECTOR)[0] == -Errno.ENXIO


@pytest.mark.parametrize("intruder", [ep.PM, ep.TTY, ep.DISK, 35556, -1])
def test_only_vfs_and_file_systems_may_send(tmp_path, boot, intruder):
    img = make_image(tmp_path / "hd.img", 1024)
    before = img.read_bytes()
    events = []
    system, _ = boot(img)
    system.trace.subscribe(events.append, {"ipc"})
    bad = Requester(system, src=intruder)
    buf = bytearray(b"\xEE" * SECTOR)
    gid = system.kernel.sys.grant_buffer(intruder, ep.DISK, buf, READ | WRITE)
    for m_type in (DevRequest.DEV_OPEN, DevRequest.DEV_CLOSE, DevRequest.DEV_READ_S,
                   DevRequest.DEV_WRITE_S, DevRequest.DEV_IOCTL_S):
        reply = bad.send(m_type, m2_i1=0, m2_i2=intruder, m2_i3=SECTOR, m2_p1=gid)
        assert reply.m_type == -Errno.ECALLDENIED
    assert buf == b"\xEE" * SECTOR
    assert [e["ev"] for e in events].count("denied") == 5
    for allowed in (ep.VFS, ep.MFS, ep.PFS):
        assert Requester(system, src=allowed).open(0) == 0
    system.close()
    assert img.read_bytes() == before


def test_bad_grants(tmp_path, boot):
    img = make_image(tmp_path / "hd.img", 1024)
    before = img.read_bytes()
    system, disk = boot(img)
    sys = system.kernel.sys
    buf = bytearray(4 * SECTOR)
    # A grant for someone else, one made by someone else, a revoked one, a made-up id.
    other = sys.grant_buffer(ep.MFS, ep.TTY, buf, READ | WRITE)
    assert disk._io(DevRequest.DEV_READ_S, 0, 0, SECTOR, other) == -Errno.EPERM
    assert disk._io(DevRequest.DEV_WRITE_S, 0, 0, SECTOR, other) == -Errno.EPERM
    foreign = sys.grant_buffer(ep.VFS, ep.DISK, buf, READ | WRITE)
    assert disk._io(DevRequest.DEV_WRITE_S, 0, 0, SECTOR, foreign) == -Errno.EPERM
    revoked = sys.grant_buffer(ep.MFS, ep.DISK, buf, READ | WRITE)
    sys.revoke(ep.MFS, revoked)
    assert disk._io(DevRequest.DEV_READ_S, 0, 0, SECTOR, revoked) == -Errno.EPERM
    assert disk._io(DevRequest.DEV_READ_S, 0, 0, SECTOR, 0x7654321) == -Errno.EPERM
    # Wrong direction: the driver writes into a read grant, reads from a write grant.
    ro = sys.grant_buffer(ep.MFS, ep.DISK, buf, READ)
    wo = sys.grant_buffer(ep.MFS, ep.DISK, buf, WRITE)
    assert disk._io(DevRequest.DEV_READ_S, 0, 0, SECTOR, ro) == -Errno.EPERM
    assert disk._io(DevRequest.DEV_WRITE_S, 0, 0, SECTOR, wo) == -Errno.EPERM
    # Too small: 8 sectors asked of a 4-sector grant.
    assert disk.read(0, 0, 8 * SECTOR, grant_size=4 * SECTOR)[0] == -Errno.EINVAL
    small = sys.grant_buffer(ep.MFS, ep.DISK, bytearray(b"\x11" * 4 * SECTOR), READ)
    assert disk._io(DevRequest.DEV_WRITE_S, 0, 0, 8 * SECTOR, small) == -Errno.EINVAL
    assert buf == bytes(4 * SECTOR)
    system.close()
    assert img.read_bytes() == before          # no bad grant wrote anything


def test_a_failing_drive_is_eio(tmp_path, boot):
    img = make_image(tmp_path / "hd.img", 2048)
    system, disk = boot(img)
    with open(img, "r+b") as f:                # the medium loses its second half
        f.truncate(1024 * SECTOR)
    assert disk.read(0, 1020 * SECTOR, 8 * SECTOR)[0] == -Errno.EIO   # crosses the loss
    assert disk.read(0, 1500 * SECTOR, SECTOR)[0] == -Errno.EIO
    assert disk.read(0, 0, SECTOR)[0] == SECTOR      # the rest still reads
    assert disk.open(0) == 0


def test_a_drive_that_stays_busy_is_eio_and_recovers(tmp_path, boot):
    img = make_image(tmp_path / "hd.img", 1024)
    raw = img.read_bytes()
    system, disk = boot(img)
    bus = system.machine.bus
    bus.write(0x3F6, 1, 0x06)               # soft reset held: the drive shows BSY forever
    assert disk.read(0, 0, SECTOR)[0] == -Errno.EIO
    assert disk.write(0, 0, bytes(SECTOR)) == -Errno.EIO
    bus.write(0x3F6, 1, 0x02)               # released: the drive resets, multiple mode off
    events = []
    system.trace.subscribe(events.append, {"dev"})
    system.watch_devices()
    assert disk.read(0, 8 * SECTOR, 32 * SECTOR) == (32 * SECTOR,
                                                      raw[8 * SECTOR:40 * SECTOR])
    # READ MULTIPLE is refused, SET MULTIPLE again, READ MULTIPLE again.
    assert [e["value"] for e in events if e["ev"] == "out" and e["port"] == 0x1F7] \
        == [0xC4, 0xC6, 0xC4]
    assert system.disk.drives[0].block == 16
    system.close()
    assert img.read_bytes() == raw


def test_a_read_only_drive_fails_writes_with_eio(tmp_path, boot):
    img = make_image(tmp_path / "hd.img", 1024)
    before = img.read_bytes()
    system, disk = boot(img)
    system.machine.disk.readonly = True        # the drive now aborts WRITE commands
    assert disk.write(0, 0, b"\x99" * (40 * SECTOR)) == -Errno.EIO
    assert disk.read(0, 0, SECTOR) == (SECTOR, before[:SECTOR])
    system.close()
    assert img.read_bytes() == before


# -- ioctls -------------------------------------------------------------------------------------

def test_setp_moves_a_partition(tmp_path, boot):
    img = make_image(tmp_path / "hd.img", 4096, [(0, MINIX_PART, 63, 1000)])
    raw = img.read_bytes()
    system, disk = boot(img)
    assert disk.open(0) == 0          # open: a first open would read the MBR again
    new = bytearray(DISKPART.pack(2000 * SECTOR, 100 * SECTOR, 0, 0, 0))
    assert disk.ioctl(1, DIOCSETP, new) == 0
    assert disk.getp(1)[1][:2] == (2000 * SECTOR, 100 * SECTOR)
    assert disk.read(1, 0, 200 * SECTOR) == (100 * SECTOR, raw[2000 * SECTOR:2100 * SECTOR])
    assert disk.ioctl(2, DIOCSETP, bytearray(DISKPART.pack(0, 4096 * SECTOR, 0, 0, 0))) == 0
    assert disk.open(2) == 0                   # a partition it was given is open-able


@pytest.mark.parametrize("minor,base,size", [
    (1, 100, SECTOR),                 # not whole sectors
    (1, SECTOR, 100),
    (1, 4000 * SECTOR, 200 * SECTOR),  # beyond the disk
    (1, 1 << 60, SECTOR),
    (0, 0, SECTOR),                   # the whole disk keeps its size
])
def test_setp_rejects_bad_geometry(tmp_path, boot, minor, base, size):
    system, disk = boot(make_image(tmp_path / "hd.img", 4096, [(0, MINIX_PART, 63, 1000)]))
    before = disk.getp(minor)[1]
    assert disk.ioctl(minor, DIOCSETP, bytearray(DISKPART.pack(base, size, 0, 0, 0))) \
        == -Errno.EINVAL
    assert disk.getp(minor)[1] == before


def test_open_count_flush_and_unknown_ioctls(tmp_path, boot):
    system, disk = boot(make_image(tmp_path / "hd.img", 1024))
    count = bytearray(4)
    assert disk.ioctl(0, DIOCOPENCT, count) == 0 and count == bytes(4)
    disk.open(0)
    disk.open(0)
    assert disk.ioctl(0, DIOCOPENCT, count) == 0 and int.from_bytes(count, "little") == 2
    assert disk.ioctl(0, DIOCFLUSH, bytearray(0)) == 0
    assert disk.ioctl(0, TCGETS, bytearray(64)) == -Errno.ENOTTY
    assert disk.ioctl(0, DIOCGETP, bytearray(DISKPART.size), access=READ) == -Errno.EPERM
    assert disk.ioctl(0, DIOCGETP, bytearray(4)) == -Errno.EINVAL     # grant too small


# -- the trace -----------------------------------------------------------------------------------

def test_dev_trace_shows_ata_commands_and_one_string_transfer_per_drq_block(tmp_path, boot):
    events = []
    system, disk = boot(make_image(tmp_path / "hd.img", 4096), trace=events.append)
    boot_events = list(events)
    # At boot: IDENTIFY (0xEC) and SET MULTIPLE (0xC6), then sector 0 with READ MULTIPLE.
    commands = [e["value"] for e in boot_events if e["ev"] == "out" and e["port"] == 0x1F7]
    assert commands[-3:] == [0xEC, 0xC6, 0xC4]
    del events[:]
    assert disk.read(0, 64 * SECTOR, 64 * 1024)[0] == 64 * 1024
    assert [e["value"] for e in events if e["ev"] == "out" and e["port"] == 0x1F7] == [0xC4]
    tasks = {e["port"]: e["value"] for e in events if e["ev"] == "out"}
    assert (tasks[0x1F2], tasks[0x1F3], tasks[0x1F4], tasks[0x1F5], tasks[0x1F6]) \
        == (128, 64, 0, 0, 0xE0)
    strings = [e for e in events if e["ev"] == "ins"]
    assert [(e["port"], e["count"]) for e in strings] == [(0x1F0, 16 * 256)] * 8
    assert not [e for e in events if e["ev"] == "in" and e["port"] == 0x1F0]
    assert len(events) < 30            # readable: a command, a poll and an insw per block
    text = [format_event(e) for e in events]
    assert any(line.endswith("ide   out 0x01f7 -> 0xc4") for line in text)
    assert any(line.endswith("ide   ins  0x01f0 <- 4096 x 16-bit (8192 bytes)") for line in text)

    del events[:]
    assert disk.write(0, 0, bytes(3 * SECTOR)) == 3 * SECTOR
    assert [e["value"] for e in events if e["ev"] == "out" and e["port"] == 0x1F7] == [0xC5]
    assert [(e["port"], e["count"]) for e in events if e["ev"] == "outs"] == [(0x1F0, 768)]
    assert any("outs 0x01f0 -> 768 x 16-bit" in format_event(e) for e in events)


def test_cli_dev_trace_shows_the_drive_being_identified(tmp_path, run, guest):
    r = run("run", "-d", "dev", guest("args"))          # on the default image
    assert r.status == 0, r.err
    lines = r.err.splitlines()
    assert any("ide   out 0x01f7 -> 0xec" in line for line in lines)
    assert any("ide   ins  0x01f0 <- 256 x 16-bit (512 bytes)" in line for line in lines)


def test_ipc_trace_decodes_the_block_requests(tmp_path, boot):
    system, disk = boot(make_image(tmp_path / "hd.img", 1024))
    events = []
    system.trace.subscribe(events.append, {"ipc"})
    disk.read(0, 3 * SECTOR, 2 * SECTOR)
    disk.getp(0)
    text = [format_event(e) for e in events]
    assert "mfs -> disk" in text[0]
    assert re.search(r"DEV_READ_S\(minor=0, proc=7, count=1024, pos=1536, highpos=0, "
                     r"grant=[1-9]\d*\)$", text[0])
    assert text[1].endswith("DEV_READ_S -> TASK_REPLY(proc=7, status=1024)")
    assert f"DEV_IOCTL_S(minor=0, proc=7, request={DIOCGETP:#x}, grant=" in text[2]
    assert text[3].endswith("DEV_IOCTL_S -> TASK_REPLY(proc=7, status=0)")


def test_random_requests_never_break_the_driver(tmp_path, boot):
    img = make_image(tmp_path / "hd.img", 2048, [(0, MINIX_PART, 63, 1000)])
    system, _ = boot(img)
    sys = system.kernel.sys
    rng = random.Random(56)
    types = [int(t) for t in DevRequest] + [0, 1, -5, 0x1000]
    bufs = [bytearray(n) for n in (0, 4, DISKPART.size, SECTOR, 16 * SECTOR)]
    grants = [sys.grant_buffer(src, ep.DISK, b, rng.choice((READ, WRITE, READ | WRITE)))
              for src in (ep.MFS, ep.VFS) for b in bufs]

    def word():
        return rng.choice([0, 1, -1, SECTOR, 8 * SECTOR, 1 << 31, rng.getrandbits(32),
                           rng.randrange(0, 2048) * SECTOR, rng.choice(grants),
                           rng.randrange(-2, 12)]) & 0xFFFFFFFF

    for _ in range(3000):
        src = rng.choice((ep.MFS, ep.VFS, ep.PFS, ep.PM, 40000))
        m_type = rng.choice(types)
        m = Message.of(m_type)
        for offset in range(8, 36, 4):
            m[offset:offset + 4] = word().to_bytes(4, "little")
        reply = sys.sendrec(src, ep.DISK, m)
        if src in (ep.MFS, ep.VFS, ep.PFS) and m_type in CALLS_SERVED:
            assert reply.m_type == DevReply.TASK_REPLY
        else:
            assert reply.m_type < 0
    # Still a working disk afterwards.
    disk = Requester(system)
    data = random.Random(1).randbytes(4 * SECTOR)
    assert disk.write(0, 1500 * SECTOR, data) == len(data)
    assert disk.read(0, 1500 * SECTOR, len(data)) == (len(data), data)


CALLS_SERVED = {DevRequest.DEV_OPEN, DevRequest.DEV_CLOSE, DevRequest.DEV_READ_S,
                DevRequest.DEV_WRITE_S, DevRequest.DEV_IOCTL_S}
