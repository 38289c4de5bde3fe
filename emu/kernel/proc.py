"""The process table: slots, endpoints, and what each process is blocked on.

A process is runnable when `flags` is 0; each flag is a reason it is not
(MINIX's p_rts_flags). System servers are not in this table: they are Python
objects registered with the IPC layer at their fixed endpoints.
"""
from collections import deque

from emu.abi import endpoints as ep


class RTS:
    """Reasons a process cannot run. Plain ints, not an IntFlag: the IPC path
    tests and sets them on every message, and enum arithmetic costs ~1 us."""
    SLOT_FREE = 0x01
    SENDING = 0x02      # blocked sending to p.sendto
    RECEIVING = 0x04    # blocked receiving from p.getfrom (ANY or one endpoint)
    SIGNALED = 0x08     # stopped for a kernel signal PM has not handled yet
    NO_CPU = 0x10       # being created or torn down: not schedulable
    EXITING = 0x20      # PM cleared it; the kernel releases it after the slice
    STOPPED = 0x40      # stopped by a signal (SIGSTOP, SIGTSTP, ...) until SIGCONT
    DEBUG = 0x80        # held by the debugger (a breakpoint, a fault, gdb's Ctrl-C)

    @classmethod
    def names(cls, flags: int) -> str:
        found = [name for name, bit in vars(cls).items()
                 if name.isupper() and isinstance(bit, int) and flags & bit]
        return "|".join(found) or "runnable"


class Proc:
    __slots__ = (
        "slot", "endpoint", "generation", "name", "pid", "cpu", "mem", "flags",
        "sendto", "getfrom", "msg_addr", "send_call", "reply_pending", "pending_call",
        "callers", "notify_from", "inbox", "ready", "ticks_left", "old_cpu",
        "pending_frames", "context_set",
    )

    def __init__(self, slot: int) -> None:
        self.slot = slot
        self.generation = 0
        self.endpoint = ep.NONE
        self.flags = RTS.SLOT_FREE
        self.reset()

    def reset(self) -> None:
        self.name = ""
        self.pid = 0
        self.cpu = None          # emu.machine.cpu.Cpu
        self.mem = None          # emu.kernel.addrspace.AddressSpace
        self.sendto = ep.NONE
        self.getfrom = ep.NONE
        self.msg_addr = 0        # guest address of the message of a blocked IPC call
        self.send_call = 0       # IPC call of a blocked send (SEND or SENDREC)
        self.reply_pending = False
        self.pending_call = None  # (server, m_type) of an unanswered request, for the trace
        self.callers: deque = deque()   # processes blocked sending to this one
        self.notify_from: set[int] = set()  # endpoints with a pending notification
        self.inbox: deque = deque()     # messages from servers waiting for a RECEIVE
        self.ready = False
        self.ticks_left = 0
        self.old_cpu = None      # a CPU replaced by exec, closed after the slice
        self.pending_frames: list = []  # signal frames to push when it returns to user mode
        self.context_set = False  # sigreturn loaded its registers: the trap leaves EAX alone

    @property
    def label(self) -> str:
        return f"{self.name}[{self.pid}]" if self.pid else self.name

    def __repr__(self) -> str:
        return f"<Proc {self.label} ep={self.endpoint} {RTS.names(self.flags)}>"


class ProcTable:
    def __init__(self, nr_procs: int = ep.NR_PROCS) -> None:
        self.procs = [Proc(i) for i in range(nr_procs)]
        # endpoint -> live Proc: one dict probe per lookup, which every revive
        # and every copy to or from user memory makes (bench/: UDS ping-pong).
        self.by_endpoint: dict[int, Proc] = {}

    def allocate(self, name: str) -> Proc | None:
        for p in self.procs[ep.FIRST_USER_SLOT:]:
            if p.flags & RTS.SLOT_FREE:
                p.reset()
                p.generation = (p.generation + 1) % ep.MAX_GENERATION
                p.endpoint = ep.make_endpoint(p.generation, p.slot)
                p.name = name
                p.flags = RTS.NO_CPU
                self.by_endpoint[p.endpoint] = p
                return p
        return None

    def free(self, p: Proc) -> None:
        self.by_endpoint.pop(p.endpoint, None)
        p.reset()
        p.flags = RTS.SLOT_FREE
        p.endpoint = ep.NONE

    def lookup(self, endpoint: int) -> Proc | None:
        """The live process with this endpoint, or None (dead, stale or invalid)."""
        return self.by_endpoint.get(endpoint)

    def live(self):
        return (p for p in self.procs if not p.flags & RTS.SLOT_FREE)
