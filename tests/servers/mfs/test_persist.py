"""MFS writes reach the disk on sync and pass Linux fsck.minix; Linux-made images work."""
import shutil
import subprocess

import pytest

from emu.abi.com import DevRequest
from emu.abi.vfsif import RES_INODE_NR
from emu.image.mkimage import partition_bytes
from tests.diskimages import linux_minix_fs
from tests.servers.mfs.harness import mounted

FSCK = shutil.which("fsck.minix") or "/sbin/fsck.minix"
pytestmark = pytest.mark.skipif(not shutil.os.path.exists(FSCK), reason="no fsck.minix")


def fsck(tmp_path, fs_bytes: bytes, *flags: str) -> subprocess.CompletedProcess:
    img = tmp_path / "fsck.img"
    img.write_bytes(fs_bytes)
    return subprocess.run([FSCK, "-f", *flags, str(img)], capture_output=True, text=True)


def listing(r: subprocess.CompletedProcess) -> set[str]:
    return {line.rstrip(":") for line in r.stdout.splitlines() if line.startswith("/")}


def test_writes_persist_and_fsck_is_clean(image, tmp_path):
    b = mounted(image)
    b.mkdir(1, "work", 0o755)
    b.write_file("/work/a.txt", b"alpha\n")
    b.write_file("/work/big", bytes(range(256)) * 2000)
    work = b.resolve("/work")
    b.symlink(work, "link", "a.txt")
    b.mknod(work, "fifo", 0o10600)
    b.unlink(b.resolve("/etc"), "rc")
    b.rename(1, "big", work, "moved")
    b.putnode(work)
    assert b.sync().status == 0
    r = fsck(tmp_path, partition_bytes(bytes(b.disk.image)), "-l")
    assert r.returncode == 0, r.stdout + r.stderr
    names = listing(r)
    assert {"/work", "/work/a.txt", "/work/big", "/work/link", "/work/fifo",
            "/work/moved"} <= names
    assert "/etc/rc" not in names and "/big" not in names
    # A second "run" on the same disk reads it all back.
    b2 = mounted(b.disk.image)
    assert b2.read_file("/work/a.txt") == b"alpha\n"
    assert b2.read_file("/work/big") == bytes(range(256)) * 2000
    assert b2.read_file("/work/link") == b"alpha\n"


def test_nothing_reaches_the_disk_before_sync(image):
    b = mounted(image)
    before = bytes(b.disk.image)
    b.write_file("/tmp/x", b"x" * 5000)
    assert bytes(b.disk.image) == before
    b.sync()
    assert bytes(b.disk.image) != before
    assert b.mfs.shutdown() == ""


def test_linux_mkfs_image_takes_our_writes(tmp_path):
    img = linux_minix_fs(tmp_path / "linux.img", blocks=32 * 1024)
    if img is None:
        pytest.skip("no mkfs.minix")
    b = mounted(bytearray(img.read_bytes()), minor=0)
    made = set()
    for d in range(20):
        b.mkdir(1, f"dir{d:02}")
        made.add(f"/dir{d:02}")
        for f in range(9):
            path = f"/dir{d:02}/file{f}"
            b.write_file(path, f"{path}\n".encode() * (f + 1))
            made.add(path)
    assert len(made) == 200
    big = bytes((i * 7) & 0xFF for i in range(20 << 20))
    b.write_file("/big20", big, chunk=1 << 20)
    made.add("/big20")
    assert b.sync().status == 0
    r = fsck(tmp_path, bytes(b.disk.image), "-l")
    assert r.returncode == 0, r.stdout + r.stderr
    assert made <= listing(r)
    b2 = mounted(b.disk.image, minor=0)
    assert b2.read_file("/big20", chunk=1 << 20) == big
    assert b2.read_file("/dir07/file3") == b"/dir07/file3\n" * 4
    ino = b2.resolve("/big20")
    assert b2.mfs.inodes.find(ino).zones[8] != 0      # double indirect in use
    b2.putnode(ino)


def test_sixty_four_mib_file(tmp_path):
    img = linux_minix_fs(tmp_path / "linux.img", blocks=70 * 1024)
    if img is None:
        pytest.skip("no mkfs.minix")
    b = mounted(bytearray(img.read_bytes()), minor=0)
    chunk = bytes(range(256)) * 4096
    ino = b.create(1, "huge")[RES_INODE_NR]
    for i in range(64):
        assert b.write(ino, i << 20, chunk).status == 0
    assert b.st(ino).size == 64 << 20
    assert b.read(ino, (64 << 20) - 300, 1000).data == chunk[-300:]
    b.putnode(ino)
    b.sync()
    r = fsck(tmp_path, bytes(b.disk.image))
    assert r.returncode == 0, r.stdout + r.stderr


def test_a_full_cache_writes_back(image, tmp_path):
    """With room for 64 blocks, writing 2 MiB must reach the disk before any sync,
    and the result is still a clean file system after the sync."""
    b = mounted(image, cache_bytes=64 * 1024)
    before = bytes(b.disk.image)
    data = bytes((i * 31) & 0xFF for i in range(2 << 20))
    b.write_file("/tmp/two", data, chunk=64 * 1024)
    assert bytes(b.disk.image) != before
    writes = [pos for req, pos, _n in b.disk.requests if req == DevRequest.DEV_WRITE_S]
    assert writes and len(b.mfs.cache.blocks) <= 64
    assert b.read_file("/tmp/two") == data
    assert b.sync().status == 0
    r = fsck(tmp_path, partition_bytes(bytes(b.disk.image)), "-l")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "/tmp/two" in listing(r)
