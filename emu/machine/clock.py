"""Virtual time: nanoseconds of guest execution, never the host clock.

The scheduler advances the clock by the guest work it ran (executed basic
blocks times a fixed cost), or jumps it forward when every process is blocked.
Devices read `now` and derive their own state (the PIT's counter) from it, so
the same run always sees the same times.
"""

NS_PER_SECOND = 1_000_000_000


class VirtualClock:
    __slots__ = ("now",)

    def __init__(self) -> None:
        self.now = 0  # ns since power-on

    def advance(self, ns: int) -> None:
        if ns < 0:
            raise ValueError("virtual time cannot go backwards")
        self.now += ns

    def advance_to(self, t: int) -> None:
        if t > self.now:
            self.now = t
