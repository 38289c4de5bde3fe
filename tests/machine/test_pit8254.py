"""Tests of the 8254 PIT model: counts read through the latch and read-back
commands at known virtual times, OUT0 edges as IRQ0 pulses, and the exactness
of next_irq_time() over long intervals."""
import pytest

from emu.machine.clock import VirtualClock
from emu.machine.irq import IrqController
from emu.machine.pit8254 import PIT_HZ, Pit8254, clocks_to_ns, ns_to_clocks
from emu.machine.portbus import PortBus

CH0, CH1, CH2, CTRL, PORT_B = 0x40, 0x41, 0x42, 0x43, 0x61


@pytest.fixture
def rig():
    clock = VirtualClock()
    irqs = IrqController()
    bus = PortBus()
    pit = Pit8254(clock, irqs.line(0))
    pit.attach(bus)
    return pit, bus, clock, irqs


def program(bus, channel, mode, count, rw=3, bcd=0):
    bus.write(CTRL, 1, channel << 6 | rw << 4 | mode << 1 | bcd)
    port = CH0 + channel
    if rw == 1:
        bus.write(port, 1, count & 0xFF)
    elif rw == 2:
        bus.write(port, 1, count >> 8)
    else:
        bus.write(port, 1, count & 0xFF)
        bus.write(port, 1, count >> 8)


def latched(bus, channel):
    bus.write(CTRL, 1, channel << 6)      # counter latch command
    lo = bus.read(CH0 + channel, 1)
    return bus.read(CH0 + channel, 1) << 8 | lo


def status(bus, channel):
    bus.write(CTRL, 1, 0xE0 | 2 << channel)   # read-back: status only
    return bus.read(CH0 + channel, 1)


def at_clock(clock, n):
    """Move virtual time to the first ns at which n PIT clocks have passed."""
    clock.advance_to(clocks_to_ns(n))


def test_time_conversions_are_exact_inverses():
    for n in (0, 1, 2, 1193, 19886, 65536, PIT_HZ, 10 * PIT_HZ + 7):
        t = clocks_to_ns(n)
        assert ns_to_clocks(t) == n
        assert n == 0 or ns_to_clocks(t - 1) == n - 1
    assert clocks_to_ns(PIT_HZ) == 10**9


def test_idle_until_programmed(rig):
    pit, bus, clock, irqs = rig
    clock.advance(10**9)
    assert pit.update() == 0
    assert pit.next_irq_time() is None
    assert pit.period_ns() is None


def test_mode2_counts_down_from_load_time(rig):
    pit, bus, clock, irqs = rig
    clock.advance(12345)                  # the load time need not be 0
    t0 = clock.now
    program(bus, 0, 2, 1000)
    assert latched(bus, 0) == 1000
    for n, want in ((1, 999), (250, 750), (998, 2), (999, 1), (1000, 1000), (1001, 999),
                    (2999, 1), (3000, 1000)):
        clock.advance_to(t0 + clocks_to_ns(n))
        assert latched(bus, 0) == want, n
    clock.advance_to(t0 + clocks_to_ns(3250) - 1)    # one ns short of clock 3250
    assert latched(bus, 0) == 751


def test_mode2_out_is_low_for_one_clock(rig):
    pit, bus, clock, irqs = rig
    program(bus, 0, 2, 100)
    assert status(bus, 0) == 0x80 | 0x34          # OUT high, lobyte/hibyte, mode 2
    at_clock(clock, 99)
    assert status(bus, 0) == 0x34                 # count 1: OUT low
    at_clock(clock, 100)
    assert status(bus, 0) >> 7 == 1


def test_mode2_edges_over_long_interval_are_exact(rig):
    pit, bus, clock, irqs = rig
    program(bus, 0, 2, 1193)                      # about 1 kHz
    clock.advance(10 * 10**9)
    assert pit.update() == 10001                  # 11931820 clocks // 1193
    assert irqs.take(0) == 10001
    clock.advance(10 * 10**9)
    assert pit.update() == 10002                  # 23863640 // 1193 = 20003
    assert pit.update() == 0


