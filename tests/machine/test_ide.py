"""Tests of the IDE/ATA model through its ports, as a PIO disk driver uses it:
IDENTIFY, LBA28 reads and writes across DRQ blocks, errors, INTRQ, absent
drives, resets, and the block fast paths against word-by-word access."""
import random
import struct

import pytest

from emu.machine.disk import DiskImage
from emu.machine.ide import IdeController
from emu.machine.irq import IrqController
from emu.machine.portbus import PortBus

DATA, ERROR, NSECT, LBA_LOW, LBA_MID, LBA_HIGH, SELECT, STATUS = range(0x1F0, 0x1F8)
FEATURES, COMMAND = ERROR, STATUS
ALT_STATUS = DEVICE_CONTROL = 0x3F6

BSY, DRDY, DSC, DRQ, ERR = 0x80, 0x40, 0x10, 0x08, 0x01
ABRT, IDNF = 0x04, 0x10
IDLE = DRDY | DSC

SECTORS = 2048     # 1 MiB: two default-geometry cylinders


def image_bytes(sectors, seed=1):
    return random.Random(seed).randbytes(sectors * 512)


@pytest.fixture
def image(tmp_path):
    path = tmp_path / "hd.img"
    path.write_bytes(image_bytes(SECTORS))
    return path


class Rig:
    def __init__(self, master=None, slave=None):
        self.irqs = IrqController()
        self.bus = PortBus()
        self.ide = IdeController(self.irqs.line(14), master, slave)
        self.ide.attach(self.bus)

    def inb(self, port):
        return self.bus.read(port, 1)

    def outb(self, port, value):
        self.bus.write(port, 1, value)

    def command(self, cmd, lba=0, count=1, slave=False, lba_mode=True):
        self.outb(SELECT, (0xE0 if lba_mode else 0xA0) | (0x10 if slave else 0)
                  | (lba >> 24 & 0x0F))
        self.outb(NSECT, count & 0xFF)
        self.outb(LBA_LOW, lba & 0xFF)
        self.outb(LBA_MID, lba >> 8 & 0xFF)
        self.outb(LBA_HIGH, lba >> 16 & 0xFF)
        self.outb(COMMAND, cmd)

    def read_words(self, n):
        return b"".join(struct.pack("<H", self.bus.read(DATA, 2)) for _ in range(n))

    def write_words(self, data):
        for (word,) in struct.iter_unpack("<H", data):
            self.bus.write(DATA, 2, word)

    def edges(self):
        return self.irqs.take(14)

    def level(self):
        return self.irqs.level(14)


@pytest.fixture
def rig(image):
    return Rig(DiskImage(image))


def ata_string(words):
    return b"".join(struct.pack(">H", w) for w in words).decode("ascii")


def test_identify(rig):
    rig.command(0xEC)
    assert rig.edges() == 1
    assert rig.inb(STATUS) == IDLE | DRQ
    raw = rig.read_words(256)
    assert rig.inb(STATUS) == IDLE                 # all 512 bytes taken
    assert rig.edges() == 0                        # no completion interrupt for PIO in
    w = struct.unpack("<256H", raw)
    assert w[0] == 0x0040
    assert (w[1], w[3], w[6]) == (2, 16, 63)       # 2048 // (16 * 63) cylinders
    assert ata_string(w[27:47]) == "MINIXEMU HARDDISK".ljust(40)
    assert raw[54:58] == b"IMIN"                   # "MI" "NI", byte-swapped per word
    assert ata_string(w[23:27]) == "0.1".ljust(8)
    assert ata_string(w[10:20]) == "MX00000002048".ljust(20)
    assert w[47] == 0x8010
    assert w[49] & 0x0200                          # LBA supported
    assert w[53] & 0x0001
    assert (w[54], w[55], w[56]) == (2, 16, 63)
    assert w[57] | w[58] << 16 == 2 * 16 * 63
    assert w[60] | w[61] << 16 == SECTORS
    assert w[80] & 0x0040                          # ATA/ATAPI-6
    assert not w[83] & 0x0400                      # no LBA48
    assert w[255] & 0xFF == 0xA5 and sum(raw) % 256 == 0


def test_identify_large_disk_capacity_words(tmp_path):
    path = tmp_path / "big.img"
    with open(path, "wb") as f:
        f.truncate(20_000_000 * 512)               # sparse
    r = Rig(DiskImage(path))
    r.command(0xEC)
    w = struct.unpack("<256H", r.ide.pio_read_block(256))
    assert w[60] | w[61] << 16 == 20_000_000
    assert w[1] == 16383                           # CHS geometry is capped
    assert ata_string(w[10:20]).strip() == "MX00020000000"


