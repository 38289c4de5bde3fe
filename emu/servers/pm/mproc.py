"""PM's process table: what PM knows about each process (MINIX's mproc).

The kernel knows endpoints and CPUs; PM knows pids, parents, identities and
exit statuses. A process that exited stays here as a zombie until its parent
waits for it.
"""
from dataclasses import dataclass, field

from emu.abi.signals import NSIG, SIG_DFL

INIT_PID = 1
MAX_PID = 30000


@dataclass
class SigAct:
    """One signal's disposition (struct sigaction): SIG_DFL, SIG_IGN or a handler."""
    handler: int = SIG_DFL
    mask: int = 0
    flags: int = 0


def _default_actions() -> list:
    return [SigAct() for _ in range(NSIG)]


@dataclass
class MProc:
    pid: int
    ppid: int
    endpoint: int
    name: str
    ruid: int = 0
    euid: int = 0
    rgid: int = 0
    egid: int = 0
    pgrp: int = 0
    sid: int = 0                  # session: the pid of its leader
    groups: tuple = ()            # supplementary group ids
    zombie: bool = False
    wait_status: int = 0          # encoded as <sys/wait.h> (exit code << 8 | signal)
    waiting: tuple | None = None  # (pid argument, options) of a suspended wait
    paused: bool = False          # suspended in pause() until a signal
    alarm: int | None = None      # the tick its SIGALRM is due at
    children: set = field(default_factory=set)
    # Signals (MINIX's mp_sigact, mp_sigmask, mp_sigmask2, mp_sigpending, mp_sigreturn).
    sigact: list = field(default_factory=_default_actions)
    sigmask: int = 0              # blocked signals
    suspend_mask: int | None = None   # the mask sigsuspend replaced, while it waits
    sigpending: int = 0           # generated but blocked (or held while stopped)
    sigreturn: int = 0            # the C library's __sigreturn trampoline
    stopped: int = 0              # the signal that stopped it, 0 if running
    wait_report: int | None = None    # a stop or continue its parent may wait for
    execed: bool = False          # it has exec'd since fork (setpgid on it is EACCES)

    def fork_signals(self, child: "MProc") -> None:
        """What fork copies: dispositions, the mask and the trampoline; nothing pending."""
        child.sigact = [SigAct(a.handler, a.mask, a.flags) for a in self.sigact]
        child.sigmask = self.sigmask
        child.sigreturn = self.sigreturn
        child.sid = self.sid


class ProcessTable:
    def __init__(self) -> None:
        self.by_pid: dict[int, MProc] = {}
        self.by_ep: dict[int, MProc] = {}
        self._next_pid = INIT_PID + 1

    def add(self, mp: MProc) -> None:
        self.by_pid[mp.pid] = mp
        self.by_ep[mp.endpoint] = mp
        parent = self.by_pid.get(mp.ppid)
        if parent is not None:
            parent.children.add(mp.pid)

    def remove(self, mp: MProc) -> None:
        self.by_pid.pop(mp.pid, None)
        parent = self.by_pid.get(mp.ppid)
        if parent is not None:
            parent.children.discard(mp.pid)

    def forget_endpoint(self, mp: MProc) -> None:
        self.by_ep.pop(mp.endpoint, None)

    def alloc_pid(self) -> int:
        """The next free pid, wrapping around below MAX_PID like MINIX."""
        for _ in range(MAX_PID):
            pid = self._next_pid
            self._next_pid = pid + 1 if pid + 1 < MAX_PID else INIT_PID + 1
            if pid not in self.by_pid and not any(m.pgrp == pid for m in self.by_pid.values()):
                return pid
        raise RuntimeError("no free pid")

    def __len__(self) -> int:
        return len(self.by_pid)
