"""The port bus: routing, unclaimed ports, and string transfers (rep insw /
rep outsw) that reach a device in one call and show as one trace event."""
import random
import struct

from emu.machine.disk import DiskImage
from emu.machine.ide import IdeController
from emu.machine.irq import IrqController
from emu.machine.portbus import PortBus


class WordLatch:
    """A device with only per-access read/write: the bus loops for strings."""
    NAME = "latch"

    def __init__(self):
        self.written = []
        self.next = 0x100

    def read(self, port, size):
        self.next += 1
        return self.next & 0xFFFF

    def write(self, port, size, value):
        self.written.append((size, value))


def observed(bus):
    events = []
    bus.observer = lambda *e: events.append(e)
    return events


def test_unclaimed_ports_float():
    bus = PortBus()
    events = observed(bus)
    assert bus.read(0x300, 1) == 0xFF
    assert bus.read_words(0x300, 3) == b"\xff" * 6
    bus.write_words(0x300, b"\x01\x02")
    assert events[1:] == [("ins", 0x300, 2, 3, "-"), ("outs", 0x300, 2, 1, "-")]


def test_string_transfer_falls_back_to_word_accesses():
    bus = PortBus()
    latch = WordLatch()
    bus.register(0x300, 1, latch)
    events = observed(bus)
    assert bus.read_words(0x300, 3) == struct.pack("<3H", 0x101, 0x102, 0x103)
    bus.write_words(0x300, struct.pack("<2H", 0xBEEF, 0x1234))
    assert latch.written == [(2, 0xBEEF), (2, 0x1234)]
    assert events == [("ins", 0x300, 2, 3, "latch"), ("outs", 0x300, 2, 2, "latch")]


def test_ide_string_transfer_is_one_call_and_one_event(tmp_path):
    path = tmp_path / "hd.img"
    data = random.Random(4).randbytes(64 * 512)
    path.write_bytes(data)
    bus = PortBus()
    ide = IdeController(IrqController().line(14), DiskImage(path))
    ide.attach(bus)
    calls = []
    real = ide.pio_read_block
    ide.pio_read_block = lambda n: calls.append(n) or real(n)
    for port, value in ((0x1F6, 0xE0), (0x1F2, 20), (0x1F3, 4), (0x1F4, 0), (0x1F5, 0),
                        (0x1F7, 0x20)):
        bus.write(port, 1, value)
    events = observed(bus)
    assert bus.read_words(0x1F0, 20 * 256) == data[4 * 512:24 * 512]
    assert calls == [20 * 256]
    assert events == [("ins", 0x1F0, 2, 5120, "ide")]


def test_ide_string_write_equals_word_writes(tmp_path):
    images = []
    for name in ("a.img", "b.img"):
        p = tmp_path / name
        p.write_bytes(bytes(32 * 512))
        images.append(p)
    payload = random.Random(5).randbytes(3 * 512)
    for path, bulk in zip(images, (True, False)):
        bus = PortBus()
        IdeController(IrqController().line(14), DiskImage(path)).attach(bus)
        for port, value in ((0x1F6, 0xE0), (0x1F2, 3), (0x1F3, 9), (0x1F4, 0), (0x1F5, 0),
                            (0x1F7, 0x30)):
            bus.write(port, 1, value)
        if bulk:
            bus.write_words(0x1F0, payload)
        else:
            for (word,) in struct.iter_unpack("<H", payload):
                bus.write(0x1F0, 2, word)
        assert bus.read(0x1F7, 1) == 0x50            # DRDY | DSC: done, no error
    assert images[0].read_bytes() == images[1].read_bytes()
    assert images[0].read_bytes()[9 * 512:12 * 512] == payload