def test_read_single_sector(rig):
    data = image_bytes(SECTORS)
    rig.command(0x20, lba=5, count=1)
    assert rig.inb(STATUS) == IDLE | DRQ
    assert rig.read_words(256) == data[5 * 512:6 * 512]
    assert rig.inb(STATUS) == IDLE
    assert rig.inb(ERROR) == 0
    # The task file names the last sector read.
    assert (rig.inb(LBA_LOW), rig.inb(NSECT)) == (5, 0)


def test_read_multi_sector_one_irq_per_block(rig):
    data = image_bytes(SECTORS)
    rig.command(0x20, lba=0x0102, count=3)
    got = b""
    for block in range(3):
        assert rig.edges() == 1
        assert rig.level()
        assert rig.inb(ALT_STATUS) == IDLE | DRQ
        assert rig.level()                         # alternate status leaves INTRQ
        assert rig.inb(STATUS) == IDLE | DRQ
        assert not rig.level()                     # status read lowers it
        got += rig.read_words(256)
    assert got == data[0x102 * 512:0x105 * 512]
    assert rig.inb(STATUS) == IDLE
    assert rig.edges() == 0
    assert (rig.inb(LBA_LOW), rig.inb(LBA_MID)) == (0x04, 0x01)


def test_read_count_zero_means_256(rig):
    data = image_bytes(SECTORS)
    rig.command(0x20, lba=100, count=0)
    got = rig.ide.pio_read_block(256 * 256)
    assert got == data[100 * 512:356 * 512]
    assert rig.inb(STATUS) == IDLE


def test_write_round_trip(rig, image):
    payload = image_bytes(3, seed=7)
    rig.command(0x30, lba=10, count=3)
    assert rig.edges() == 0                        # PIO out: no IRQ before block 1
    for block in range(3):
        assert rig.inb(STATUS) == IDLE | DRQ
        rig.write_words(payload[block * 512:(block + 1) * 512])
        assert rig.edges() == 1                    # next block wanted / done
    assert rig.inb(STATUS) == IDLE
    assert image.read_bytes()[10 * 512:13 * 512] == payload
    rig.command(0x20, lba=10, count=3)
    assert rig.ide.pio_read_block(3 * 256) == payload


def test_read_multiple_needs_set_multiple(rig):
    rig.command(0xC4, lba=0, count=4)
    assert rig.inb(STATUS) == IDLE | ERR
    assert rig.inb(ERROR) == ABRT
    rig.command(0xC6, count=3)                     # not a power of two
    assert rig.inb(STATUS) == IDLE | ERR
    rig.command(0xC6, count=4)
    assert rig.inb(STATUS) == IDLE
    rig.command(0xEC)
    w = struct.unpack("<256H", rig.ide.pio_read_block(256))
    assert w[59] == 0x0104


def test_read_multiple_across_drq_blocks(rig):
    data = image_bytes(SECTORS)
    rig.command(0xC6, count=4)
    rig.inb(STATUS)
    rig.edges()
    rig.command(0xC4, lba=20, count=10)
    got = b""
    for sectors in (4, 4, 2):
        assert rig.edges() == 1
        assert rig.inb(STATUS) == IDLE | DRQ
        got += rig.read_words(256 * sectors)
    assert got == data[20 * 512:30 * 512]
    assert rig.inb(STATUS) == IDLE


def test_write_multiple_across_drq_blocks(rig, image):
    payload = image_bytes(5, seed=3)
    rig.command(0xC6, count=2)
    rig.inb(STATUS)
    rig.command(0xC5, lba=40, count=5)
    for start, sectors in ((0, 2), (2, 2), (4, 1)):
        assert rig.inb(STATUS) == IDLE | DRQ
        rig.write_words(payload[start * 512:(start + sectors) * 512])
    assert rig.inb(STATUS) == IDLE
    assert image.read_bytes()[40 * 512:45 * 512] == payload


def test_idnf_beyond_the_end(rig):
    for lba, count in ((SECTORS - 1, 2), (SECTORS, 1), (0x0FFFFFFF, 1)):
        rig.command(0x20, lba=lba, count=count)
        assert rig.inb(STATUS) == IDLE | ERR
        assert rig.inb(ERROR) == IDNF
        assert rig.read_words(1) == b"\xff\xff"   # no data phase
    rig.command(0x30, lba=SECTORS - 1, count=2)
    assert rig.inb(STATUS) == IDLE | ERR
    assert rig.inb(ERROR) == IDNF
    rig.command(0x20, lba=SECTORS - 1, count=1)    # the last sector is fine
    assert rig.inb(STATUS) == IDLE | DRQ