def test_small_steps_do_not_drift(rig):
    pit, bus, clock, irqs = rig
    program(bus, 0, 3, PIT_HZ // 60)              # the kernel's 60 Hz tick
    total = 0
    while clock.now < 100 * 10**9:
        clock.advance(7_777_777)                  # steps that divide nothing
        total += pit.update()
    expected = ns_to_clocks(clock.now) // (PIT_HZ // 60)
    assert total == expected == irqs.take(0)
    assert expected == 6000                       # 100 s at 60 Hz (19886 clocks)


def test_next_irq_time_is_exact(rig):
    pit, bus, clock, irqs = rig
    n = 19886
    program(bus, 0, 2, n)
    assert pit.period_ns() == 16666_359           # 19886 / 1193182 Hz, rounded
    for k in range(1, 50):
        t = pit.next_irq_time()
        assert t == clocks_to_ns(k * n)
        clock.advance_to(t - 1)
        assert pit.update() == 0
        assert pit.next_irq_time() == t
        clock.advance_to(t)
        assert pit.update() == 1
        assert pit.next_irq_time() > t
    assert irqs.take(0) == 49


def test_mode3_even_count_values_and_out(rig):
    pit, bus, clock, irqs = rig
    program(bus, 0, 3, 10)
    seen = []
    for n in range(20):
        at_clock(clock, n)
        seen.append((latched(bus, 0), status(bus, 0) >> 7))
    half = [(10, 1), (8, 1), (6, 1), (4, 1), (2, 1), (10, 0), (8, 0), (6, 0), (4, 0), (2, 0)]
    assert seen == half * 2
    assert pit.update() == 1                      # the rising edge at clock 10


def test_mode3_odd_count_is_high_one_clock_longer(rig):
    pit, bus, clock, irqs = rig
    program(bus, 0, 3, 5)
    seen = []
    for n in range(10):
        at_clock(clock, n)
        seen.append((latched(bus, 0), status(bus, 0) >> 7))
    assert seen == [(5, 1), (4, 1), (2, 1), (5, 0), (2, 0)] * 2


def test_mode3_60hz_edges(rig):
    pit, bus, clock, irqs = rig
    program(bus, 0, 3, 19886)
    clock.advance(3600 * 10**9)                   # an hour of virtual time
    assert pit.update() == 3600 * PIT_HZ // 19886 == 216003
    assert pit.next_irq_time() == clocks_to_ns(216004 * 19886)


def test_reload_zero_means_65536(rig):
    pit, bus, clock, irqs = rig
    program(bus, 0, 2, 0)
    assert latched(bus, 0) == 0
    at_clock(clock, 1)
    assert latched(bus, 0) == 0xFFFF
    assert pit.next_irq_time() == clocks_to_ns(65536)
    clock.advance(10**9)
    assert pit.update() == ns_to_clocks(clock.now) // 65536 == 18


def test_access_modes(rig):
    pit, bus, clock, irqs = rig
    program(bus, 0, 2, 0x50, rw=1)                # lobyte only
    assert bus.read(CH0, 1) == 0x50
    assert bus.read(CH0, 1) == 0x50               # no flip-flop in lobyte mode
    assert status(bus, 0) & 0x30 == 0x10
    program(bus, 0, 2, 0x1200, rw=2)              # hibyte only
    assert bus.read(CH0, 1) == 0x12
    program(bus, 0, 2, 0x1234)                    # lobyte then hibyte
    assert bus.read(CH0, 1) == 0x34
    assert bus.read(CH0, 1) == 0x12
    at_clock(clock, 0x34)
    assert bus.read(CH0, 1) == 0x00
    assert bus.read(CH0, 1) == 0x12


def test_latch_holds_until_read(rig):
    pit, bus, clock, irqs = rig
    program(bus, 0, 2, 1000)
    at_clock(clock, 10)
    bus.write(CTRL, 1, 0x00)                      # latch 990
    at_clock(clock, 20)
    bus.write(CTRL, 1, 0x00)                      # ignored: the first latch holds
    at_clock(clock, 30)
    assert bus.read(CH0, 1) == 990 & 0xFF
    assert bus.read(CH0, 1) == 990 >> 8
    assert latched(bus, 0) == 970


def test_readback_status_then_count(rig):
    pit, bus, clock, irqs = rig
    bus.write(CTRL, 1, 0x34)
    assert status(bus, 0) == 0x80 | 0x40 | 0x34   # null count: no count loaded yet
    bus.write(CH0, 1, 100)
    bus.write(CH0, 1, 0)
    at_clock(clock, 40)
    bus.write(CTRL, 1, 0xC2)                      # latch count and status of ch0
    assert bus.read(CH0, 1) == 0x80 | 0x34
    assert bus.read(CH0, 1) == 60
    assert bus.read(CH0, 1) == 0


def test_mode2_new_count_waits_for_reload(rig):
    pit, bus, clock, irqs = rig
    program(bus, 0, 2, 100)
    at_clock(clock, 30)
    bus.write(CH0, 1, 50)
    bus.write(CH0, 1, 0)
    assert status(bus, 0) & 0x40                  # null count until the reload
    assert latched(bus, 0) == 70                  # the old count goes on
    assert pit.next_irq_time() == clocks_to_ns(100)
    at_clock(clock, 99)
    assert latched(bus, 0) == 1
    at_clock(clock, 100)
    assert latched(bus, 0) == 50
    assert status(bus, 0) & 0x40 == 0
    assert pit.next_irq_time() == clocks_to_ns(100) + clocks_to_ns(50)
    clock.advance_to(clocks_to_ns(100) + clocks_to_ns(500))
    assert pit.update() == 1 + 10


def test_mode0_one_shot(rig):
    pit, bus, clock, irqs = rig
    program(bus, 0, 0, 100)
    assert status(bus, 0) >> 7 == 0               # OUT low while counting
    assert pit.next_irq_time() == clocks_to_ns(100)
    at_clock(clock, 99)
    assert latched(bus, 0) == 1
    assert status(bus, 0) >> 7 == 0
    assert pit.update() == 0
    at_clock(clock, 100)
    assert status(bus, 0) >> 7 == 1
    assert pit.update() == 1
    assert pit.next_irq_time() is None
    at_clock(clock, 105)
    assert latched(bus, 0) == 0xFFFB              # the counter wraps and goes on
    clock.advance(10**10)
    assert pit.update() == 0
    assert status(bus, 0) >> 7 == 1
    assert irqs.take(0) == 1


def test_mode0_first_byte_stops_counting(rig):
    pit, bus, clock, irqs = rig
    program(bus, 0, 0, 100)
    at_clock(clock, 40)
    bus.write(CH0, 1, 200)                        # low byte of a new count
    at_clock(clock, 400)
    assert status(bus, 0) >> 7 == 0               # stopped, OUT low, no terminal count
    assert latched(bus, 0) == 60
    bus.write(CH0, 1, 0)                          # count 200 from here
    t0 = clock.now
    assert pit.next_irq_time() == t0 + clocks_to_ns(200)
    clock.advance_to(t0 + clocks_to_ns(200) - 1)
    assert pit.update() == 0
    clock.advance_to(t0 + clocks_to_ns(200))
    assert pit.update() == 1


def test_mode4_strobe(rig):
    pit, bus, clock, irqs = rig
    program(bus, 0, 4, 10)
    at_clock(clock, 9)
    assert status(bus, 0) >> 7 == 1
    at_clock(clock, 10)
    assert status(bus, 0) >> 7 == 0               # low for one clock at count 0
    assert pit.next_irq_time() == clocks_to_ns(11)
    at_clock(clock, 11)
    assert status(bus, 0) >> 7 == 1
    assert pit.update() == 1


def test_bcd_counting(rig):
    pit, bus, clock, irqs = rig
    program(bus, 0, 2, 0x1000, bcd=1)             # 1000 decimal
    at_clock(clock, 1)
    assert latched(bus, 0) == 0x0999
    assert pit.next_irq_time() == clocks_to_ns(1000)
    program(bus, 0, 2, 0, bcd=1)                  # 0 means 10000 in BCD
    t0 = clock.now
    assert pit.next_irq_time() == t0 + clocks_to_ns(10000)


def test_channel2_gate_via_port_b(rig):
    pit, bus, clock, irqs = rig
    assert bus.read(PORT_B, 1) & 0x21 == 0        # gate off, OUT2 low
    program(bus, 2, 0, 1000)
    at_clock(clock, 500)
    assert latched(bus, 2) == 1000                # gate low: not counting
    bus.write(PORT_B, 1, 0x01)                    # gate high: count from here
    t0 = clock.now
    clock.advance_to(t0 + clocks_to_ns(999))
    assert bus.read(PORT_B, 1) & 0x21 == 0x01
    clock.advance_to(t0 + clocks_to_ns(1000))
    assert bus.read(PORT_B, 1) & 0x21 == 0x21     # OUT2 high at terminal count
    assert pit.update() == 0                      # channel 2 is not IRQ0


def test_channel2_mode0_gate_pauses(rig):
    pit, bus, clock, irqs = rig
    bus.write(PORT_B, 1, 0x01)
    program(bus, 2, 0, 1000)
    at_clock(clock, 300)
    bus.write(PORT_B, 1, 0x00)                    # pause at 700 left
    clock.advance(10**8)
    assert latched(bus, 2) == 700
    bus.write(PORT_B, 1, 0x01)
    t1 = clock.now
    clock.advance_to(t1 + clocks_to_ns(699))
    assert latched(bus, 2) == 1
    clock.advance_to(t1 + clocks_to_ns(700))
    assert bus.read(PORT_B, 1) & 0x20


def test_channel2_mode3_gate_restarts(rig):
    pit, bus, clock, irqs = rig
    program(bus, 2, 3, 100)
    assert pit.out(2)                             # gate low: OUT high, idle
    bus.write(PORT_B, 1, 0x03)
    t0 = clock.now
    clock.advance_to(t0 + clocks_to_ns(50))
    assert not pit.out(2)
    bus.write(PORT_B, 1, 0x00)                    # gate low: OUT high at once
    assert pit.out(2)
    bus.write(PORT_B, 1, 0x01)                    # rising gate reloads
    t1 = clock.now
    clock.advance_to(t1 + clocks_to_ns(49))
    assert pit.out(2)
    assert latched(bus, 2) == 2


def test_reset_stops_the_timer(rig):
    pit, bus, clock, irqs = rig
    program(bus, 0, 2, 100)
    pit.reset()
    clock.advance(10**9)
    assert pit.update() == 0
    assert pit.next_irq_time() is None


def reference(mode, n, clocks):
    """(count, OUT) at clocks 0..clocks-1, stepped clock by clock as the 8254
    data sheet describes (the count is taken at the load instant)."""
    out = []
    if mode == 2:
        count = n
        for _ in range(clocks):
            out.append((count % 65536, int(count != 1)))
            count = count - 1 or n
    elif mode == 3:
        count, level, first = n, 1, True
        for _ in range(clocks):
            out.append((count % 65536, level))
            step = (1 if level else 3) if n & 1 and first else 2
            first = False
            count -= step
            if count <= 0:
                level, count, first = level ^ 1, n, True
    else:                                          # modes 0 and 4
        count, fired = n, False
        for _ in range(clocks):
            if mode == 0:
                level = int(fired or count % 65536 == 0)
            else:
                level = int(fired or count % 65536 != 0)
            out.append((count % 65536, level))
            if count % 65536 == 0:
                fired = True
            count -= 1
    return out


@pytest.mark.parametrize("mode", [0, 2, 3, 4])
def test_arithmetic_model_matches_clock_by_clock_reference(mode):
    for n in list(range(2, 24)) + [255, 256, 257]:
        clock = VirtualClock()
        irqs = IrqController()
        bus = PortBus()
        pit = Pit8254(clock, irqs.line(0))
        pit.attach(bus)
        program(bus, 0, mode, n)
        want = reference(mode, n, 3 * n + 3)
        got = []
        edges = []
        for c in range(len(want)):
            at_clock(clock, c)
            got.append((latched(bus, 0), status(bus, 0) >> 7))
            edges.append(pit.update())
        assert got == want, (mode, n)
        rising = [0] + [int(want[i][1] and not want[i - 1][1]) for i in range(1, len(want))]
        assert edges == rising, (mode, n)


def test_mode3_new_count_waits_for_half_cycle(rig):
    pit, bus, clock, irqs = rig
    program(bus, 0, 3, 10)
    at_clock(clock, 2)
    bus.write(CH0, 1, 6)
    bus.write(CH0, 1, 0)
    # The new count loads at the end of the high half (clock 5) and starts
    # with its own low half of 3 clocks.
    assert pit.next_irq_time() == clocks_to_ns(5) + clocks_to_ns(3)
    at_clock(clock, 4)
    assert (latched(bus, 0), pit.out(0)) == (2, True)
    at_clock(clock, 5)
    assert (latched(bus, 0), pit.out(0)) == (6, False)
    clock.advance_to(clocks_to_ns(5) + clocks_to_ns(2))
    assert (latched(bus, 0), pit.out(0)) == (2, False)
    assert pit.update() == 0
    clock.advance_to(clocks_to_ns(5) + clocks_to_ns(3))
    assert (latched(bus, 0), pit.out(0)) == (6, True)
    assert pit.update() == 1
    assert pit.next_irq_time() == clocks_to_ns(5) + clocks_to_ns(9)


def test_channel2_mode1_retriggerable_one_shot(rig):
    pit, bus, clock, irqs = rig
    program(bus, 2, 1, 100)
    assert pit.out(2)                              # waits for a trigger
    clock.advance(10**6)
    assert pit.out(2)
    bus.write(PORT_B, 1, 0x01)                     # gate rises: trigger
    t0 = clock.now
    assert not pit.out(2)
    clock.advance_to(t0 + clocks_to_ns(60))
    assert latched(bus, 2) == 40
    bus.write(PORT_B, 1, 0x00)                     # gate low does not stop mode 1
    bus.write(PORT_B, 1, 0x01)                     # retrigger: 100 more clocks
    t1 = clock.now
    clock.advance_to(t1 + clocks_to_ns(99))
    assert not pit.out(2)
    clock.advance_to(t1 + clocks_to_ns(100))
    assert pit.out(2)


def test_channel2_mode5_strobe_on_trigger(rig):
    pit, bus, clock, irqs = rig
    program(bus, 2, 5, 10)
    bus.write(PORT_B, 1, 0x01)
    t0 = clock.now
    clock.advance_to(t0 + clocks_to_ns(10))
    assert not pit.out(2)                          # the one-clock strobe
    clock.advance_to(t0 + clocks_to_ns(11))
    assert pit.out(2)
