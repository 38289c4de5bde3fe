"""Zones of a file: which disk block holds file block n, allocating and freeing them.

The arithmetic (direct, single, double, triple indirect) is minixfs.block_path;
this module walks the indirect blocks in the cache. Every zone number read
from the disk is checked against the data-zone range, so a corrupt inode or
indirect block is EIO for that file and never a wild read or a freed bitmap bit.
"""
from emu.abi import minixfs as fs
from emu.abi.errno import Errno
from emu.servers.mfs.inode import ZMAP, Corrupt, MInode
from emu.servers.server import ErrnoError


class Zones:
    def __init__(self, mfs) -> None:
        self.mfs = mfs
        self.sb = mfs.sb
        self.cache = mfs.cache
        self.bs = mfs.sb.block_size
        self.per_ind = fs.zones_per_indirect(self.bs)
        self.first = mfs.sb.firstdatazone
        self.limit = mfs.sb.zones

    def check(self, ip: MInode, z: int) -> int:
        if not self.first <= z < self.limit:
            raise Corrupt(f"inode {ip.num}: zone {z} out of range "
                          f"({self.first}..{self.limit - 1})")
        return z

    # -- mapping ---------------------------------------------------------------
    def read_map(self, ip: MInode, n: int) -> int:
        """The zone holding file block n, or 0 for a hole."""
        try:
            slot, path = fs.block_path(self.bs, n)
        except ValueError:
            return 0
        z = ip.zones[slot]
        for index in path:
            if z == 0:
                return 0
            z = fs.ZONE_NUM.unpack_from(self.cache.get(self.check(ip, z)), index * 4)[0]
        return self.check(ip, z) if z else 0

    def map_range(self, ip: MInode, first: int, count: int) -> list[int]:
        """Zones of file blocks first..first+count-1 (0 for holes), one indirect block at a time.

        Hot path of sequential reads: a whole indirect block is unpacked with one
        memoryview cast instead of a walk per block (bench: 16 MiB cold read).
        """
        out: list[int] = []
        n, end = first, first + count
        lo, hi = self.first, self.limit
        while n < end:
            try:
                slot, path = fs.block_path(self.bs, n)
            except ValueError:
                out.extend([0] * (end - n))
                break
            if not path:
                z = ip.zones[slot]
                if z and not lo <= z < hi:
                    self.check(ip, z)
                out.append(z)
                n += 1
                continue
            z = ip.zones[slot]
            for index in path[:-1]:
                if z == 0:
                    break
                z = fs.ZONE_NUM.unpack_from(self.cache.get(self.check(ip, z)), index * 4)[0]
            take = min(end - n, self.per_ind - path[-1])
            if z == 0:
                out.extend([0] * take)
            else:
                blk = self.cache.get(self.check(ip, z))
                zs = memoryview(blk).cast("I")[path[-1]:path[-1] + take].tolist()
                for z2 in zs:
                    if z2 and not lo <= z2 < hi:
                        self.check(ip, z2)
                out.extend(zs)
            n += take
        return out

    def write_map(self, ip: MInode, n: int, zone: int) -> None:
        """Map file block n to `zone` (0 unmaps it), allocating indirect blocks on the way."""
        try:
            slot, path = fs.block_path(self.bs, n)
        except ValueError:
            raise ErrnoError(Errno.EFBIG) from None
        if len(path) > 2 and zone:
            raise ErrnoError(Errno.EFBIG)     # MINIX allocates no triple-indirect zones
        if not path:
            ip.zones[slot] = zone
            return
        z = ip.zones[slot]
        if z == 0:
            if zone == 0:
                return
            z = ip.zones[slot] = self.alloc_zone(ip, zeroed=True)
        for depth, index in enumerate(path):
            blk = self.cache.get(self.check(ip, z))
            at = index * 4
            if depth == len(path) - 1:
                fs.ZONE_NUM.pack_into(blk, at, zone)
                self.cache.mark_dirty(z)
                return
            nxt = fs.ZONE_NUM.unpack_from(blk, at)[0]
            if nxt == 0:
                if zone == 0:
                    return
                nxt = self.alloc_zone(ip, zeroed=True)
                fs.ZONE_NUM.pack_into(self.cache.get(z), at, nxt)
                self.cache.mark_dirty(z)
            z = nxt

    # -- allocation ------------------------------------------------------------
    def alloc_zone(self, ip: MInode, zeroed: bool) -> int:
        """A free zone (ENOSPC if none); `zeroed` gives it a zero block in the cache."""
        bit = self.mfs.inodes.alloc_bit(ZMAP)
        if bit < 0:
            raise ErrnoError(Errno.ENOSPC, "no free zones")
        z = self.first + bit - 1
        if z >= self.limit:
            raise Corrupt(f"zone bitmap bit {bit} past the last zone")
        if zeroed:
            self.cache.get_new(z)
        return z

    def free_zone(self, z: int) -> None:
        if self.first <= z < self.limit:
            self.mfs.inodes.free_bit(ZMAP, z - self.first + 1)

    # -- truncation ------------------------------------------------------------
    def truncate(self, ip: MInode, size: int) -> None:
        """Free the zones past `size` and zero the rest of the last block (holes read 0)."""
        bs = self.bs
        self.mfs.dirindex.drop(ip.num)      # a directory's entries may go with its blocks
        keep = fs.blocks_for_size(size, bs)
        for slot in range(fs.NR_DZONES):
            if slot >= keep and ip.zones[slot]:
                self.free_zone(ip.zones[slot])
                ip.zones[slot] = 0
        base, span = fs.NR_DZONES, self.per_ind
        for level, slot in ((1, 7), (2, 8), (3, 9)):
            z = ip.zones[slot]
            if z and self._free_tree(z, level, base, keep):
                ip.zones[slot] = 0
            base += span
            span *= self.per_ind
        if size % bs and size < ip.size:
            z = self.read_map(ip, size // bs)
            if z:
                blk = self.cache.get(z)
                blk[size % bs:] = bytes(bs - size % bs)
                self.cache.mark_dirty(z)
        ip.size = size

    def _free_tree(self, z: int, level: int, base: int, keep: int) -> bool:
        """Free what indirect block z maps at or past file block `keep`; True if z went too."""
        if not self.first <= z < self.limit:
            return True                   # a corrupt pointer: drop it, free nothing
        span = self.per_ind ** (level - 1)
        if base + self.per_ind * span <= keep:
            return False                  # wholly before the cut
        blk = self.cache.get(z)
        entries = memoryview(blk).cast("I")
        empty = True
        for i in range(self.per_ind):
            child = entries[i]
            if child == 0:
                continue
            start = base + i * span
            if start + span <= keep:
                empty = False
                continue
            if level == 1:
                self.free_zone(child)
                entries[i] = 0
            elif self._free_tree(child, level - 1, start, keep):
                entries[i] = 0
            else:
                empty = False
        entries.release()
        self.cache.mark_dirty(z)
        if empty:
            self.free_zone(z)
        return empty
