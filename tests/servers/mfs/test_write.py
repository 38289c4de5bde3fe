"""MFS: creating, writing, naming and removing files, via messages."""
from emu.abi.errno import Errno
from emu.abi.vfsif import REQ_RDONLY, RES_INODE_NR, RES_MODE, RES_NBYTES, RES_SEEK_POS_LO
from tests.servers.mfs.harness import Bench, mounted


def test_create_write_read(image):
    b = mounted(image)
    tmp = b.resolve("/tmp")
    r = b.create(tmp, "f", 0o100640, uid=1000, gid=100)
    assert r.status == 0 and r[RES_MODE] & 0xFFFF == 0o100640
    ino = r[RES_INODE_NR]
    w = b.write(ino, 0, b"hello")
    assert w.status == 0 and w[RES_NBYTES] == 5 and w[RES_SEEK_POS_LO] == 5
    assert b.read(ino, 0, 100).data == b"hello"
    assert b.create(tmp, "f").status == -Errno.EEXIST
    s = b.st(ino)
    assert (s.uid, s.gid, s.size, s.nlink) == (1000, 100, 5, 1)
    b.putnode(ino)
    b.putnode(tmp)
    assert b.in_use() == 1


def test_holes_read_as_zeros(image):
    b = mounted(image)
    r = b.create(1, "sparse")
    ino = r[RES_INODE_NR]
    assert b.write(ino, 3, b"ab").status == 0
    assert b.write(ino, 100_000, b"end").status == 0
    data = b.read(ino, 0, 200_000).data
    assert len(data) == 100_003
    assert data[:5] == b"\0\0\0ab" and data[5:100_000] == bytes(99_995)
    assert data[100_000:] == b"end"
    free_before = b.statvfs()[3]
    assert b.ftrunc(ino, 4).status == 0
    assert b.read(ino, 0, 100).data == b"\0\0\0a"
    assert b.ftrunc(ino, 1000).status == 0       # growing leaves a hole of zeros
    assert b.read(ino, 0, 2000).data == b"\0\0\0a" + bytes(996)
    assert b.statvfs()[3] > free_before           # the far block (and its indirect) freed
    b.putnode(ino)


def test_overwrite_in_the_middle(image):
    b = mounted(image)
    ino = b.resolve("/big")
    assert b.write(ino, 1020, b"X" * 10).status == 0
    data = b.read(ino, 1000, 40).data
    assert data == bytes(i % 251 for i in range(1000, 1020)) + b"X" * 10 + \
        bytes(i % 251 for i in range(1030, 1040))
    b.putnode(ino)


def test_mkdir_and_rmdir(image):
    b = mounted(image)
    assert b.mkdir(1, "d", 0o750, uid=1000, gid=100).status == 0
    assert b.st(1).nlink == 2 + 8
    d = b.resolve("/d")
    s = b.st(d)
    assert (s.mode, s.nlink, s.uid) == (0o40750, 2, 1000)
    assert b.names(d) == [".", ".."]
    assert b.lookup("/d/..")[RES_INODE_NR] == 1
    b.putnode(1)
    assert b.mkdir(d, "sub").status == 0
    assert b.st(d).nlink == 3
    assert b.rmdir(1, "d").status == -Errno.ENOTEMPTY
    assert b.unlink(1, "d").status == -Errno.EPERM
    assert b.rmdir(d, "sub").status == 0
    assert b.rmdir(d, ".").status == -Errno.EINVAL
    assert b.rmdir(1, "etc/..").status == -Errno.ENOENT
    b.putnode(d)
    assert b.rmdir(1, "d").status == 0
    assert b.lookup("/d").status == -Errno.ENOENT
    assert b.st(1).nlink == 2 + 7
    assert b.rmdir(1, "big").status == -Errno.ENOTDIR


def test_rmdir_of_a_mount_point_is_busy(image):
    b = mounted(image)
    b.mkdir(1, "mnt")
    mnt = b.resolve("/mnt")
    assert b.mountpoint(mnt).status == 0
    assert b.rmdir(1, "mnt").status == -Errno.EBUSY
    b.putnode(mnt)
    assert b.rmdir(1, "mnt").status == 0


def test_unlink_frees_at_last_reference(image):
    b = mounted(image)
    free_inodes, free_zones = b.statvfs()[6], b.statvfs()[3]
    ino = b.resolve("/big")
    assert b.unlink(1, "big").status == 0
    assert b.lookup("/big").status == -Errno.ENOENT
    # Still open: the data is there until VFS lets go.
    assert len(b.read(ino, 0, 1000).data) == 1000
    assert b.st(ino).nlink == 0
    b.putnode(ino)
    assert b.statvfs()[6] == free_inodes + 1
    assert b.statvfs()[3] == free_zones + 293 + 1 + 1 + 1   # data, single, double, leaf