@pytest.mark.parametrize("cmd", [0xFF, 0xA1, 0x08, 0x24, 0xC8])
def test_abort_unknown_and_atapi_commands(rig, cmd):
    rig.command(cmd)
    assert rig.edges() == 1
    assert rig.inb(STATUS) == IDLE | ERR
    assert rig.inb(ERROR) == ABRT
    rig.command(0xE7)                              # FLUSH CACHE clears the error
    assert rig.inb(STATUS) == IDLE
    assert rig.inb(ERROR) == 0


def test_accepted_housekeeping_commands(rig):
    for cmd in (0xEF, 0xE7, 0x91, 0x10, 0xE1):
        rig.command(cmd, count=63, lba=0)
        assert rig.edges() == 1
        assert rig.inb(STATUS) == IDLE
    rig.command(0xE5)
    assert rig.inb(NSECT) == 0xFF                  # CHECK POWER MODE: active


def test_nien_suppresses_irq(rig):
    rig.outb(DEVICE_CONTROL, 0x02)
    rig.command(0xEC)
    assert rig.edges() == 0 and not rig.level()
    assert rig.inb(ALT_STATUS) == IDLE | DRQ
    rig.outb(DEVICE_CONTROL, 0x00)                 # pending INTRQ now shows
    assert rig.edges() == 1
    rig.inb(STATUS)
    assert not rig.level()


def test_reading_status_lowers_intrq(rig):
    rig.command(0xE7)
    assert rig.level()
    rig.inb(ALT_STATUS)
    assert rig.level()
    rig.inb(STATUS)
    assert not rig.level()
    rig.command(0xE7)                              # a second command: a new edge
    assert rig.edges() == 2


def test_absent_slave(rig):
    rig.command(0xEC)
    rig.inb(STATUS)
    rig.outb(SELECT, 0xF0)
    assert rig.inb(STATUS) == 0x00
    assert rig.inb(ALT_STATUS) == 0x00
    rig.outb(NSECT, 0x42)
    assert rig.inb(NSECT) == 0x42                  # device 0 answers the task file
    rig.outb(COMMAND, 0xEC)                        # ignored: nobody is there
    assert rig.edges() == 1                        # only the master's IDENTIFY
    assert rig.inb(STATUS) == 0x00
    rig.outb(SELECT, 0xE0)
    assert rig.inb(STATUS) == IDLE | DRQ           # the master still has its data


def test_slave_only_answers_when_selected(image, tmp_path):
    other = tmp_path / "b.img"
    other.write_bytes(image_bytes(16, seed=9))
    r = Rig(DiskImage(image), DiskImage(other))
    r.command(0x20, lba=15, count=1, slave=True)
    assert r.inb(STATUS) == IDLE | DRQ
    assert r.ide.pio_read_block(256) == image_bytes(16, seed=9)[15 * 512:]
    r.command(0x20, lba=16, count=1, slave=True)
    assert r.inb(ERROR) == IDNF
    r.outb(SELECT, 0xE0)
    assert r.inb(ERROR) == 0x01                    # the master's own register
    assert r.inb(STATUS) == IDLE


def test_no_drives_float():
    r = Rig()
    for port in range(ERROR, STATUS):
        r.outb(port, 0x12)
    for port in range(ERROR, STATUS + 1):
        assert r.inb(port) == 0xFF
    assert r.inb(ALT_STATUS) == 0xFF
    assert r.bus.read(DATA, 2) == 0xFFFF
    r.outb(COMMAND, 0xEC)
    assert r.edges() == 0
    assert r.inb(STATUS) == 0xFF


def test_soft_reset(rig):
    rig.command(0x20, lba=3, count=2)
    rig.outb(DEVICE_CONTROL, 0x04)                 # SRST
    assert rig.inb(STATUS) == BSY
    rig.outb(COMMAND, 0xEC)                        # ignored while in reset
    rig.outb(DEVICE_CONTROL, 0x00)
    assert rig.inb(STATUS) == IDLE                 # the transfer is gone
    assert rig.inb(ERROR) == 0x01                  # diagnostic code: passed
    assert [rig.inb(p) for p in (NSECT, LBA_LOW, LBA_MID, LBA_HIGH)] == [1, 1, 0, 0]
    assert rig.read_words(1) == b"\xff\xff"


def test_execute_device_diagnostic(rig):
    rig.command(0x20, lba=3, count=1)
    rig.inb(STATUS)
    rig.edges()
    rig.command(0x90)
    assert rig.edges() == 1
    assert rig.inb(STATUS) == IDLE
    assert rig.inb(ERROR) == 0x01
    assert (rig.inb(NSECT), rig.inb(LBA_LOW)) == (1, 1)


