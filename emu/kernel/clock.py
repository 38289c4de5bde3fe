"""The clock task: turns PIT interrupts into uptime ticks, quanta and timers.

The kernel programs the PIT for HZ interrupts a second. Each slice or idle
jump brings the PIT up to the virtual time and collects the IRQ 0 edges that
passed; the clock task counts them as ticks, charges the running process's
quantum, and fires the timers that expired (alarms, sleeps, timeouts).
"""
import heapq
import itertools
from typing import Callable

from emu.abi.fcntl import HZ

PIT_INPUT_HZ = 1193182
SQUARE_WAVE = 0x36            # channel 0, lobyte/hibyte, mode 3, binary
TIMER_COUNT = PIT_INPUT_HZ // HZ


class ClockTask:
    def __init__(self, kernel) -> None:
        self.kernel = kernel
        self.uptime = 0                      # ticks since boot
        self._timers: list = []              # heap of (tick, seq, callback)
        self._seq = itertools.count()
        self._cancelled: set[int] = set()

    def start(self, bus) -> None:
        """Program PIT channel 0 like MINIX does: mode 3 at HZ."""
        bus.write(0x43, 1, SQUARE_WAVE)
        bus.write(0x40, 1, TIMER_COUNT & 0xFF)
        bus.write(0x40, 1, TIMER_COUNT >> 8)

    def set_timer(self, ticks_from_now: int, callback: Callable[[], None]) -> int:
        """Call `callback` after `ticks_from_now` ticks; returns an id for cancel()."""
        seq = next(self._seq)
        heapq.heappush(self._timers, (self.uptime + max(1, ticks_from_now), seq, callback))
        return seq

    def cancel(self, timer_id: int) -> None:
        self._cancelled.add(timer_id)

    def next_timer_tick(self) -> int | None:
        while self._timers and self._timers[0][1] in self._cancelled:
            self._cancelled.discard(heapq.heappop(self._timers)[1])
        return self._timers[0][0] if self._timers else None

    def ticks(self, count: int, running) -> None:
        """`count` clock interrupts happened while `running` (a Proc or None) ran."""
        if count <= 0:
            return
        self.uptime += count
        if running is not None:
            running.ticks_left -= count
        while True:
            due = self.next_timer_tick()
            if due is None or due > self.uptime:
                break
            _, seq, callback = heapq.heappop(self._timers)
            callback()
