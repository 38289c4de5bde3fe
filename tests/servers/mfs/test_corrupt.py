"""Corrupt images never break MFS: the mount fails with a reason, or the file gives EIO."""
import random

import pytest

from emu.abi import minixfs as fs
from emu.abi.errno import Errno
from emu.abi.vfsif import EENTERMOUNT, ELEAVEMOUNT, ESYMLINK, RES_INODE_NR, RES_MODE
from emu.image.mbr import PARTITION_START, SECTOR
from tests.servers.mfs.harness import Bench, mounted

PART = PARTITION_START * SECTOR        # the file system's offset in the disk image


def superblock(image) -> fs.SuperBlock:
    return fs.SuperBlock.unpack(image[PART + 1024:])


def inode_offset(image, ino: int) -> int:
    sb = superblock(image)
    block, off = sb.inode_location(ino)
    return PART + block * sb.block_size + off


def ino_of(image, path: str) -> int:
    b = mounted(bytearray(image))
    return b.resolve(path)


def mount_fails(image, why: str):
    b = Bench(image)
    r = b.readsuper()
    assert r.status == -Errno.EINVAL
    assert why in b.mfs.last_error, b.mfs.last_error
    assert b.disk.opens == 0                  # the device was closed again
    return b


def test_garbage_super_block(image):
    image[PART + 1024:PART + 2048] = random.Random(1).randbytes(1024)
    mount_fails(image, "not a MINIX v3 file system")


def test_all_garbage_disk():
    image = bytearray(random.Random(2).randbytes(4 << 20))
    b = Bench(image, minor=0)
    assert b.readsuper(minor=0).status == -Errno.EINVAL
    assert "bad magic" in b.mfs.last_error


def test_sizes_that_do_not_add_up(image):
    sb = superblock(image)
    sb.zones += 100                          # bigger than the partition
    image[PART + 1024:PART + 1024 + fs.SUPER.size] = sb.pack()
    mount_fails(image, "larger than the device")
    sb = superblock(image)
    sb.zones -= 100
    sb.ninodes = sb.imap_blocks * sb.block_size * 8 + 5
    image[PART + 1024:PART + 1024 + fs.SUPER.size] = sb.pack()
    mount_fails(image, "inode map")


def test_garbage_bitmaps(image):
    sb = superblock(image)
    imap = PART + sb.imap_start * sb.block_size
    image[imap:imap + sb.block_size] = bytes(sb.block_size)
    mount_fails(image, "inode bitmap")


def test_root_not_a_directory(image):
    at = inode_offset(image, 1)
    image[at:at + 2] = (0o100644).to_bytes(2, "little")
    mount_fails(image, "root inode")


def test_inode_with_zones_out_of_range(image):
    ino = ino_of(image, "/big")
    at = inode_offset(image, ino)
    inode = fs.Inode.unpack(image, at)
    inode.zones[2] = 0xFFFFFF                 # a direct zone past the end
    inode.zones[8] = 3                        # double indirect in the inode table
    inode.pack_into(image, at)
    b = mounted(image)
    big = b.resolve("/big")
    assert b.read(big, 0, 2048).data == bytes(i % 251 for i in range(2048))
    assert b.read(big, 2048, 100).status == -Errno.EIO
    assert b.read(big, 280_000, 100).status == -Errno.EIO
    assert b.write(big, 2048, b"x").status == -Errno.EIO
    free = b.statvfs()[3]
    b.putnode(big)
    assert b.unlink(1, "big").status == 0     # removable; bad zones are not "freed"
    assert b.statvfs()[3] > free
    assert b.read_file("/etc/passwd").startswith(b"root")


def test_directory_entry_naming_a_bad_inode(image):
    etc = ino_of(image, "/etc")
    at = inode_offset(image, etc)
    sb = superblock(image)
    zone = fs.Inode.unpack(image, at).zones[0]
    entry = PART + zone * sb.block_size + 2 * fs.DIR_ENTRY_SIZE   # first after . and ..
    image[entry:entry + 4] = (sb.ninodes + 10).to_bytes(4, "little")
    b = mounted(image)
    name = fs.unpack_dirent(image, entry)[1].decode()
    assert b.lookup(f"/etc/{name}").status == -Errno.EIO
    assert b.in_use() == 1