def test_link(image):
    b = mounted(image)
    ino = b.resolve("/etc/passwd")
    tmp = b.resolve("/tmp")
    assert b.link(ino, tmp, "pw").status == 0
    assert b.link(ino, tmp, "pw").status == -Errno.EEXIST
    assert b.st(ino).nlink == 2
    assert b.read_file("/tmp/pw").startswith(b"root:")
    assert b.link(tmp, 1, "tmp2").status == -Errno.EPERM
    assert b.unlink(b.resolve("/etc"), "passwd").status == 0
    assert b.read_file("/tmp/pw").startswith(b"root:")
    assert b.st(ino).nlink == 1


def test_rename(image):
    b = mounted(image)
    etc, tmp, home = b.resolve("/etc"), b.resolve("/tmp"), b.resolve("/home")
    assert b.rename(etc, "passwd", tmp, "pw").status == 0
    assert b.lookup("/etc/passwd").status == -Errno.ENOENT
    assert b.read_file("/tmp/pw").startswith(b"root:")
    # Over an existing file: the old one goes.
    assert b.rename(etc, "rc", tmp, "pw").status == 0
    assert b.read_file("/tmp/pw") == b"echo hi\n"
    # Directories: .. follows, link counts move.
    assert b.rename(1, "etc", home, "etc2").status == 0
    assert b.lookup("/home/etc2/..")[RES_INODE_NR] == home
    b.putnode(home)
    assert b.st(home).nlink == 4 and b.st(1).nlink == 2 + 6
    # Into itself, or a file over a directory.
    user = b.resolve("/home/user")
    assert b.rename(1, "home", user, "h").status == -Errno.EINVAL
    assert b.rename(1, "home", home, "h").status == -Errno.EINVAL
    assert b.rename(1, "big", home, "user").status == -Errno.EISDIR
    assert b.rename(home, "user", 1, "big").status == -Errno.ENOTDIR
    assert b.rename(1, "nope", 1, "x").status == -Errno.ENOENT
    assert b.rename(1, "big", 1, "big").status == 0
    assert b.rename(1, ".", 1, "x").status == -Errno.EINVAL
    # A directory over an empty one; not over a full one.
    assert b.mkdir(1, "empty").status == 0
    assert b.rename(home, "etc2", 1, "empty").status == 0
    assert b.lookup("/empty/..")[RES_INODE_NR] == 1
    b.putnode(1)
    assert b.st(home).nlink == 3 and b.st(1).nlink == 2 + 7
    assert b.rename(1, "empty", 1, "usr").status == -Errno.ENOTEMPTY
    for ino in (etc, tmp, home, user):
        b.putnode(ino)
    assert b.in_use() == 1


def test_symlink_and_readlink(image):
    b = mounted(image)
    assert b.symlink(1, "l", "etc/passwd").status == 0
    r = b.lookup("/l", flags=0o10)
    link = r[RES_INODE_NR]
    assert b.readlink(link).data == b"etc/passwd"
    assert b.readlink(link, 3).data == b"etc"
    assert b.readlink(b.resolve("/etc")).status == -Errno.EINVAL
    assert b.symlink(1, "l", "x").status == -Errno.EEXIST
    assert b.symlink(1, "long", "x" * 1024).status == -Errno.ENAMETOOLONG
    assert b.read_file("/l").startswith(b"root:")


def test_mknod_every_type(image):
    b = mounted(image)
    dev = b.resolve("/dev")
    for name, mode, rdev in [("tty", 0o20666, (4 << 8) | 0), ("c0d0p1", 0o60600, 0x302),
                             ("fifo", 0o10644, 0), ("sock", 0o140755, 0)]:
        assert b.mknod(dev, name, mode, rdev).status == 0, name
        s = b.st(b.resolve(f"/dev/{name}"))
        assert (s.mode, s.rdev) == (mode, rdev)
    assert b.mknod(dev, "tty", 0o20666).status == -Errno.EEXIST


def test_chmod_chown_utime(image):
    b = mounted(image)
    ino = b.resolve("/etc/rc")
    r = b.chmod(ino, 0o104711)
    assert r.status == 0 and r[RES_MODE] & 0xFFFF == 0o104711
    r = b.chown(ino, 1000, 100)
    assert r.status == 0 and r[RES_MODE] & 0xFFFF == 0o100711      # set-uid cleared
    assert b.utime(ino, 111, 222).status == 0
    s = b.st(ino)
    assert (s.uid, s.gid, s.atime, s.mtime) == (1000, 100, 111, 222)


def test_statvfs(image):
    b = mounted(image)
    bsize, frsize, blocks, bfree, bavail, files, ffree, favail, fsid, flag, namemax = \
        b.statvfs()
    assert (bsize, frsize, namemax, flag) == (1024, 1024, 60, 0)
    assert blocks == 16 * 1024 - 1024 and 0 < bfree < blocks and files > ffree > 0


