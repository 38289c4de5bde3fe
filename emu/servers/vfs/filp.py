"""The open-file table (MINIX's filp[]): NR_FILPS slots with integer ids.

A descriptor points at a filp; dup and fork share it (and so its offset and
flags), counted by `count`. A filp names a vnode (a file, a directory, a
device node) or, for the console of a process started before any file system
was mounted, a character device directly. The integer id is what other
servers (PFS passing descriptors over sockets) will name a filp by.
"""
from dataclasses import dataclass

from emu.abi.errno import Errno
from emu.abi.fcntl import NR_FILPS
from emu.servers.server import ErrnoError

# What a filp's I/O goes to (read.py dispatches on it).
FILP_FS = 0        # a regular file or directory on a file system server
FILP_CHAR = 1      # a character device: the driver in the dmap
FILP_BLOCK = 2     # a block device: the driver, through VFS's bounce buffer
FILP_PIPE = 3      # a pipe or FIFO: VFS's pipe_check, the bytes on PFS (pipe.py)


@dataclass(slots=True, eq=False)
class Filp:
    id: int
    mode: int                 # O_RDONLY / O_WRONLY / O_RDWR
    flags: int                # O_APPEND, O_NONBLOCK, ...
    vnode: object = None      # emu.servers.vfs.vnode.Vnode or None
    kind: int = FILP_FS
    major: int = 0            # device number for FILP_CHAR / FILP_BLOCK
    minor: int = 0
    pos: int = 0
    count: int = 1


class FilpTable:
    def __init__(self, size: int = NR_FILPS) -> None:
        self.slots: list[Filp | None] = [None] * size
        self._hint = 0

    def alloc(self, mode: int, flags: int, vnode=None, kind: int = FILP_FS, major: int = 0,
              minor: int = 0) -> Filp:
        """A fresh filp with count 1; ENFILE when all NR_FILPS are in use."""
        n = len(self.slots)
        for i in range(n):
            slot = (self._hint + i) % n
            if self.slots[slot] is None:
                filp = Filp(slot, mode, flags, vnode, kind, major, minor)
                self.slots[slot] = filp
                self._hint = (slot + 1) % n
                return filp
        raise ErrnoError(Errno.ENFILE)

    def free(self, filp: Filp) -> None:
        if self.slots[filp.id] is filp:
            self.slots[filp.id] = None

    def get(self, fid: int) -> Filp | None:
        if 0 <= fid < len(self.slots):
            return self.slots[fid]
        return None

    def in_use(self) -> int:
        return sum(1 for f in self.slots if f is not None)
