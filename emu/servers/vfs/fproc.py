"""Per-process file state (MINIX's fproc): descriptors, directories, identity.

A descriptor points at a Filp (filp.py); cwd and root are vnodes; umask and
the real/effective ids and groups are what PM told VFS (PM_SETUID,
PM_SETGID, PM_SETGROUPS), and its session (PM_SETSID), which the TTY needs
for the controlling terminal. `suspended` is the one record of what the process
waits for, if anything (suspend.py).
"""
from dataclasses import dataclass, field

from emu.abi.fcntl import OPEN_MAX


@dataclass(eq=False)
class FProc:
    endpoint: int
    pid: int
    fds: list = field(default_factory=lambda: [None] * OPEN_MAX)
    cloexec: set = field(default_factory=set)
    uid: int = 0              # effective
    gid: int = 0
    ruid: int = 0             # real
    rgid: int = 0
    groups: tuple = ()
    umask: int = 0o022
    cwd: object = None        # Vnode
    root: object = None       # Vnode
    suspended: object = None  # suspend.Suspension
    sid: int = 0              # session (the pid of its leader: PM_INIT, PM_SETSID, fork)

    def lowest_free_fd(self, start: int = 0) -> int | None:
        fds = self.fds
        for fd in range(start, OPEN_MAX):
            if fds[fd] is None:
                return fd
        return None

    def in_group(self, gid: int) -> bool:
        return gid == self.gid or gid in self.groups