def test_big_file_and_enospc(image):
    b = mounted(image)
    free = b.statvfs()[3]
    data = bytes(range(256)) * 4096 * 5             # 5 MiB: double indirect
    b.write_file("/tmp/five", data, chunk=1 << 20)
    assert b.read_file("/tmp/five", chunk=1 << 20) == data
    assert b.statvfs()[3] < free - 5 * 1024
    ino = b.create(1, "fill")[RES_INODE_NR]
    r = b.write(ino, 0, bytes(32 << 20))
    assert r.status == 0 and 0 < r[RES_NBYTES] < (32 << 20)   # a short write, then
    assert b.write(ino, r[RES_NBYTES], b"more").status == -Errno.ENOSPC
    assert b.statvfs()[3] == 0
    b.putnode(ino)
    assert b.unlink(1, "fill").status == 0
    assert b.statvfs()[3] > 5000


def test_efbig(image, image4k):
    """Past the double-indirect range with 1 KiB blocks (MINIX 3.1.8 maps no triple-
    indirect zone), and past 2 GiB - 1 (off_t) with 4 KiB blocks."""
    b = mounted(image)
    ino = b.create(1, "f")[RES_INODE_NR]
    end = (7 + 256 + 65536) * 1024
    assert b.write(ino, end - 1, b"x").status == 0
    assert b.write(ino, end, b"x").status == -Errno.EFBIG
    assert b.write(ino, end - 1, b"xy").status == -Errno.EFBIG
    assert b.write(ino, 0x7FFFFFF0, b"x").status == -Errno.EFBIG
    assert b.ftrunc(ino, end + 1).status == -Errno.EFBIG
    assert b.st(ino).size == end
    b4 = mounted(image4k)
    ino = b4.create(1, "f")[RES_INODE_NR]
    assert b4.write(ino, 0x7FFFFFF0, b"x" * 15).status == 0
    assert b4.write(ino, 0x7FFFFFF0, b"x" * 16).status == -Errno.EFBIG


def test_read_only_mount(image):
    b = Bench(image)
    assert b.readsuper(flags=REQ_RDONLY).status == 0
    assert b.create(1, "x").status == -Errno.EROFS
    assert b.mkdir(1, "x").status == -Errno.EROFS
    assert b.read_file("/etc/passwd").startswith(b"root")


def test_putnode_counts(image):
    b = mounted(image)
    ino = b.resolve("/etc")
    b.resolve("/etc")
    assert b.putnode(ino, 3).status == -Errno.EINVAL
    assert b.putnode(ino, 2).status == 0
    assert b.putnode(ino, 1).status == -Errno.EINVAL
    assert b.in_use() == 1


def test_unmount(image):
    b = mounted(image)
    ino = b.resolve("/etc")
    assert b.unmount().status == -Errno.EBUSY
    b.putnode(ino)
    ino = b.create(1, "late")[RES_INODE_NR]
    b.write(ino, 0, b"written before unmount")
    b.putnode(ino)
    assert b.unmount().status == 0
    assert b.disk.opens == 0
    b2 = mounted(b.disk.image)
    assert b2.read_file("/late") == b"written before unmount"


def test_four_kib_blocks_write_truncate_persist(image4k):
    b = mounted(image4k)
    assert b.statvfs()[0] == 4096
    free = b.statvfs()[3]
    data = bytes((i * 13) & 0xFF for i in range(5 << 20))   # past 7 + 1024 blocks
    b.mkdir(1, "d")
    b.write_file("/d/five", data, chunk=1 << 20)
    ino = b.resolve("/d/five")
    assert b.mfs.inodes.find(ino).zones[8] != 0          # double indirect
    assert b.read(ino, (5 << 20) - 10, 100).data == data[-10:]
    assert b.ftrunc(ino, 5000).status == 0
    assert b.read(ino, 0, 10000).data == data[:5000]
    b.putnode(ino)
    assert b.sync().status == 0
    b2 = mounted(b.disk.image)
    assert b2.read_file("/d/five") == data[:5000]
    d = b2.resolve("/d")
    assert b2.unlink(d, "five").status == 0
    assert b2.statvfs()[3] == free - 1                   # only /d's block is still used
    b2.putnode(d)


def test_a_huge_request_needs_no_huge_memory(image4k):
    """A 2 GiB sparse file read with a count larger than the buffer granted: the
    copy past the grant fails (EINVAL), after at most one chunk was read."""
    from emu.abi import endpoints as ep
    from emu.abi import vfsif as V
    from emu.kernel.grants import WRITE
    b = mounted(image4k)
    ino = b.create(1, "sparse")[RES_INODE_NR]
    assert b.write(ino, 0x7FFF0000, b"end").status == 0
    assert b.st(ino).size == 0x7FFF0003
    buf = bytearray(4096)
    g = b.grant(buf, WRITE)
    r = b.send(V.FsRequest.REQ_READ, {V.REQ_INODE_NR: ino, V.REQ_GRANT: g,
                                      V.REQ_SEEK_POS_LO: 0, V.REQ_SEEK_POS_HI: 0,
                                      V.REQ_NBYTES: 0x7FFF0000})
    b.sys.revoke(ep.VFS, g)
    assert r.status == -Errno.EINVAL
    assert b.read(ino, 0x7FFF0000 - 2, 10).data == b"\0\0end"
    b.putnode(ino)
