"""Interrupt lines from devices to the kernel.

There is no PIC model: a device raises or lowers its line, and the controller
counts rising edges per line until the kernel takes them. Counting (rather
than a pending bit) keeps every PIT tick even when the kernel looks late, so
virtual uptime is exact.
"""


class IrqController:
    NR_LINES = 16

    def __init__(self) -> None:
        self._levels = [False] * self.NR_LINES
        self._edges = [0] * self.NR_LINES
        self.pending = 0  # bit mask of lines with uncollected edges

    def line(self, number: int) -> "IrqLine":
        if not 0 <= number < self.NR_LINES:
            raise ValueError(f"no IRQ line {number}")
        return IrqLine(self, number)

    def set_level(self, number: int, level: bool) -> None:
        if level and not self._levels[number]:
            self._edges[number] += 1
            self.pending |= 1 << number
        self._levels[number] = level

    def add_edges(self, number: int, count: int) -> None:
        """Record `count` rising edges at once (a device that fired repeatedly)."""
        if count > 0:
            self._edges[number] += count
            self.pending |= 1 << number

    def level(self, number: int) -> bool:
        return self._levels[number]

    def take(self, number: int) -> int:
        """Collect and clear the rising edges seen on a line."""
        count = self._edges[number]
        self._edges[number] = 0
        self.pending &= ~(1 << number)
        return count


class IrqLine:
    """One device's interrupt output."""
    __slots__ = ("_controller", "number")

    def __init__(self, controller: IrqController, number: int) -> None:
        self._controller = controller
        self.number = number

    def raise_(self) -> None:
        self._controller.set_level(self.number, True)

    def lower(self) -> None:
        self._controller.set_level(self.number, False)

    def set(self, level: bool) -> None:
        self._controller.set_level(self.number, level)

    def pulse(self, count: int = 1) -> None:
        """Rising edges without a lasting level (edge-triggered devices)."""
        self._controller.add_edges(self.number, count)
