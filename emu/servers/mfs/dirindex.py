"""An index of directory entries: name -> (inode, offset), and free slots.

A directory would otherwise be scanned on every lookup (five scans for a stat
of /usr/lib/bench/data/four) and twice on every create, block by block in a
big one (bench: stat of a 4-component path; create+write+close of 1,000
files in one directory). The index is built by one scan, kept in step by
search_dir's own ENTER and DELETE, and dropped whenever a directory changes
another way (truncated, freed, its `..` rewritten). It answers exactly as the
scan would: the first entry of a name, the lowest free slot (tested against
the scan, which remains for directories over MAX_INDEX_BYTES).
"""
import heapq
from collections import OrderedDict

from emu.abi import minixfs as fs
from emu.servers.mfs.read import dir_blocks

MAX_DIRS = 1024
MAX_INDEX_BYTES = 1 << 20     # bigger directories (16k entries) are scanned instead


class DirEntries:
    __slots__ = ("names", "free", "size")

    def __init__(self, size: int) -> None:
        self.names: dict[bytes, tuple[int, int]] = {}
        self.free: list[int] = []          # heap of free slot offsets
        self.size = size                   # the directory's size when last in step


class DirIndex:
    def __init__(self, mfs) -> None:
        self.mfs = mfs
        self.dirs: OrderedDict[int, DirEntries] = OrderedDict()

    def get(self, dirp) -> DirEntries | None:
        """The index of dirp, built by reading the directory unless it is in
        step (same size as when last updated); None for a directory too big
        to index, which search_dir scans."""
        if dirp.size > MAX_INDEX_BYTES:
            self.dirs.pop(dirp.num, None)     # scanned from now on: no stale index
            return None
        d = self.dirs.get(dirp.num)
        if d is not None and d.size == dirp.size:
            self.dirs.move_to_end(dirp.num)
            return d
        d = DirEntries(dirp.size)
        esize = fs.DIR_ENTRY_SIZE
        for base, blk in dir_blocks(self.mfs, dirp):
            usable = len(blk) - len(blk) % esize
            if usable <= 0:
                continue
            inos = memoryview(blk)[:usable].cast("I")[::esize // 4].tolist()
            for i, ino in enumerate(inos):
                off = base + i * esize
                if ino == 0:
                    d.free.append(off)
                    continue
                name = bytes(blk[i * esize + 4:(i + 1) * esize]).rstrip(b"\0")
                if name not in d.names:
                    d.names[name] = (ino, off)
        heapq.heapify(d.free)
        self.dirs[dirp.num] = d
        if len(self.dirs) > MAX_DIRS:
            self.dirs.popitem(last=False)
        return d

    def drop(self, num: int) -> None:
        self.dirs.pop(num, None)

    def clear(self) -> None:
        self.dirs.clear()
