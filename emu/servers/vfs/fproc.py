"""Per-process file state (fproc) and open files (filp), as in MINIX's VFS.

A descriptor points at a filp; dup and fork share filps (and so their
offset and flags), counted by `count`. A filp here refers to a character
device (major, minor); the file system issue adds vnodes.
"""
from dataclasses import dataclass, field

from emu.abi.fcntl import OPEN_MAX


@dataclass
class Filp:
    mode: int                # O_RDONLY / O_WRONLY / O_RDWR
    flags: int               # O_APPEND, O_NONBLOCK, ...
    major: int
    minor: int
    pos: int = 0
    count: int = 1


@dataclass
class Suspension:
    """A call waiting for a driver to revive it."""
    call: int
    driver: int


@dataclass
class FProc:
    endpoint: int
    pid: int
    fds: list = field(default_factory=lambda: [None] * OPEN_MAX)
    cloexec: set = field(default_factory=set)
    uid: int = 0
    gid: int = 0
    ruid: int = 0
    rgid: int = 0
    suspended: Suspension | None = None

    def lowest_free_fd(self, start: int = 0) -> int | None:
        for fd in range(start, OPEN_MAX):
            if self.fds[fd] is None:
                return fd
        return None