def test_chs_read(rig):
    data = image_bytes(SECTORS)
    # cylinder 1, head 2, sector 3 in the default 16/63 translation
    rig.outb(SELECT, 0xA2)
    rig.outb(NSECT, 1)
    rig.outb(LBA_LOW, 3)
    rig.outb(LBA_MID, 1)
    rig.outb(LBA_HIGH, 0)
    rig.outb(COMMAND, 0x20)
    lba = (1 * 16 + 2) * 63 + 2
    assert rig.ide.pio_read_block(256) == data[lba * 512:(lba + 1) * 512]
    rig.outb(LBA_LOW, 0)                           # sector numbers start at 1
    rig.outb(COMMAND, 0x20)
    assert rig.inb(ERROR) == IDNF


def test_readonly_image_aborts_writes(image):
    r = Rig(DiskImage(image, readonly=True))
    r.command(0x30, lba=0, count=1)
    assert r.inb(STATUS) == IDLE | ERR
    assert r.inb(ERROR) == ABRT


def run_transfer_words(r, cmd, total_words, count, write_data=None):
    """Drive a transfer word by word; record what a trace would see."""
    trace = []
    r.command(cmd, lba=7, count=count)
    if write_data is None:
        out = r.read_words(total_words)
    else:
        r.write_words(write_data)
        out = b""
    trace.append((r.edges(), r.level(), r.inb(ALT_STATUS), r.inb(LBA_LOW), r.inb(NSECT)))
    return out, trace


def run_transfer_block(r, cmd, total_words, count, write_data=None):
    trace = []
    r.command(cmd, lba=7, count=count)
    if write_data is None:
        out = r.ide.pio_read_block(total_words)
    else:
        r.ide.pio_write_block(write_data)
        out = b""
    trace.append((r.edges(), r.level(), r.inb(ALT_STATUS), r.inb(LBA_LOW), r.inb(NSECT)))
    return out, trace


@pytest.mark.parametrize("words", [1, 255, 256, 257, 600, 5 * 256, 5 * 256 + 10])
@pytest.mark.parametrize("cmd", [0x20, 0xC4])
def test_pio_read_block_equals_word_reads(image, words, cmd):
    a, b = Rig(DiskImage(image, readonly=True)), Rig(DiskImage(image, readonly=True))
    for r in (a, b):
        r.command(0xC6, count=2)
        r.inb(STATUS)
        r.edges()
    assert run_transfer_words(a, cmd, words, 5) == run_transfer_block(b, cmd, words, 5)
    assert a.inb(STATUS) == b.inb(STATUS)
    assert a.read_words(3) == b.ide.pio_read_block(3)


@pytest.mark.parametrize("words", [1, 256, 300, 4 * 256, 4 * 256 + 6])
@pytest.mark.parametrize("cmd", [0x30, 0xC5])
def test_pio_write_block_equals_word_writes(tmp_path, words, cmd):
    paths = []
    for name in ("a.img", "b.img"):
        p = tmp_path / name
        p.write_bytes(image_bytes(64))
        paths.append(p)
    a, b = Rig(DiskImage(paths[0])), Rig(DiskImage(paths[1]))
    for r in (a, b):
        r.command(0xC6, count=2)
        r.inb(STATUS)
        r.edges()
    payload = image_bytes(5, seed=11)[:2 * words]
    assert (run_transfer_words(a, cmd, words, 3, payload)
            == run_transfer_block(b, cmd, words, 3, payload))
    assert a.inb(STATUS) == b.inb(STATUS)
    assert paths[0].read_bytes() == paths[1].read_bytes()
    if words >= (256 if cmd == 0x30 else 512):     # a whole DRQ block went out
        assert paths[0].read_bytes()[7 * 512:8 * 512] == payload[:512]


def test_32bit_data_access(rig):
    data = image_bytes(SECTORS)
    rig.command(0x20, lba=1, count=1)
    got = b"".join(struct.pack("<I", rig.bus.read(DATA, 4)) for _ in range(128))
    assert got == data[512:1024]
    assert rig.inb(STATUS) == IDLE


def test_hardware_reset(rig):
    rig.command(0x20, lba=1, count=1)
    rig.outb(DEVICE_CONTROL, 0x02)
    rig.ide.reset()
    assert not rig.level()
    assert rig.inb(STATUS) == IDLE
    rig.command(0xE7)
    assert rig.level()                             # nIEN is cleared by reset
