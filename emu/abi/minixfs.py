"""The on-disk format of the MINIX file system v3, shared by MFS and mkimage.

Layout (MINIX 3.1.8 <servers/mfs/super.h>, Linux <linux/minix_fs.h>): block 0
boot, the super block at byte 1024, the inode bitmap from block 2, then the
zone bitmap, the inode table (64-byte inodes from inode 1), and the data zones
from s_firstdatazone. Zones are blocks here (s_log_zone_size 0). Everything in
this module is pure: byte layouts and arithmetic, no I/O, unit-tested alone.
"""
import struct
from dataclasses import dataclass, field

from emu.abi.bootparams import SUPER_BLOCK_OFFSET, SUPER_V3_MAGIC
from emu.abi.fcntl import (S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG,
                           S_IFSOCK)

SUPER_OFFSET = SUPER_BLOCK_OFFSET
MAGIC_V3 = SUPER_V3_MAGIC
SUPER_SIZE = 32                 # bytes of the super block that carry fields
START_BLOCK = 2                 # first block of the inode bitmap
MIN_BLOCK_SIZE = 1024
MAX_BLOCK_SIZE = 4096           # MINIX 3.1.8's _MAX_BLOCK_SIZE
LINUX_BLOCK_SIZE = 1024         # Linux mkfs.minix -3; fsck.minix reads only this
MINIX_BLOCK_SIZE = 4096         # MINIX's own mkfs
ROOT_INODE = 1
NO_ZONE = 0

INODE_SIZE = 64
NR_DZONES = 7                   # direct zones
NR_TZONES = 10                  # direct + single, double, triple indirect
ZONE_NUM_SIZE = 4               # bytes per zone number in an indirect block
DIR_ENTRY_SIZE = 64
NAME_MAX = 60                   # MFS_DIRSIZ
MAX_FILE_POS = 0x7FFFFFFF       # off_t is 32 bits

# Inode types (<sys/stat.h> numbers; MINIX's I_* names).
I_TYPE = S_IFMT
I_REGULAR = S_IFREG
I_DIRECTORY = S_IFDIR
I_CHAR_SPECIAL = S_IFCHR
I_BLOCK_SPECIAL = S_IFBLK
I_NAMED_PIPE = S_IFIFO
I_SYMBOLIC_LINK = S_IFLNK
I_UNIX_SOCKET = S_IFSOCK
INODE_TYPES = frozenset((I_REGULAR, I_DIRECTORY, I_CHAR_SPECIAL, I_BLOCK_SPECIAL,
                         I_NAMED_PIPE, I_SYMBOLIC_LINK, I_UNIX_SOCKET))
I_SET_UID_BIT = 0o4000
I_SET_GID_BIT = 0o2000
I_STICKY_BIT = 0o1000
ALL_MODES = 0o7777

# s_ninodes, s_pad0, s_imap_blocks, s_zmap_blocks, s_firstdatazone, s_log_zone_size,
# s_pad1, s_max_size, s_zones, s_magic, s_pad2, s_blocksize, s_disk_version.
SUPER = struct.Struct("<IHHHHHHIIhhHB")
# mode, nlinks, uid, gid, size, atime, mtime, ctime, zone[10].
INODE = struct.Struct("<HHhHIiii10I")
DIRENT = struct.Struct("<I60s")
ZONE_NUM = struct.Struct("<I")

assert SUPER.size == 31 and INODE.size == INODE_SIZE and DIRENT.size == DIR_ENTRY_SIZE


class FormatError(ValueError):
    """The bytes are not a usable MINIX v3 file system; the message says why."""


