"""Round-robin scheduling of guest processes with a quantum in clock ticks.

Python servers never appear here: they run inside the trap of the process
that called them. A process that used up its quantum goes to the back of the
queue; one that was interrupted by a timer event before that goes back to
the front, so preemption happens exactly at quantum boundaries.
"""
from collections import deque

from emu.kernel.proc import Proc

QUANTUM_TICKS = 2   # 33 ms at HZ 60


class Scheduler:
    def __init__(self, trace) -> None:
        self.queue: deque[Proc] = deque()
        self.trace = trace
        self.last: Proc | None = None

    def ready(self, p: Proc, front: bool = False) -> None:
        if p.ready or p.flags:
            return
        p.ready = True
        if front:
            self.queue.appendleft(p)
        else:
            self.queue.append(p)

    def unready(self, p: Proc) -> None:
        if p.ready:
            p.ready = False
            self.queue.remove(p)

    def pick(self) -> Proc | None:
        while self.queue:
            p = self.queue.popleft()
            p.ready = False
            if p.flags:
                continue
            if p.ticks_left <= 0:
                p.ticks_left = QUANTUM_TICKS
            if p is not self.last:
                if self.trace.sched:
                    self.trace.emit("sched", "switch", frm=self.last.label if self.last else None,
                                    to=p.label, ep=p.endpoint)
                self.last = p
            return p
        return None

    def after_slice(self, p: Proc) -> None:
        """Put a process that is still runnable back in line."""
        if p.flags:
            return
        if p.ticks_left <= 0:
            if self.trace.sched and self.queue:
                self.trace.emit("sched", "preempt", proc=p.label, ep=p.endpoint)
            self.ready(p)
        else:
            self.ready(p, front=True)

    def forget(self, p: Proc) -> None:
        self.unready(p)
        if self.last is p:
            self.last = None
