"""The 8254 interval timer (0x40-0x43; channel 0 on IRQ0, channel 2 gated by
port 0x61). Counters are never ticked: count, OUT and OUT0's rising edges are
computed from virtual time with exact integer arithmetic."""
from typing import Optional

from .clock import NS_PER_SECOND, VirtualClock
from .irq import IrqLine
from .portbus import PortBus

PIT_HZ = 1_193_182
BASE = 0x40
PORT_B = 0x61

# Control word fields.
SC_READBACK = 3
RW_LATCH = 0
RW_LSB = 1
RW_MSB = 2
RW_LSB_MSB = 3

# Read-back command bits (active low for COUNT and STATUS).
RB_NOT_COUNT = 0x20
RB_NOT_STATUS = 0x10

PORTB_GATE2 = 0x01
PORTB_SPEAKER = 0x02
PORTB_REFRESH = 0x10
PORTB_OUT2 = 0x20
REFRESH_NS = 15_085  # the DRAM refresh request toggle seen at 0x61 bit 4


def ns_to_clocks(ns: int) -> int:
    """Whole PIT input clocks in `ns` nanoseconds (rounded down)."""
    return ns * PIT_HZ // NS_PER_SECOND


def clocks_to_ns(clocks: int) -> int:
    """The first whole nanosecond at which `clocks` input clocks have passed."""
    return -(-clocks * NS_PER_SECOND // PIT_HZ)


def _to_bcd(value: int) -> int:
    return (value // 1000 % 10 << 12 | value // 100 % 10 << 8
            | value // 10 % 10 << 4 | value % 10)


def _from_bcd(value: int) -> int:
    # Nibbles above 9 (undefined on the 8254) are taken at face value.
    return ((value >> 12 & 15) * 1000 + (value >> 8 & 15) * 100
            + (value >> 4 & 15) * 10 + (value & 15))


class _Counter:
    """One counter. While `running`, a segment started at `seg_time`; the
    counter's value and OUT are functions of the clocks elapsed since then.

    Periodic modes (2, 3) use `seg_n` (the reload value) and `seg_off` (the
    phase the segment starts in, for a mode 3 reload that lands on the low
    half). One-shot modes (0, 1, 4, 5) use `seg_t`, the clocks until terminal
    count, and `seg_done`, whether terminal count already happened.
    """
    __slots__ = ("index", "gate", "mode", "mode_bits", "rw", "bcd", "reload",
                 "running", "seg_time", "seg_off", "seg_n", "seg_t", "seg_done",
                 "frozen_count", "frozen_out", "pend_n", "pend_time", "pend_off",
                 "null_count", "wlow", "read_high", "status_latch", "count_latch",
                 "seen", "carried")

    def __init__(self, index: int) -> None:
        self.index = index
        self.reset()

    def reset(self) -> None:
        # Power-on: idle until programmed (no BIOS has set up 18.2 Hz).
        self.gate = self.index != 2
        self.mode = 0
        self.mode_bits = 0
        self.rw = RW_LSB_MSB
        self.bcd = False
        self.reload: Optional[int] = None
        self.running = False
        self.seg_time = 0
        self.seg_off = 0
        self.seg_n = 0
        self.seg_t = 0
        self.seg_done = False
        self.frozen_count = 0
        self.frozen_out = False
        self.pend_n: Optional[int] = None
        self.pend_time = 0
        self.pend_off = 0
        self.null_count = True
        self.wlow: Optional[int] = None
        self.read_high = False     # the next live lsb/msb read is the msb
        self.status_latch: Optional[int] = None
        self.count_latch: list[int] = []
        self.seen = 0      # edges of the current segment already reported
        self.carried = 0   # edges of ended segments not yet reported

    @property
    def modulus(self) -> int:
        return 10_000 if self.bcd else 65_536

    # -- the arithmetic model -----------------------------------------

    def _clock(self, now: int) -> int:
        return ns_to_clocks(now - self.seg_time) + self.seg_off

    def _time_of(self, clock: int) -> int:
        return self.seg_time + clocks_to_ns(clock - self.seg_off)

    def _edges(self, d: int) -> int:
        """Rising edges of OUT in the current segment up to clock d."""
        mode = self.mode
        if mode >= 2 and mode <= 3:
            n = self.seg_n
            return d // n if n >= 2 else 0   # a count of 1 never toggles OUT
        if self.seg_done:
            return 0
        edge = self.seg_t if mode <= 1 else self.seg_t + 1
        return 1 if d >= edge else 0

    def _value(self, d: int) -> tuple[int, bool]:
        """(count, OUT) at clock d of the running segment."""
        mode = self.mode
        if mode == 2:
            n = self.seg_n
            p = d % n
            return n - p, p != n - 1
        if mode == 3:
            n = self.seg_n
            high = (n + 1) >> 1
            p = d % n
            q = p if p < high else p - high
            if q == 0:
                count = n
            elif n & 1:
                # Odd counts: the high half starts with a step of 1, the low
                # half with a step of 3, then steps of 2 (8254 data sheet).
                count = n + 1 - 2 * q if p < high else n - 1 - 2 * q
            else:
                count = n - 2 * q
            return count, p < high
        count = self.seg_t - d
        if mode <= 1:
            return count, self.seg_done or d >= self.seg_t
        return count, self.seg_done or d != self.seg_t

    def state(self, now: int) -> tuple[int, bool]:
        """(count as the guest reads it, OUT) at `now`."""
        self.sync(now)
        if not self.running:
            count, out = self.frozen_count, self.frozen_out
        else:
            count, out = self._value(self._clock(now))
        count %= self.modulus
        return (_to_bcd(count) if self.bcd else count), out

    def sync(self, now: int) -> None:
        """Take a deferred mode 2/3 reload whose moment has come."""
        if self.pend_n is not None and now >= self.pend_time:
            t = self.pend_time
            self._fold(t)
            self._start_periodic(t, self.pend_n, self.pend_off)

    def _fold(self, now: int) -> None:
        """End the running segment at `now`, keeping its unreported edges."""
        if self.running:
            self.carried += self._edges(self._clock(now)) - self.seen
            self.seen = 0

    def take_edges(self, now: int) -> int:
        self.sync(now)
        n = self.carried
        self.carried = 0
        if self.running:
            total = self._edges(self._clock(now))
            n += total - self.seen
            self.seen = total
        return n

    def next_edge(self, now: int) -> Optional[int]:
        """Virtual time of the next OUT rising edge strictly after `now`."""
        self.sync(now)
        if not self.running:
            return None
        d = self._clock(now)
        if self.mode in (2, 3):
            n = self.seg_n
            t = self._time_of((d // n + 1) * n) if n >= 2 else None
            if self.pend_n is not None and (t is None or t > self.pend_time):
                n = self.pend_n
                return self.pend_time + clocks_to_ns(n - self.pend_off) if n >= 2 else None
            return t
        if self.seg_done:
            return None
        edge = self.seg_t if self.mode <= 1 else self.seg_t + 1
        return self._time_of(edge) if d < edge else None

    def _start_periodic(self, now: int, n: int, off: int = 0) -> None:
        self.running = True
        self.seg_time = now
        self.seg_n = n
        self.seg_off = off
        self.seen = 0
        self.reload = n
        self.pend_n = None
        self.null_count = False

    def _start_oneshot(self, now: int, t: int, done: bool = False) -> None:
        self.running = True
        self.seg_time = now
        self.seg_off = 0
        self.seg_t = t
        self.seg_done = done
        self.seen = 0

    def _freeze(self, now: int, out: Optional[bool] = None) -> None:
        """Stop counting at `now`, holding the current value."""
        if self.running:
            d = self._clock(now)
            count, level = self._value(d)
            self._fold(now)
            if self.mode in (0, 1, 4, 5):
                # Keep what a later resume needs: clocks left, and whether
                # terminal count is behind us.
                done = self.seg_done or (d >= self.seg_t if self.mode <= 1 else d > self.seg_t)
                self.seg_t -= d
                self.seg_done = done
            self.frozen_count = count % self.modulus
            self.frozen_out = level
            self.running = False
        if out is not None:
            self.frozen_out = out

    # -- guest operations ----------------------------------------------

    def control(self, now: int, mode_bits: int, rw: int, bcd: bool) -> None:
        self.sync(now)
        self._freeze(now)
        self.mode_bits = mode_bits
        self.mode = mode_bits - 4 if mode_bits >= 6 else mode_bits
        self.rw = rw
        self.bcd = bcd
        self.frozen_count %= self.modulus
        self.frozen_out = self.mode != 0   # mode 0 starts low, the rest high
        self.reload = None
        self.pend_n = None
        self.seg_done = False
        self.null_count = True
        self.wlow = None
        self.read_high = False
        self.status_latch = None
        self.count_latch = []

    def write_count(self, now: int, byte: int) -> None:
        self.sync(now)
        if self.rw == RW_LSB:
            value = byte
        elif self.rw == RW_MSB:
            value = byte << 8
        elif self.wlow is None:
            self.wlow = byte
            if self.mode == 0:
                # Mode 0: the first byte stops counting and drives OUT low.
                self._freeze(now, out=False)
            return
        else:
            value = self.wlow | byte << 8
            self.wlow = None
        n = _from_bcd(value) if self.bcd else value
        self._load(now, n or self.modulus)

    def _load(self, now: int, n: int) -> None:
        mode = self.mode
        self.null_count = True
        if mode in (0, 4):
            self._freeze(now)
            self.reload = n
            self.seg_t = n
            self.seg_done = False
            self.null_count = False
            if self.gate:
                self._start_oneshot(now, n)
            else:
                self.frozen_count = n % self.modulus
                self.frozen_out = mode == 4
        elif mode in (1, 5):
            self.reload = n            # loaded at the next gate trigger
        elif self.running:
            # Modes 2/3: the new count takes effect at the next reload
            # (mode 2: end of the period; mode 3: end of the half-cycle).
            d = self._clock(now)
            old = self.seg_n
            base = d - d % old
            if mode == 3 and base + ((old + 1) >> 1) > d:
                boundary, off = base + ((old + 1) >> 1), (n + 1) >> 1
            else:
                boundary, off = base + old, 0
            self.pend_n = n
            self.pend_off = off
            self.pend_time = self._time_of(boundary)
        else:
            self.reload = n
            if self.gate:
                self._start_periodic(now, n)
            else:
                self.frozen_count = n % self.modulus
                self.frozen_out = True

    def set_gate(self, now: int, level: bool) -> None:
        self.sync(now)
        if level == self.gate:
            return
        self.gate = level
        mode = self.mode
        if level:
            if self.reload is None:
                return
            if mode in (0, 4):
                if not self.running and self.wlow is None:
                    self._start_oneshot(now, self.seg_t, self.seg_done)
            elif mode in (1, 5):
                self._fold(now)
                self._start_oneshot(now, self.reload)
                self.null_count = False
            else:
                self._fold(now)
                self._start_periodic(now, self.reload)
        else:
            if mode in (0, 4):
                self._freeze(now)
            elif mode in (2, 3):
                if self.pend_n is not None:
                    self.reload = self.pend_n
                    self.pend_n = None
                self._freeze(now, out=True)

    def latch_count(self, now: int) -> None:
        if self.count_latch:
            return   # the first latch holds until it is read
        count, _ = self.state(now)
        if self.rw == RW_LSB:
            self.count_latch = [count & 0xFF]
        elif self.rw == RW_MSB:
            self.count_latch = [count >> 8]
        else:
            self.count_latch = [count & 0xFF, count >> 8]

    def latch_status(self, now: int) -> None:
        if self.status_latch is not None:
            return
        _, out = self.state(now)
        null = self.null_count or self.pend_n is not None
        self.status_latch = (out << 7 | null << 6 | self.rw << 4
                             | self.mode_bits << 1 | self.bcd)

    def read(self, now: int) -> int:
        if self.status_latch is not None:
            value, self.status_latch = self.status_latch, None
            return value
        if self.count_latch:
            return self.count_latch.pop(0)
        count, _ = self.state(now)
        if self.rw == RW_LSB:
            return count & 0xFF
        if self.rw == RW_MSB:
            return count >> 8
        if self.read_high:          # lobyte-then-hibyte, read live
            self.read_high = False
            return count >> 8
        self.read_high = True
        return count & 0xFF


class Pit8254:
    """The PC's timer. Channel 0 drives IRQ0; the kernel calls update() to
    collect its ticks and next_irq_time() to know how far it may sleep."""

    NAME = "pit"   # in traces

    PORTS = 4

    def __init__(self, clock: VirtualClock, irq0: IrqLine) -> None:
        self.clock = clock
        self.irq0 = irq0
        self._counters = tuple(_Counter(i) for i in range(3))
        self.reset()

    def reset(self) -> None:
        for counter in self._counters:
            counter.reset()
        self._port_b = 0

    def attach(self, bus: PortBus, port_b: bool = True) -> None:
        """Claim 0x40-0x43 and, unless port_b is False, 0x61 for the
        channel 2 gate (leave it to a fuller port B model if there is one)."""
        bus.register(BASE, self.PORTS, self)
        if port_b:
            bus.register(PORT_B, 1, self)

    # -- what the kernel uses ------------------------------------------

    def update(self) -> int:
        """Bring channel 0 up to clock.now; pulse IRQ0 once per OUT0 rising
        edge since the last update. Returns that number."""
        n = self._counters[0].take_edges(self.clock.now)
        if n:
            self.irq0.pulse(n)
        return n

    def next_irq_time(self) -> Optional[int]:
        return self._counters[0].next_edge(self.clock.now)

    def period_ns(self) -> Optional[int]:
        """Channel 0's period rounded to a nanosecond if it runs periodically.
        Only next_irq_time() is exact; this is for display and planning."""
        counter = self._counters[0]
        counter.sync(self.clock.now)
        if not counter.running or counter.mode not in (2, 3) or counter.seg_n < 2:
            return None
        return (counter.seg_n * NS_PER_SECOND + PIT_HZ // 2) // PIT_HZ

    def set_gate(self, channel: int, level: bool) -> None:
        self._counters[channel].set_gate(self.clock.now, bool(level))

    def out(self, channel: int) -> bool:
        return self._counters[channel].state(self.clock.now)[1]

    # -- port interface ------------------------------------------------

    def read(self, port: int, size: int) -> int:
        value = 0
        for i in range(size):
            value |= self._read_byte(port + i) << (8 * i)
        return value

    def write(self, port: int, size: int, value: int) -> None:
        for i in range(size):
            self._write_byte(port + i, (value >> (8 * i)) & 0xFF)

    def _read_byte(self, port: int) -> int:
        now = self.clock.now
        if BASE <= port < BASE + 3:
            return self._counters[port - BASE].read(now)
        if port == PORT_B:
            value = self._port_b & 0x0F
            if (now // REFRESH_NS) & 1:
                value |= PORTB_REFRESH
            if self._counters[2].state(now)[1]:
                value |= PORTB_OUT2
            return value
        return 0xFF   # the control word register is write-only

    def _write_byte(self, port: int, value: int) -> None:
        now = self.clock.now
        if BASE <= port < BASE + 3:
            self._counters[port - BASE].write_count(now, value)
        elif port == BASE + 3:
            self._control(now, value)
        elif port == PORT_B:
            self._port_b = value & 0x0F
            self._counters[2].set_gate(now, bool(value & PORTB_GATE2))

    def _control(self, now: int, value: int) -> None:
        select = value >> 6
        if select == SC_READBACK:
            for i, counter in enumerate(self._counters):
                if value & (2 << i):
                    if not value & RB_NOT_STATUS:
                        counter.latch_status(now)
                    if not value & RB_NOT_COUNT:
                        counter.latch_count(now)
            return
        counter = self._counters[select]
        rw = (value >> 4) & 3
        if rw == RW_LATCH:
            counter.latch_count(now)
        else:
            counter.control(now, (value >> 1) & 7, rw, bool(value & 1))
