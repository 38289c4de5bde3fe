"""The trace bus: every event in the system, published in one place.

Components emit events (a category, an event name, fields); consumers
subscribe to the categories they want. A component checks the category flag
before building an event (`if bus.ipc: bus.emit(...)`), so tracing that nobody
asked for costs one attribute test. Events carry virtual time only, never
host time or host addresses, so two runs of the same command give the same
events byte for byte.
"""
from typing import Callable

CATEGORIES = {
    "trap": "every int 0x21 / int 0x20 with its registers",
    "ipc": "messages: send, receive, reply, notify, with decoded call fields",
    "kcall": "kernel calls made by the servers (fork, exec, exit, copy, devio, ...)",
    "sched": "context switches and preemptions",
    "proc": "process life cycle: fork, exec, exit",
    "signal": "signals generated and delivered",
    "fault": "CPU faults: bad memory access, divide error, privileged instruction",
    "dev": "device register accesses (port I/O)",
    "irq": "interrupts raised by devices and delivered to drivers",
    "boot": "firmware and kernel start-up",
    "deny": "refused messages (ECALLDENIED): the kernel's IPC masks and the servers' "
            "sender rules",
}

Event = dict
Subscriber = Callable[[Event], None]


class TraceBus:
    __slots__ = ("now", "_subs") + tuple(CATEGORIES)

    def __init__(self, now: Callable[[], int]) -> None:
        self.now = now          # virtual time in ns, exact even in the middle of a slice
        self._subs: list[tuple[frozenset, Subscriber]] = []
        for cat in CATEGORIES:
            setattr(self, cat, False)

    def subscribe(self, fn: Subscriber, categories) -> None:
        cats = frozenset(categories)
        unknown = cats - CATEGORIES.keys()
        if unknown:
            raise ValueError(f"unknown trace categories: {', '.join(sorted(unknown))}")
        self._subs.append((cats, fn))
        for cat in cats:
            setattr(self, cat, True)

    def unsubscribe(self, fn: Subscriber) -> None:
        """Remove a consumer (a live viewer detaching); the category flags of
        categories nobody wants any more go back to False, so tracing them is
        free again."""
        self._subs = [(cats, f) for cats, f in self._subs if f != fn]   # == : bound methods
        wanted = set().union(*(cats for cats, _ in self._subs)) if self._subs else set()
        for cat in CATEGORIES:
            setattr(self, cat, cat in wanted)

    def emit(self, cat: str, ev: str, **fields) -> None:
        event = {"t": self.now(), "cat": cat, "ev": ev}
        event.update(fields)
        for cats, fn in self._subs:
            if cat in cats:
                fn(event)


def parse_categories(spec: str) -> set[str]:
    """'-d ipc,trap' or '-d all' -> category set; ValueError names a bad one."""
    if spec.strip() == "all":
        return set(CATEGORIES)
    cats = {c.strip() for c in spec.split(",") if c.strip()}
    unknown = cats - CATEGORIES.keys()
    if unknown:
        raise ValueError(f"unknown trace category '{sorted(unknown)[0]}' "
                         f"(known: {', '.join(CATEGORIES)}, all)")
    return cats
