"""The block cache: file-system blocks in memory, written back when it is time.

Blocks are bytearrays kept in least-recently-used order. Dirty blocks reach
the disk on REQ_SYNC, at unmount and shutdown, and when the cache is full
(then all of them, in block order, so the disk image is the same on every
run). Reads of consecutive missing blocks, and write-back of consecutive
dirty ones, go to the driver as one request each.
"""
from collections import OrderedDict

from emu.servers.mfs.device import BlockDevice

CACHE_BYTES = 16 << 20
MAX_RUN_BYTES = 256 << 10       # largest single driver request


class BlockCache:
    def __init__(self, dev: BlockDevice, block_size: int,
                 capacity_bytes: int = CACHE_BYTES) -> None:
        self.dev = dev
        self.bs = block_size
        self.capacity = max(64, capacity_bytes // block_size)
        self.max_run = max(1, MAX_RUN_BYTES // block_size)
        self.blocks: OrderedDict[int, bytearray] = OrderedDict()
        self.dirty: set[int] = set()

    def get(self, b: int) -> bytearray:
        """Block `b`, read from the disk if it is not cached."""
        blk = self.blocks.get(b)
        if blk is not None:
            self.blocks.move_to_end(b)
            return blk
        self.read_run(b, 1)
        return self.blocks[b]

    def get_new(self, b: int) -> bytearray:
        """Block `b` zeroed without reading it (a newly allocated zone), marked dirty."""
        blk = self.blocks.get(b)
        if blk is None:
            self._make_room(1)
            blk = self.blocks[b] = bytearray(self.bs)
        else:
            blk[:] = bytes(self.bs)
            self.blocks.move_to_end(b)
        self.dirty.add(b)
        return blk

    def cached(self, b: int) -> bool:
        return b in self.blocks

    def read_run(self, first: int, count: int) -> None:
        """Bring blocks first..first+count-1 in, one driver request per missing stretch."""
        count = min(count, self.max_run)
        b, end = first, first + count
        while b < end:
            if b in self.blocks:
                self.blocks.move_to_end(b)
                b += 1
                continue
            start = b
            while b < end and b not in self.blocks:
                b += 1
            self._make_room(b - start)
            buf = bytearray((b - start) * self.bs)
            self.dev.transfer(False, start * self.bs, buf)
            bs = self.bs
            for i in range(b - start):
                self.blocks[start + i] = buf[i * bs:(i + 1) * bs]

    def mark_dirty(self, b: int) -> None:
        self.dirty.add(b)

    def flush(self) -> None:
        """Write every dirty block, consecutive ones in one request."""
        if not self.dirty:
            return
        order = sorted(self.dirty)
        i = 0
        while i < len(order):
            j = i + 1
            while j < len(order) and order[j] == order[j - 1] + 1 and j - i < self.max_run:
                j += 1
            run = order[i:j]
            data = self.blocks[run[0]] if len(run) == 1 else \
                b"".join(self.blocks[b] for b in run)
            self.dev.transfer(True, run[0] * self.bs, bytearray(data))
            self.dirty.difference_update(run)
            i = j

    def _make_room(self, n: int) -> None:
        if len(self.blocks) + n <= self.capacity:
            return
        if self.dirty:
            self.flush()
        while self.blocks and len(self.blocks) + n > self.capacity:
            self.blocks.popitem(last=False)

    def invalidate(self) -> None:
        """Forget every block (after the last flush: unmount)."""
        self.blocks.clear()
        self.dirty.clear()
