"""The MBR partition table: where the primary partitions of a disk lie.

Plain logic with no device under it (as drvlib's partition()): parse the four
entries of sector 0, sort them as MINIX does (by start, empty slots last, so
p0 is the first partition on the disk), and shrink each to fit the disk.
Extended partitions and MINIX sub-partitions are not followed.
"""
from dataclasses import dataclass

from emu.abi.disk import (BOOT_SIGNATURE, NO_PART, NR_PARTITIONS, PART_ENTRY, PART_TABLE_OFF,
                          SECTOR_SIZE)


@dataclass(frozen=True, slots=True)
class PartEntry:
    sysind: int       # partition type (0x81 MINIX, 0 unused)
    lowsec: int       # first sector
    size: int         # sectors


def read_table(sector: bytes) -> list[PartEntry] | None:
    """The four entries of a partition table sector, or None when the sector
    does not end in the 0x55 0xAA signature (no partition table)."""
    if len(sector) < SECTOR_SIZE or sector[510:512] != BOOT_SIGNATURE:
        return None
    entries = []
    for i in range(NR_PARTITIONS):
        f = PART_ENTRY.unpack_from(sector, PART_TABLE_OFF + i * PART_ENTRY.size)
        entries.append(PartEntry(sysind=f[4], lowsec=f[8], size=f[9]))
    return entries


def sort_table(table: list[PartEntry]) -> list[PartEntry]:
    """MINIX's order for primary partitions: used slots by first sector, then
    the unused ones (drvlib.c sort(): others expect p0 to be the first)."""
    used = sorted((pe for pe in table if pe.sysind != NO_PART), key=lambda pe: pe.lowsec)
    return used + [pe for pe in table if pe.sysind == NO_PART]


def primary_partitions(sector: bytes, disk_sectors: int) -> list[tuple[int, int]]:
    """(first sector, sectors) of p0..p3 on a disk of `disk_sectors`: each
    partition shrunk to fit the disk; unused slots, and every slot when there
    is no partition table, are (0, 0)."""
    table = read_table(sector)
    if table is None:
        return [(0, 0)] * NR_PARTITIONS
    out = []
    for pe in sort_table(table):
        if pe.sysind == NO_PART or pe.size == 0 or pe.lowsec >= disk_sectors:
            out.append((0, 0))
            continue
        out.append((pe.lowsec, min(pe.lowsec + pe.size, disk_sectors) - pe.lowsec))
    return out
