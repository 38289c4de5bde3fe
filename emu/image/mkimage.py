"""build_image: a disk image file holding a tree (what `minixemu mkimage` writes).

A partitioned disk is an MBR with one MINIX partition (type 0x81, from sector
2048) filling the rest of the disk; an unpartitioned one is a whole-disk file
system, as Linux `mkfs.minix -3 IMAGE` makes and `fsck.minix` reads.
"""
import os
from pathlib import Path
from typing import Callable

from emu.abi import minixfs as fs
from emu.image import mbr
from emu.image.fsbuild import make_fs
from emu.image.tree import Tree

DEFAULT_MTIME = 1262304000      # 2010-01-01 00:00:00 UTC, the year of MINIX 3.1.8


def build_image(out_path: Path, size_mib: int, tree: Tree,
                block_size: int = fs.LINUX_BLOCK_SIZE, partitioned: bool = True,
                mtime: int = DEFAULT_MTIME, ninodes: int | None = None,
                progress: Callable[[int, int], None] | None = None) -> Path:
    """Write a disk image of `size_mib` MiB holding `tree`; the same input gives the same bytes.

    Raises minixfs.FormatError (a clear message) if the tree does not fit or
    is not representable. The file is written to a temporary name and renamed,
    so a failed build never leaves a half image behind. `progress(done, total)`
    is called as file data is written (bytes), for a progress bar.
    """
    total = size_mib * 1024 * 1024
    start = mbr.PARTITION_START if partitioned else 0
    fs_bytes = total - start * mbr.SECTOR
    if fs_bytes <= 0:
        raise fs.FormatError(f"{size_mib} MiB is too small")
    image = make_fs(tree, fs_bytes // block_size, block_size, ninodes, mtime, progress)
    out_path = Path(out_path)
    tmp = out_path.with_name(out_path.name + ".tmp")
    with open(tmp, "wb") as f:
        if partitioned:
            f.write(mbr.mbr(start, fs_bytes // mbr.SECTOR))
            f.seek(start * mbr.SECTOR)
        f.write(image)
        f.truncate(total)
    os.replace(tmp, out_path)
    return out_path


def partition_bytes(image: bytes) -> bytes:
    """The file system inside a disk image: the first MINIX partition, else the whole disk."""
    for ptype, start, count in mbr.partitions(image[:mbr.SECTOR]):
        if ptype == mbr.MINIX_PARTITION and count:
            return image[start * mbr.SECTOR:(start + count) * mbr.SECTOR]
    return image
