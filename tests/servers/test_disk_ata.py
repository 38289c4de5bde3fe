"""The driver's ATA layer alone, on an IDE model behind a bare port bus: both
drive selects, an empty channel, and the transfer modes."""
import random
from types import SimpleNamespace

from emu.machine.disk import DiskImage
from emu.machine.ide import IdeController
from emu.machine.irq import IrqController
from emu.machine.portbus import PortBus
from emu.servers.disk.ata import AtaChannel


def channel(master=None, slave=None):
    bus = PortBus()
    ide = IdeController(IrqController().line(14), master, slave)
    ide.attach(bus)
    sys = SimpleNamespace(inb=lambda p: bus.read(p, 1), outb=lambda p, v: bus.write(p, 1, v),
                          insw=bus.read_words, outsw=bus.write_words)
    return AtaChannel(sys)


def image(path, sectors, seed):
    path.write_bytes(random.Random(seed).randbytes(sectors * 512))
    return path


def test_no_controller_no_drives():
    ata = channel()
    assert ata.identify(0) is None and ata.identify(1) is None


def test_master_and_slave(tmp_path):
    a, b = image(tmp_path / "a.img", 300, 1), image(tmp_path / "b.img", 700, 2)
    ata = channel(DiskImage(a), DiskImage(b))
    ida, idb = ata.identify(0), ata.identify(1)
    assert (ida.sectors, idb.sectors) == (300, 700)
    assert ida.model == "MINIXEMU HARDDISK" and ida.max_multiple == 16 and ida.lba
    assert ida.serial != idb.serial
    assert ata.read(1, 600, 100, 1) == b.read_bytes()[600 * 512:]
    assert ata.read(0, 0, 256, 1) == a.read_bytes()[:256 * 512]


def test_slave_only(tmp_path):
    b = image(tmp_path / "b.img", 64, 3)
    ata = channel(slave=DiskImage(b))
    assert ata.identify(0) is None
    assert ata.identify(1).sectors == 64


def test_multiple_mode_round_trip(tmp_path):
    path = image(tmp_path / "a.img", 600, 4)
    ata = channel(DiskImage(path))
    assert ata.identify(0) is not None
    assert ata.set_multiple(0, 16)
    data = random.Random(5).randbytes(256 * 512)
    ata.write(0, 300, data, 16)
    assert ata.read(0, 300, 256, 16) == data
    assert ata.read(0, 299, 3, 16) == path.read_bytes()[299 * 512:302 * 512]
    assert not ata.set_multiple(0, 3)       # not a power of two: the drive refuses
