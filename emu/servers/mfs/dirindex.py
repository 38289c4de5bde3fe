"""An index of the entries of big directories: name -> (inode, offset), and free slots.

A directory of more than one block would otherwise be scanned block by block
on every lookup and twice on every create (bench: create+write+close of 1,000
files in one directory). The index is built by one scan, kept in step by
search_dir's own ENTER and DELETE, and dropped whenever a directory changes
another way (truncated, freed, its `..` rewritten). It answers exactly as the
scan would: the first entry of a name, the lowest free slot.
"""
import heapq
from collections import OrderedDict

from emu.abi import minixfs as fs

MAX_DIRS = 64


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

    def get(self, dirp, blocks) -> DirEntries | None:
        """The index of dirp (building it from `blocks`, an iterable of (offset,
        block)); None for one-block directories, which a scan handles as fast."""
        if dirp.size <= self.mfs.sb.block_size:
            return None
        d = self.dirs.get(dirp.num)
        if d is not None and d.size == dirp.size:
            self.dirs.move_to_end(dirp.num)
            return d
        d = DirEntries(dirp.size)
        esize = fs.DIR_ENTRY_SIZE
        for base, blk in blocks(dirp):
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