def test_directory_loop(image):
    """/a/b's `..` names /a/b/c and c's names b: rename's walk up must not hang."""
    b = mounted(image)
    b.mkdir(1, "a")
    a = b.resolve("/a")
    b.mkdir(a, "b")
    bb = b.resolve("/a/b")
    b.mkdir(bb, "c")
    c = b.resolve("/a/b/c")
    for ino in (a, bb, c):
        b.putnode(ino)
    b.sync()
    sb = superblock(image)

    def set_dotdot(dir_ino, target):
        zone = fs.Inode.unpack(b.disk.image, inode_offset(image, dir_ino)).zones[0]
        at = PART + zone * sb.block_size + fs.DIR_ENTRY_SIZE
        b.disk.image[at:at + 4] = target.to_bytes(4, "little")

    set_dotdot(bb, c)
    set_dotdot(c, bb)
    b2 = mounted(b.disk.image)
    c2 = b2.resolve("/a/b/c")
    # Moving a directory under c walks up c's `..` chain, which never ends.
    assert b2.rename(1, "a", c2, "x").status == -Errno.EIO
    assert b2.rename(1, "etc", c2, "x").status == -Errno.EIO
    assert b2.rename(1, "big", c2, "x").status == 0        # files need no walk
    r = b2.lookup("/a/b/c/../../../../../..")
    assert r.status in (0, -Errno.EIO)
    assert b2.read_file("/etc/passwd").startswith(b"root")


def test_driver_errors_are_eio(image):
    b = mounted(image)
    sb = superblock(image)
    big = b.resolve("/big")
    zone = b.mfs.inodes.find(big).zones[3]
    b.disk.fail_reads_at.add(zone * sb.block_size)
    assert b.read(big, 3 * 1024, 10).status == -Errno.EIO
    assert b.read(big, 0, 10).status == 0


@pytest.mark.parametrize("seed", range(6))
def test_random_damage_never_raises(image, seed):
    """Scribble over the inode table and directories, then use every path we can find."""
    rng = random.Random(seed)
    sb = superblock(image)
    bs = sb.block_size
    start = PART + sb.inode_start * bs
    for _ in range(40):
        at = start + rng.randrange(sb.inode_blocks * bs // 50)
        image[at:at + 4] = rng.randbytes(4)
    for _ in range(40):                       # and the first data zones (directories)
        at = PART + (sb.firstdatazone + rng.randrange(40)) * bs + rng.randrange(bs)
        image[at:at + 2] = rng.randbytes(2)
    b = Bench(image)
    if b.readsuper().status != 0:
        return
    paths, seen = ["/"], 0
    codes = (0, ESYMLINK, EENTERMOUNT, ELEAVEMOUNT)
    while paths and seen < 300:
        path = paths.pop()
        seen += 1
        r = b.lookup(path)
        assert r.status in codes or r.status < 0
        if r.status != 0:
            continue
        ino, mode = r[RES_INODE_NR], r[RES_MODE] & 0xFFFF
        b.stat(ino)
        b.read(ino, 0, 4096)
        b.read(ino, rng.randrange(1 << 20), 4096)
        b.write(ino, rng.randrange(1 << 16), b"scribble")
        b.readlink(ino)
        if mode & fs.I_TYPE == fs.I_DIRECTORY:
            r = b.getdents(ino, 0, 4096)
            off = 0
            while r.status == 0 and off + 10 <= len(r.data):
                reclen = int.from_bytes(r.data[off + 8:off + 10], "little")
                name = r.data[off + 10:off + reclen].split(b"\0")[0]
                if reclen == 0:
                    break
                if name not in (b".", b"..") and name:
                    paths.append(path.rstrip("/") + "/" + name.decode("latin-1"))
                off += reclen
            r = b.create(ino, f"new{seed}")
            if r.status == 0:
                b.putnode(r[RES_INODE_NR])
            b.mkdir(ino, f"dir{seed}")
            b.rename(ino, f"new{seed}", 1, f"moved{seed}")
            b.unlink(ino, f"new{seed}")
        b.putnode(ino)
    assert b.sync().status in (0, -Errno.EIO)
    assert b.in_use() == 1
