"""The MBR partition table as the disk driver reads it: entries, MINIX's
sorting, shrinking to the disk, and sectors that hold no table."""
import random

from emu.abi.disk import MINIX_PART, PART_ENTRY, PART_TABLE_OFF
from emu.servers.disk.partition import PartEntry, primary_partitions, read_table, sort_table


def mbr(entries, signature=b"\x55\xAA"):
    """Sector 0 with (slot, sysind, lowsec, size) entries."""
    sector = bytearray(512)
    for slot, sysind, lowsec, size in entries:
        PART_ENTRY.pack_into(sector, PART_TABLE_OFF + 16 * slot, 0, 0, 0, 0, sysind, 0, 0, 0,
                             lowsec, size)
    sector[510:512] = signature
    return bytes(sector)


def test_one_partition():
    sector = mbr([(0, MINIX_PART, 63, 1000)])
    assert read_table(sector)[0] == PartEntry(MINIX_PART, 63, 1000)
    assert primary_partitions(sector, 4096) == [(63, 1000), (0, 0), (0, 0), (0, 0)]


def test_four_partitions_are_sorted_by_start():
    # Slots in the table out of order: p0 is the first partition on the disk.
    sector = mbr([(0, MINIX_PART, 3000, 500), (1, 0x83, 100, 900),
                  (2, MINIX_PART, 2000, 1000), (3, 0x0B, 1000, 1000)])
    assert primary_partitions(sector, 4096) == [(100, 900), (1000, 1000), (2000, 1000),
                                                (3000, 500)]


def test_unused_slots_go_last():
    sector = mbr([(1, MINIX_PART, 500, 100), (3, MINIX_PART, 200, 100)])
    assert [pe.lowsec for pe in sort_table(read_table(sector)) if pe.sysind] == [200, 500]
    assert primary_partitions(sector, 4096) == [(200, 100), (500, 100), (0, 0), (0, 0)]


def test_no_signature_means_no_table():
    sector = mbr([(0, MINIX_PART, 63, 1000)], signature=b"\x00\x00")
    assert read_table(sector) is None
    assert primary_partitions(sector, 4096) == [(0, 0)] * 4


def test_short_or_empty_sector_means_no_table():
    assert read_table(b"") is None
    assert primary_partitions(b"\x55\xAA", 4096) == [(0, 0)] * 4


def test_partitions_are_shrunk_to_the_disk():
    sector = mbr([(0, MINIX_PART, 100, 10_000), (1, MINIX_PART, 5000, 10),
                  (2, MINIX_PART, 4000, 0xFFFFFFFF)])
    # 100..4095 kept, one beyond the end is empty, a wrapping size is cut at the end.
    assert primary_partitions(sector, 4096) == [(100, 3996), (4000, 96), (0, 0), (0, 0)]


def test_garbage_tables_stay_within_the_disk():
    rng = random.Random(6)
    for _ in range(200):
        sector = bytearray(rng.randbytes(512))
        sector[510:512] = b"\x55\xAA"
        disk = rng.randrange(1, 1 << 20)
        for lowsec, size in primary_partitions(bytes(sector), disk):
            assert size >= 0 and (size == 0 or lowsec + size <= disk)