@dataclass(slots=True)
class SuperBlock:
    ninodes: int
    imap_blocks: int
    zmap_blocks: int
    firstdatazone: int
    zones: int
    block_size: int = LINUX_BLOCK_SIZE
    log_zone_size: int = 0
    max_size: int = MAX_FILE_POS
    magic: int = MAGIC_V3
    disk_version: int = 0

    @classmethod
    def unpack(cls, raw: bytes) -> "SuperBlock":
        (ninodes, _p0, imap, zmap, first, log_zone, _p1, max_size, zones, magic, _p2,
         bsize, version) = SUPER.unpack_from(raw, 0)
        return cls(ninodes, imap, zmap, first, zones, bsize, log_zone, max_size, magic,
                   version)

    def pack(self) -> bytes:
        return SUPER.pack(self.ninodes, 0, self.imap_blocks, self.zmap_blocks,
                          self.firstdatazone, self.log_zone_size, 0, self.max_size,
                          self.zones, self.magic, 0, self.block_size, self.disk_version)

    # Where things are, in blocks.
    @property
    def imap_start(self) -> int:
        return START_BLOCK

    @property
    def zmap_start(self) -> int:
        return START_BLOCK + self.imap_blocks

    @property
    def inode_start(self) -> int:
        return START_BLOCK + self.imap_blocks + self.zmap_blocks

    @property
    def inodes_per_block(self) -> int:
        return self.block_size // INODE_SIZE

    @property
    def inode_blocks(self) -> int:
        return -(-self.ninodes // self.inodes_per_block)

    @property
    def data_zones(self) -> int:
        """Zones the zone bitmap covers (bit 0 is reserved, bit 1 is firstdatazone)."""
        return self.zones - self.firstdatazone

    def inode_location(self, ino: int) -> tuple[int, int]:
        """(block, byte offset in it) of inode `ino` (1-based)."""
        index = ino - 1
        return (self.inode_start + index // self.inodes_per_block,
                (index % self.inodes_per_block) * INODE_SIZE)

    def max_file_size(self) -> int:
        return min(self.max_size, max_file_size(self.block_size))

    def validate(self, device_bytes: int | None = None) -> None:
        """Raise FormatError unless this super block describes a sane v3 file system."""
        if self.magic != MAGIC_V3:
            raise FormatError(f"bad magic 0x{self.magic & 0xFFFF:04x} (not MINIX v3)")
        bs = self.block_size
        if bs < MIN_BLOCK_SIZE or bs > MAX_BLOCK_SIZE or bs % MIN_BLOCK_SIZE:
            raise FormatError(f"bad block size {bs}")
        if self.log_zone_size != 0:
            raise FormatError(f"zones of 2^{self.log_zone_size} blocks are not supported")
        if self.ninodes < 1 or self.imap_blocks < 1 or self.zmap_blocks < 1:
            raise FormatError("no inodes or no bitmaps")
        bits = bs * 8
        if self.imap_blocks * bits < self.ninodes + 1:
            raise FormatError(f"inode map of {self.imap_blocks} blocks is too small for "
                              f"{self.ninodes} inodes")
        if self.firstdatazone < self.inode_start + self.inode_blocks:
            raise FormatError(f"first data zone {self.firstdatazone} overlaps the inode "
                              "table")
        if self.zones <= self.firstdatazone:
            raise FormatError(f"{self.zones} zones leave no data zones")
        if self.zmap_blocks * bits < self.data_zones + 1:
            raise FormatError(f"zone map of {self.zmap_blocks} blocks is too small for "
                              f"{self.data_zones} zones")
        if device_bytes is not None and self.zones * bs > device_bytes:
            raise FormatError(f"{self.zones} blocks of {bs} do not fit the device "
                              f"({device_bytes} bytes)")


@dataclass(slots=True)
class Inode:
    """One on-disk inode (d2_inode)."""
    mode: int = 0
    nlinks: int = 0
    uid: int = 0
    gid: int = 0
    size: int = 0
    atime: int = 0
    mtime: int = 0
    ctime: int = 0
    zones: list = field(default_factory=lambda: [0] * NR_TZONES)

    @classmethod
    def unpack(cls, raw, offset: int = 0) -> "Inode":
        v = INODE.unpack_from(raw, offset)
        return cls(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], list(v[8:]))

    def pack_into(self, buf, offset: int) -> None:
        INODE.pack_into(buf, offset, self.mode, self.nlinks, self.uid, self.gid,
                        self.size, self.atime, self.mtime, self.ctime, *self.zones)

    @property
    def type(self) -> int:
        return self.mode & I_TYPE


def pack_dirent(ino: int, name: bytes) -> bytes:
    return DIRENT.pack(ino, name)


def unpack_dirent(raw, offset: int = 0) -> tuple[int, bytes]:
    """(inode, name without trailing NULs) of the entry at `offset`; inode 0 = free slot."""
    ino, name = DIRENT.unpack_from(raw, offset)
    end = name.find(b"\0")
    return ino, name if end < 0 else name[:end]


# -- zone arithmetic -----------------------------------------------------------

def zones_per_indirect(block_size: int) -> int:
    return block_size // ZONE_NUM_SIZE


