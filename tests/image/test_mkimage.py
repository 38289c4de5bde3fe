"""mkimage: images pass Linux fsck.minix, list what we put in, and are reproducible."""
import hashlib
import shutil
import subprocess

import pytest

from emu.abi import minixfs as fs
from emu.image import mbr
from emu.image.mkimage import build_image, partition_bytes
from emu.image.tree import Device, Dir, Fifo, File, Socket, Symlink, Tree

FSCK = shutil.which("fsck.minix") or "/sbin/fsck.minix"


def fsck(path, *flags):
    return subprocess.run([FSCK, "-f", *flags, str(path)], capture_output=True, text=True)


def sample_tree(tmp_path) -> Tree:
    host = tmp_path / "hello.txt"
    host.write_bytes(b"hello from the host\n")
    t = Tree()
    t.add("/etc/passwd", File(data=b"root:x:0:0:root:/root:/bin/sh\n"))
    t.add("/etc/motd", File(data=host))
    t.add("/tmp", Dir(mode=0o1777))
    t.add("/dev/null", Device(kind="c", major=1, minor=3, mode=0o666))
    t.add("/dev/c0d0", Device(kind="b", major=3, minor=0, mode=0o600))
    t.add("/dev/fifo", Fifo(mode=0o600))
    t.add("/dev/sock", Socket())
    t.add("/bin/sh", Symlink(target="/usr/bin/sh"))
    t.add("/home/user", Dir(uid=1000, gid=1000, mode=0o700))
    t.add("/home/user/big", File(data=bytes(range(256)) * 1200, uid=1000))  # double indirect
    return t


LISTING = ["/bin:", "/bin/sh", "/dev:", "/dev/c0d0", "/dev/fifo", "/dev/null", "/dev/sock",
           "/etc:", "/etc/motd", "/etc/passwd", "/home:", "/home/user:", "/home/user/big",
           "/tmp:"]


@pytest.fixture(autouse=True)
def _need_fsck():
    if not shutil.which("fsck.minix") and not shutil.os.path.exists(FSCK):
        pytest.skip("no fsck.minix")


def test_whole_disk_image_is_clean_and_lists_the_tree(tmp_path):
    img = build_image(tmp_path / "w.img", 4, sample_tree(tmp_path), partitioned=False)
    r = fsck(img, "-l")
    assert r.returncode == 0, r.stdout + r.stderr
    assert [l for l in r.stdout.splitlines() if l.startswith("/")] == LISTING


def test_partitioned_image(tmp_path):
    img = build_image(tmp_path / "p.img", 4, sample_tree(tmp_path))
    raw = img.read_bytes()
    assert len(raw) == 4 << 20
    (ptype, start, count), *rest = mbr.partitions(raw[:512])
    assert (ptype, start, count) == (0x81, 2048, (4 << 20) // 512 - 2048)
    assert all(p[0] == 0 for p in rest)
    part = tmp_path / "part.img"
    part.write_bytes(partition_bytes(raw))
    r = fsck(part, "-l")
    assert r.returncode == 0, r.stdout + r.stderr
    assert [l for l in r.stdout.splitlines() if l.startswith("/")] == LISTING


def test_same_input_same_bytes(tmp_path):
    a = build_image(tmp_path / "a.img", 4, sample_tree(tmp_path))
    b = build_image(tmp_path / "b.img", 4, sample_tree(tmp_path))
    assert hashlib.sha256(a.read_bytes()).digest() == hashlib.sha256(b.read_bytes()).digest()


def test_inode_fields(tmp_path):
    raw = build_image(tmp_path / "w.img", 4, sample_tree(tmp_path), partitioned=False,
                      mtime=1234).read_bytes()
    sb = fs.SuperBlock.unpack(raw[1024:])

    def inode(n):
        block, off = sb.inode_location(n)
        return fs.Inode.unpack(raw, block * 1024 + off)

    def lookup(path):
        ino = 1
        for name in path.strip("/").split("/"):
            d = inode(ino)
            data = b"".join(raw[z * 1024:(z + 1) * 1024] for z in d.zones[:7] if z)[:d.size]
            ino = dict((n, i) for i, n in (fs.unpack_dirent(data, o)
                                           for o in range(0, len(data), 64)))[name.encode()]
        return inode(ino)

    assert lookup("/tmp").mode == 0o41777
    dev = lookup("/dev/c0d0")
    assert dev.mode == 0o60600 and dev.zones[0] == (3 << 8) | 0 and dev.size == 0
    assert lookup("/dev/null").zones[0] == (1 << 8) | 3
    assert lookup("/dev/fifo").mode == 0o10600
    assert lookup("/dev/sock").type == fs.I_UNIX_SOCKET
    home = lookup("/home/user")
    assert (home.uid, home.gid, home.mode, home.mtime) == (1000, 1000, 0o40700, 1234)
    assert inode(1).nlinks == 2 + 5        # bin dev etc home tmp
    big = lookup("/home/user/big")
    assert big.size == 256 * 1200 and big.zones[7] and big.zones[8] and big.zones[9] == 0


def test_four_kib_blocks(tmp_path):
    raw = build_image(tmp_path / "m.img", 8, sample_tree(tmp_path), block_size=4096,
                      partitioned=False).read_bytes()
    sb = fs.SuperBlock.unpack(raw[1024:])
    sb.validate(len(raw))
    assert sb.block_size == 4096 and sb.zones == (8 << 20) // 4096
    root = fs.Inode.unpack(raw, sb.inode_start * 4096)
    assert root.type == fs.I_DIRECTORY
    assert fs.unpack_dirent(raw, root.zones[0] * 4096 + 64) == (1, b"..")


def test_errors_are_clear(tmp_path):
    t = Tree()
    t.add("/big", File(data=bytes(3 << 20)))
    with pytest.raises(fs.FormatError, match="image full"):
        build_image(tmp_path / "x.img", 2, t)
    assert not (tmp_path / "x.img").exists() and not (tmp_path / "x.img.tmp").exists()
    t = Tree()
    t.add("/" + "n" * 61, File())
    with pytest.raises(fs.FormatError, match="bad file name"):
        build_image(tmp_path / "y.img", 2, t)
