"""Disk images for tests: partitioned or whole-disk MINIX v3 file systems, garbage.

Only the parts the firmware reads are real (MBR partition table, super block
magic and block size); a full file system comes with the mkimage issue.
"""
import random
import shutil
import struct
import subprocess
from pathlib import Path

from emu.abi.bootparams import MINIX_PARTITION, SUPER_BLOCK_OFFSET, SUPER_V3_MAGIC

SECTOR = 512


def super_block(block_size: int = 4096) -> bytes:
    sb = bytearray(1024)
    struct.pack_into("<IHHHHHHIIhHHB", sb, 0, 64, 0, 1, 1, 5, 0, 0, 0x7FFFFFFF, 256,
                     SUPER_V3_MAGIC, 0, block_size, 3)
    return bytes(sb)


def partitioned(path: Path, sectors: int = 8192, start: int = 63,
                ptype: int = MINIX_PARTITION) -> Path:
    img = bytearray(sectors * SECTOR)
    entry = struct.pack("<B3sB3sII", 0x80, b"\0\0\0", ptype, b"\0\0\0", start, sectors - start)
    img[446:446 + 16] = entry
    img[510:512] = b"\x55\xAA"
    sb = start * SECTOR + SUPER_BLOCK_OFFSET
    img[sb:sb + 1024] = super_block()
    path.write_bytes(img)
    return path


def whole_disk(path: Path, sectors: int = 4096) -> Path:
    img = bytearray(sectors * SECTOR)
    img[SUPER_BLOCK_OFFSET:SUPER_BLOCK_OFFSET + 1024] = super_block(1024)
    path.write_bytes(img)
    return path


def garbage(path: Path, sectors: int = 2048, seed: int = 56) -> Path:
    rng = random.Random(seed)
    data = bytearray(rng.getrandbits(8) for _ in range(sectors * SECTOR))
    data[510:512] = b"\x12\x34"   # certainly not a boot signature
    path.write_bytes(data)
    return path


def linux_minix_fs(path: Path, blocks: int = 2048) -> Path | None:
    """A file system made by Linux's mkfs.minix -3, if the host has it."""
    mkfs = shutil.which("mkfs.minix")
    if mkfs is None:
        return None
    path.write_bytes(bytes(blocks * 1024))
    subprocess.run([mkfs, "-3", str(path)], check=True, capture_output=True)
    return path
