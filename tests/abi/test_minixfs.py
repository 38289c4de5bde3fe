"""The MINIX v3 on-disk format: layouts, zone arithmetic, bitmaps, mkfs geometry."""
import pytest

from emu.abi import minixfs as fs
from tests.diskimages import linux_minix_fs


def test_layout_sizes():
    assert fs.INODE.size == 64 and fs.DIRENT.size == 64
    assert fs.SUPER.size == 31   # up to s_disk_version


@pytest.mark.parametrize("n,expected", [
    (0, (0, ())), (6, (6, ())),
    (7, (7, (0,))), (7 + 255, (7, (255,))),
    (7 + 256, (8, (0, 0))), (7 + 256 + 257, (8, (1, 1))),
    (7 + 256 + 65535, (8, (255, 255))),
    (7 + 256 + 65536, (9, (0, 0, 0))),
    (7 + 256 + 65536 + 65536 + 256 + 3, (9, (1, 1, 3))),
])
def test_block_path_1k(n, expected):
    assert fs.block_path(1024, n) == expected


def test_block_path_4k_and_limits():
    assert fs.block_path(4096, 7 + 1023) == (7, (1023,))
    assert fs.block_path(4096, 7 + 1024) == (8, (0, 0))
    # Files grow to the end of the double-indirect range (MINIX 3.1.8's limit) ...
    last = fs.max_file_blocks(1024) - 1
    assert fs.block_path(1024, last) == (8, (255, 255))
    assert fs.max_file_size(1024) == (7 + 256 + 65536) * 1024
    assert fs.max_file_size(4096) == 0x7FFFFFFF
    # ... but a triple-indirect zone that Linux wrote can still be found.
    assert fs.block_path(1024, last + 1) == (9, (0, 0, 0))
    with pytest.raises(ValueError):
        fs.block_path(1024, 7 + 256 + 65536 + 256 ** 3)
    with pytest.raises(ValueError):
        fs.block_path(1024, -1)
    # 64 MiB needs the double-indirect zone with 1 KiB blocks.
    assert fs.block_path(1024, 64 * 1024 - 1)[0] == 8


def test_bitmaps():
    bm = bytearray(4)
    fs.bit_set(bm, 0)
    fs.bit_set(bm, 9)
    assert bm[:2] == b"\x01\x02"
    assert fs.bit_test(bm, 9) and not fs.bit_test(bm, 8)
    assert fs.find_clear_bit(bm, 0, 32) == 1
    bm[0] = 0xFF
    assert fs.find_clear_bit(bm, 0, 32) == 8
    fs.bit_clear(bm, 9)
    assert bm[1] == 0
    assert fs.count_clear_bits(bm, 32) == 24
    assert fs.find_clear_bit(b"\xff\xff", 0, 16) == -1


def test_geometry_matches_linux_mkfs(tmp_path):
    img = linux_minix_fs(tmp_path / "l.img", blocks=16384)
    if img is None:
        pytest.skip("no mkfs.minix")
    raw = img.read_bytes()
    linux = fs.SuperBlock.unpack(raw[1024:])
    ours = fs.geometry(16384)
    assert (ours.ninodes, ours.imap_blocks, ours.zmap_blocks, ours.firstdatazone,
            ours.zones, ours.block_size) == (linux.ninodes, linux.imap_blocks,
                                             linux.zmap_blocks, linux.firstdatazone,
                                             linux.zones, linux.block_size)
    linux.validate(len(raw))
    root = fs.Inode.unpack(raw, linux.inode_start * 1024)
    assert root.type == fs.I_DIRECTORY and root.nlinks == 2 and root.size == 128
    first = root.zones[0] * 1024
    assert fs.unpack_dirent(raw, first) == (1, b".")
    assert fs.unpack_dirent(raw, first + 64) == (1, b"..")


@pytest.mark.parametrize("change,message", [
    (dict(magic=0x137F), "magic"),
    (dict(block_size=1000), "block size"),
    (dict(log_zone_size=1), "zones of"),
    (dict(imap_blocks=0), "bitmaps"),
    (dict(firstdatazone=10), "overlaps"),
    (dict(zones=100), "no data zones"),
    (dict(zmap_blocks=1, zones=1 << 20), "zone map"),
])
def test_validate_names_the_problem(change, message):
    sb = fs.geometry(16384)
    for k, v in change.items():
        setattr(sb, k, v)
    with pytest.raises(fs.FormatError, match=message):
        sb.validate()


def test_validate_device_size():
    sb = fs.geometry(4096)
    sb.validate(4096 * 1024)
    with pytest.raises(fs.FormatError, match="do not fit"):
        sb.validate(4095 * 1024)


def test_inode_round_trip():
    ino = fs.Inode(mode=0o100644, nlinks=1, uid=1000, gid=5, size=70000, atime=1, mtime=2,
                   ctime=3, zones=list(range(10, 20)))
    buf = bytearray(128)
    ino.pack_into(buf, 64)
    assert fs.Inode.unpack(buf, 64) == ino
    assert fs.Inode.unpack(buf, 64).type == fs.I_REGULAR
