"""In-memory inodes: the ones VFS holds, counted as MINIX counts them, and bitmaps.

An inode in use (i_count > 0) has one MInode object; every change is packed
straight back into its block in the cache (so there is no second copy to keep
coherent) and reaches the disk with the block. When the last reference goes
and the inode has no links left, its zones and its bitmap bit are freed;
otherwise the object stays in a small LRU of idle inodes (as MINIX keeps them
in its inode table), so the directories of a path are not unpacked again on
every lookup (bench: stat of a 4-component path).
"""
from collections import OrderedDict
from dataclasses import dataclass

from emu.abi import minixfs as fs
from emu.abi.errno import Errno
from emu.servers.server import ErrnoError

IMAP, ZMAP = 0, 1
IDLE_INODES = 256


@dataclass(slots=True)
class MInode(fs.Inode):
    num: int = 0
    count: int = 0
    mountpoint: bool = False


class Corrupt(ErrnoError):
    """The disk holds something impossible: the request fails with EIO, MFS goes on."""

    def __init__(self, detail: str) -> None:
        super().__init__(Errno.EIO, detail)


class InodeTable:
    def __init__(self, mfs) -> None:
        self.mfs = mfs
        self.sb: fs.SuperBlock = mfs.sb
        self.cache = mfs.cache
        self.in_use: dict[int, MInode] = {}
        self.idle: OrderedDict[int, MInode] = OrderedDict()   # count 0, still valid
        self.search = [1, 1]          # where the next free bit is likely (s_isearch, s_zsearch)

    # -- references ------------------------------------------------------------
    def find(self, num: int) -> MInode | None:
        """The inode if VFS (or a handler) holds it, without taking a reference."""
        return self.in_use.get(num)

    def get(self, num: int) -> MInode:
        """Take a reference to inode `num`, reading it if nobody holds it."""
        ip = self.in_use.get(num)
        if ip is None:
            ip = self.idle.pop(num, None)
            if ip is None:
                ip = self._read(num)
            self.in_use[num] = ip
        ip.count += 1
        return ip

    def _read(self, num: int) -> MInode:
        """Inode `num` as it is on the disk."""
        if not 1 <= num <= self.sb.ninodes:
            raise Corrupt(f"inode number {num} out of range (1..{self.sb.ninodes})")
        block, offset = self.sb.inode_location(num)
        ip = MInode.unpack(self.cache.get(block), offset)
        ip.num = num
        return ip

    def peek(self, num: int) -> MInode:
        """Inode `num` without taking a reference (a path walk's directories:
        only the inode a lookup returns is referenced, bench: stat of a
        4-component path). Nothing runs between the peek and the use, and a
        change to an inode is packed into its block at once, so the object is
        as good as a referenced one until the request ends."""
        ip = self.in_use.get(num)
        if ip is None:
            ip = self.idle.get(num)
            if ip is None:
                ip = self._read(num)
                self.idle[num] = ip
                if len(self.idle) > IDLE_INODES:
                    self.idle.popitem(last=False)
        return ip

    def dup(self, ip: MInode) -> None:
        ip.count += 1

    def put(self, ip: MInode | None) -> None:
        """Drop a reference; the last one frees an unlinked inode."""
        if ip is None:
            return
        ip.count -= 1
        if ip.count > 0:
            return
        del self.in_use[ip.num]
        ip.mountpoint = False
        if ip.nlinks == 0 and ip.mode != 0:
            if not self.mfs.readonly:
                self.mfs.zones.truncate(ip, 0)
                ip.mode = 0
                self.write(ip)
                self.free_bit(IMAP, ip.num)
            return
        self.idle[ip.num] = ip
        if len(self.idle) > IDLE_INODES:
            self.idle.popitem(last=False)

    def write(self, ip: MInode) -> None:
        """Pack the inode into its block in the cache (dirty until the next flush)."""
        block, offset = self.sb.inode_location(ip.num)
        ip.pack_into(self.cache.get(block), offset)
        self.cache.mark_dirty(block)

    def alloc(self, mode: int, uid: int, gid: int) -> MInode:
        """A fresh inode with one reference and no links (the caller enters it)."""
        num = self.alloc_bit(IMAP)
        if num < 0:
            raise ErrnoError(Errno.ENOSPC, "no free inodes")
        now = self.mfs.now()
        ip = MInode(mode=mode, nlinks=0, uid=uid, gid=gid, size=0, atime=now, mtime=now,
                    ctime=now, num=num, count=1)
        self.idle.pop(num, None)
        self.in_use[num] = ip
        self.write(ip)
        return ip

    # -- bitmaps (MINIX's alloc_bit / free_bit) ---------------------------------
    def _map(self, which: int) -> tuple[int, int]:
        """(first block, number of valid bits) of the inode or zone bitmap."""
        sb = self.sb
        if which == IMAP:
            return sb.imap_start, sb.ninodes + 1
        return sb.zmap_start, sb.data_zones + 1

    def alloc_bit(self, which: int) -> int:
        """Set the first clear bit at or after the search hint; -1 if the map is full."""
        start, limit = self._map(which)
        bits = self.sb.block_size * 8
        origin = self.search[which]
        for lo, hi in ((origin, limit), (1, origin)):
            bit = lo
            while bit < hi:
                block = bit // bits
                blk = self.cache.get(start + block)
                base = block * bits
                found = fs.find_clear_bit(blk, bit - base, min(hi - base, bits))
                if found >= 0:
                    fs.bit_set(blk, found)
                    self.cache.mark_dirty(start + block)
                    self.search[which] = base + found + 1
                    return base + found
                bit = base + bits
        return -1

    def free_bit(self, which: int, bit: int) -> None:
        start, limit = self._map(which)
        if not 1 <= bit < limit:
            return
        bits = self.sb.block_size * 8
        block = start + bit // bits
        blk = self.cache.get(block)
        fs.bit_clear(blk, bit % bits)
        self.cache.mark_dirty(block)
        if bit < self.search[which]:
            self.search[which] = bit

    def count_free(self, which: int) -> int:
        start, limit = self._map(which)
        bits = self.sb.block_size * 8
        free = 0
        for i in range(-(-limit // bits)):
            free += fs.count_clear_bits(self.cache.get(start + i), min(bits, limit - i * bits))
        return free

    def busy(self) -> int:
        """References held on this file system (REQ_UNMOUNT's check)."""
        return sum(ip.count for ip in self.in_use.values())
