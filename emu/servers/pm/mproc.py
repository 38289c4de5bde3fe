"""PM's process table: what PM knows about each process (MINIX's mproc).

The kernel knows endpoints and CPUs; PM knows pids, parents, identities and
exit statuses. A process that exited stays here as a zombie until its parent
waits for it.
"""
from dataclasses import dataclass, field

INIT_PID = 1
MAX_PID = 30000


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
    groups: tuple = ()            # supplementary group ids
    zombie: bool = False
    wait_status: int = 0          # encoded as <sys/wait.h> (exit code << 8 | signal)
    waiting: tuple | None = None  # (pid argument, options) of a suspended wait
    paused: bool = False          # suspended in pause() until a signal
    alarm: tuple | None = None    # (timer id, tick it fires at)
    children: set = field(default_factory=set)


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
