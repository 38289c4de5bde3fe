"""Tests of the MC146818 RTC/CMOS model: time registers at boot_epoch plus
virtual seconds in BCD, binary and 12-hour formats, setting the clock, and the
memory-size bytes."""
import pytest

from emu.machine.clock import VirtualClock
from emu.machine.cmos import Cmos
from emu.machine.portbus import PortBus

LEAP_EVE = 1709251198          # 2024-02-29 23:59:58 UTC, a Thursday
SEC, MIN, HOUR, WDAY, DAY, MON, YEAR, A, B, C, D, CENT = (
    0x00, 0x02, 0x04, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x32)


@pytest.fixture
def rig():
    clock = VirtualClock()
    bus = PortBus()
    cmos = Cmos(clock, mem_kb=64 * 1024, boot_epoch=LEAP_EVE)
    cmos.attach(bus)
    return cmos, bus, clock


def peek(bus, index):
    bus.write(0x70, 1, index)
    return bus.read(0x71, 1)


def poke(bus, index, value):
    bus.write(0x70, 1, index)
    bus.write(0x71, 1, value)


def time_regs(bus):
    return [peek(bus, r) for r in (CENT, YEAR, MON, DAY, HOUR, MIN, SEC, WDAY)]


def test_status_registers(rig):
    cmos, bus, clock = rig
    assert peek(bus, A) == 0x26
    assert peek(bus, B) == 0x02
    assert peek(bus, C) == 0x00
    assert peek(bus, D) == 0x80


def test_time_in_bcd_at_boot_epoch(rig):
    cmos, bus, clock = rig
    assert time_regs(bus) == [0x20, 0x24, 0x02, 0x29, 0x23, 0x59, 0x58, 5]


def test_time_follows_virtual_seconds(rig):
    cmos, bus, clock = rig
    clock.advance(1_999_999_999)                   # not yet two whole seconds
    assert peek(bus, SEC) == 0x59
    clock.advance(1)
    assert time_regs(bus) == [0x20, 0x24, 0x03, 0x01, 0x00, 0x00, 0x00, 6]
    clock.advance(86400 * 10**9 * 2)               # two days later: Sunday
    assert peek(bus, WDAY) == 1
    assert peek(bus, DAY) == 0x03


def test_binary_mode(rig):
    cmos, bus, clock = rig
    poke(bus, B, 0x06)
    assert time_regs(bus) == [20, 24, 2, 29, 23, 59, 58, 5]


def test_twelve_hour_mode(rig):
    cmos, bus, clock = rig
    poke(bus, B, 0x00)                             # 12-hour, BCD
    assert peek(bus, HOUR) == 0x80 | 0x11          # 11 PM
    clock.advance(2 * 10**9)
    assert peek(bus, HOUR) == 0x12                 # 12 AM (midnight)
    poke(bus, B, 0x04)                             # 12-hour, binary
    clock.advance(13 * 3600 * 10**9)
    assert peek(bus, HOUR) == 0x80 | 1             # 1 PM


def test_guest_sets_the_time(rig):
    cmos, bus, clock = rig
    poke(bus, B, 0x82)                             # SET: halt updates
    clock.advance(5 * 10**9)
    assert peek(bus, SEC) == 0x58                  # frozen while SET
    poke(bus, YEAR, 0x25)
    poke(bus, MON, 0x12)
    poke(bus, DAY, 0x31)
    poke(bus, HOUR, 0x08)
    poke(bus, MIN, 0x30)
    poke(bus, SEC, 0x00)
    poke(bus, B, 0x02)                             # release: the clock runs from there
    assert time_regs(bus) == [0x20, 0x25, 0x12, 0x31, 0x08, 0x30, 0x00, 4]
    clock.advance(61 * 10**9)
    assert (peek(bus, MIN), peek(bus, SEC)) == (0x31, 0x01)
    assert cmos.seconds() == 1767169861            # 2025-12-31 08:31:01 UTC


def test_impossible_date_is_ignored(rig):
    cmos, bus, clock = rig
    poke(bus, MON, 0x13)                           # month 13 outside SET mode
    assert time_regs(bus) == [0x20, 0x24, 0x02, 0x29, 0x23, 0x59, 0x58, 5]


def test_memory_size_registers(rig):
    cmos, bus, clock = rig
    assert peek(bus, 0x15) | peek(bus, 0x16) << 8 == 640
    ext = 64 * 1024 - 1024
    assert peek(bus, 0x17) | peek(bus, 0x18) << 8 == ext
    assert peek(bus, 0x30) | peek(bus, 0x31) << 8 == ext
    assert peek(bus, 0x34) | peek(bus, 0x35) << 8 == (64 - 16) * 1024 // 64
    checksum = sum(peek(bus, i) for i in range(0x10, 0x2E))
    assert peek(bus, 0x2E) << 8 | peek(bus, 0x2F) == checksum


def test_memory_caps():
    clock = VirtualClock()
    bus = PortBus()
    Cmos(clock, mem_kb=4 * 1024 * 1024, boot_epoch=0).attach(bus)
    assert peek(bus, 0x17) | peek(bus, 0x18) << 8 == 0xFFFF
    assert peek(bus, 0x34) | peek(bus, 0x35) << 8 == 0xFF00
    small = PortBus()
    Cmos(clock, mem_kb=8 * 1024, boot_epoch=0).attach(small)
    assert peek(small, 0x34) | peek(small, 0x35) << 8 == 0
    assert peek(small, 0x17) | peek(small, 0x18) << 8 == 7 * 1024
    assert [peek(small, r) for r in (CENT, YEAR, MON, DAY, WDAY)] == [0x19, 0x70, 1, 1, 5]


def test_plain_ram_and_nmi_bit(rig):
    cmos, bus, clock = rig
    poke(bus, 0x80 | 0x40, 0xA5)                   # bit 7 (NMI mask) is ignored
    assert peek(bus, 0x40) == 0xA5
    poke(bus, 0x7F, 0x5A)
    assert peek(bus, 0x7F) == 0x5A
    poke(bus, C, 0xFF)                             # read-only status registers
    poke(bus, D, 0x00)
    assert (peek(bus, C), peek(bus, D)) == (0, 0x80)
    assert bus.read(0x70, 1) == 0xFF               # the index port is write-only
    cmos.reset()
    assert peek(bus, 0x40) == 0


def test_uip_never_set(rig):
    cmos, bus, clock = rig
    for _ in range(100):
        clock.advance(9_999_999)
        assert not peek(bus, A) & 0x80