def max_file_blocks(block_size: int) -> int:
    """Blocks a file may grow to: 7 direct, single and double indirect.

    MINIX 3.1.8's MFS never maps zone[9] (triple indirect), so with 1 KiB
    blocks a file ends at 7 + 256 + 65536 blocks (~64 MiB) and a write past
    that is EFBIG. block_path still resolves the triple-indirect slot, so a
    file Linux wrote that far can be read.
    """
    p = zones_per_indirect(block_size)
    return NR_DZONES + p + p * p


def max_file_size(block_size: int) -> int:
    return min(MAX_FILE_POS, max_file_blocks(block_size) * block_size)


def block_path(block_size: int, n: int) -> tuple[int, tuple[int, ...]]:
    """Where file block `n` is mapped: (slot in i_zone, indices in the indirect blocks).

    `(3, ())` is direct slot 3; `(7, (i,))` the single-indirect block's entry i;
    `(8, (i, j))` double indirect; `(9, (i, j, k))` triple. ValueError past the end.
    """
    if n < 0:
        raise ValueError(f"negative file block {n}")
    if n < NR_DZONES:
        return n, ()
    p = zones_per_indirect(block_size)
    n -= NR_DZONES
    span = p
    for level in (1, 2, 3):
        if n < span:
            indices = []
            for _ in range(level):
                indices.append(n % p)
                n //= p
            return NR_DZONES + level - 1, tuple(reversed(indices))
        n -= span
        span *= p
    raise ValueError("file block beyond the triple-indirect range")


def blocks_for_size(size: int, block_size: int) -> int:
    return -(-size // block_size)


# -- bitmaps (bit i is bit i%8 of byte i//8, as MINIX's little-endian chunks) --

def bit_test(bitmap, bit: int) -> bool:
    return bool(bitmap[bit >> 3] & (1 << (bit & 7)))


def bit_set(bitmap, bit: int) -> None:
    bitmap[bit >> 3] |= 1 << (bit & 7)


def bit_clear(bitmap, bit: int) -> None:
    bitmap[bit >> 3] &= ~(1 << (bit & 7)) & 0xFF


def find_clear_bit(bitmap, start: int, limit: int) -> int:
    """The first clear bit in [start, limit), or -1. Skips full bytes quickly."""
    bit = start
    while bit < limit:
        byte = bitmap[bit >> 3]
        if byte == 0xFF:
            bit = (bit | 7) + 1
            continue
        if not byte & (1 << (bit & 7)):
            return bit
        bit += 1
    return -1


def count_clear_bits(bitmap, limit: int) -> int:
    """Clear bits in [0, limit)."""
    full, rest = divmod(limit, 8)
    used = sum(bin(b).count("1") for b in bytes(bitmap[:full]))
    if rest:
        used += bin(bitmap[full] & ((1 << rest) - 1)).count("1")
    return limit - used


# -- making a file system (mkfs geometry) ------------------------------------

def geometry(total_blocks: int, block_size: int = LINUX_BLOCK_SIZE,
             ninodes: int | None = None) -> SuperBlock:
    """The super block of a fresh file system of `total_blocks` blocks.

    Like Linux mkfs.minix -3: one inode per three 1 KiB blocks by default,
    rounded up to fill the last inode block.
    """
    if block_size not in (1024, 2048, 4096):
        raise FormatError(f"bad block size {block_size}")
    if ninodes is None:
        ninodes = max(16, total_blocks * block_size // 1024 // 3)
    per_block = block_size // INODE_SIZE
    ninodes = min(-(-ninodes // per_block) * per_block, 0xFFFFFFFF - 1)
    bits = block_size * 8
    imap = -(-(ninodes + 1) // bits)
    inode_blocks = ninodes // per_block
    zmap = 1
    while True:
        first = START_BLOCK + imap + zmap + inode_blocks
        if zmap * bits >= total_blocks - first + 1:
            break
        zmap += 1
    if first >= total_blocks or first > 0xFFFF:
        raise FormatError(f"{total_blocks} blocks are too few for {ninodes} inodes")
    return SuperBlock(ninodes, imap, zmap, first, total_blocks, block_size)


# -- lookup limits MFS enforces -------------------------------------------------
SYMLOOP_MAX = 8                 # _POSIX_SYMLOOP_MAX: symlinks followed in one path (ELOOP)
LINK_MAX = 0x7FFF               # SHRT_MAX: links to one inode (EMLINK)
