"""Tests of DiskImage: sector reads and write-through on a temporary file, and
the one-line DiskError for every way an image can be unusable."""
import os

import pytest

from emu.machine.disk import SECTOR_SIZE, DiskError, DiskImage


def make_image(path, sectors):
    data = bytes((i * 31 + i // 512) & 0xFF for i in range(sectors * 512))
    path.write_bytes(data)
    return data


def test_read_write_round_trip(tmp_path):
    path = tmp_path / "disk.img"
    data = make_image(path, 8)
    with DiskImage(path) as disk:
        assert disk.sectors == 8
        assert disk.read(0, 8) == data
        assert disk.read(3, 2) == data[3 * 512:5 * 512]
        assert disk.read(8, 0) == b""
        disk.write(2, b"\xAA" * 1024)
        disk.flush()
        assert disk.read(2, 2) == b"\xAA" * 1024
    on_disk = path.read_bytes()               # write-through: the file has it
    assert on_disk[1024:2048] == b"\xAA" * 1024
    assert on_disk[:1024] == data[:1024]
    assert on_disk[2048:] == data[2048:]


@pytest.mark.parametrize("lba,count", [(-1, 1), (8, 1), (7, 2), (0, 9)])
def test_read_out_of_range(tmp_path, lba, count):
    path = tmp_path / "disk.img"
    make_image(path, 8)
    disk = DiskImage(path)
    with pytest.raises(DiskError, match="outside 0..7"):
        disk.read(lba, count)
    disk.close()


def test_write_checks(tmp_path):
    path = tmp_path / "disk.img"
    make_image(path, 4)
    disk = DiskImage(path)
    with pytest.raises(DiskError, match="not whole sectors"):
        disk.write(0, b"x" * 100)
    with pytest.raises(DiskError, match="outside"):
        disk.write(3, b"x" * 1024)
    disk.close()
    with pytest.raises(DiskError, match="closed"):
        disk.read(0, 1)
    disk.close()                              # closing twice is harmless


def test_readonly_refuses_writes(tmp_path):
    path = tmp_path / "disk.img"
    data = make_image(path, 2)
    disk = DiskImage(path, readonly=True)
    with pytest.raises(DiskError, match="read-only"):
        disk.write(0, b"\0" * 512)
    disk.flush()
    assert disk.read(0, 2) == data
    disk.close()


def one_line_error(path, **kw):
    with pytest.raises(DiskError) as info:
        DiskImage(path, **kw)
    message = str(info.value)
    assert str(path) in message and "\n" not in message
    return message


def test_missing_file(tmp_path):
    assert one_line_error(tmp_path / "nope.img").endswith("no such file")


def test_directory(tmp_path):
    assert "is a directory" in one_line_error(tmp_path)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.img"
    path.write_bytes(b"")
    assert one_line_error(path).endswith("empty file")


def test_size_not_a_multiple_of_512(tmp_path):
    path = tmp_path / "odd.img"
    path.write_bytes(b"\0" * 1000)
    assert "size 1000 bytes is not a multiple of 512" in one_line_error(path)


def test_fifo_is_refused_without_blocking(tmp_path):
    path = tmp_path / "fifo"
    os.mkfifo(path)
    assert "not a regular file" in one_line_error(path)


def test_bad_path_types_are_disk_errors():
    with pytest.raises(DiskError):
        DiskImage("bad\0name")


def test_snapshot_writes_never_reach_the_file(tmp_path):
    path = tmp_path / "d.img"
    path.write_bytes(b"\x11" * 4 * SECTOR_SIZE)
    with DiskImage(path, snapshot=True) as d:
        d.write(1, b"\x22" * 2 * SECTOR_SIZE)
        assert d.read(0, 4) == b"\x11" * SECTOR_SIZE + b"\x22" * 2 * SECTOR_SIZE + b"\x11" * SECTOR_SIZE
        d.flush()
    assert path.read_bytes() == b"\x11" * 4 * SECTOR_SIZE
