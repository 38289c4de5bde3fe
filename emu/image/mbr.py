"""The PC partition table (MBR) of a disk image: one MINIX partition, or none.

The partition starts at sector 2048 (1 MiB), as modern partitioners align, so
4 KiB file-system blocks line up with 4 KiB host pages; the CHS fields carry
the usual 255-head/63-sector translation, and LBA is what the firmware and
the disk driver read.
"""
import struct

from emu.abi.bootparams import MINIX_PARTITION

SECTOR = 512
PARTITION_START = 2048          # sectors
_TABLE = 446
_ENTRY = struct.Struct("<B3sB3sII")
_HEADS, _SPT = 255, 63


def chs(lba: int) -> bytes:
    cyl, rem = divmod(lba, _HEADS * _SPT)
    if cyl > 1023:
        return b"\xFE\xFF\xFF"
    head, sector = divmod(rem, _SPT)
    return bytes((head, ((cyl >> 2) & 0xC0) | (sector + 1), cyl & 0xFF))


def mbr(start: int, sectors: int, ptype: int = MINIX_PARTITION) -> bytes:
    """Sector 0 with one active partition of `sectors` sectors from `start`."""
    sector0 = bytearray(SECTOR)
    _ENTRY.pack_into(sector0, _TABLE, 0x80, chs(start), ptype, chs(start + sectors - 1),
                     start, sectors)
    sector0[510:512] = b"\x55\xAA"
    return bytes(sector0)


def partitions(sector0: bytes) -> list[tuple[int, int, int]]:
    """(type, first sector, sectors) of the four primary entries; [] without a signature."""
    if len(sector0) < SECTOR or sector0[510:512] != b"\x55\xAA":
        return []
    out = []
    for i in range(4):
        _boot, _c1, ptype, _c2, start, count = _ENTRY.unpack_from(sector0, _TABLE + 16 * i)
        out.append((ptype, start, count))
    return out
