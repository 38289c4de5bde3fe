"""Images for the MFS tests, built once per test with the image builder."""
import pytest

from emu.image.mkimage import build_image
from emu.image.tree import Device, Dir, File, Symlink, Tree


def sample_tree() -> Tree:
    t = Tree()
    t.add("/etc/passwd", File(data=b"root:x:0:0:root:/root:/bin/sh\n"))
    t.add("/etc/rc", File(data=b"echo hi\n", mode=0o755))
    t.add("/tmp", Dir(mode=0o1777))
    t.add("/dev/null", Device(kind="c", major=1, minor=3, mode=0o666))
    t.add("/dev/c0d0", Device(kind="b", major=3, minor=0, mode=0o600))
    t.add("/bin/sh", Symlink(target="/usr/bin/sh"))
    t.add("/usr/bin/sh", File(data=b"\x7fELF shell", mode=0o755))
    t.add("/usr/lib", Symlink(target="../lib"))
    t.add("/lib/libc.a", File(data=b"libc"))
    t.add("/home/user", Dir(uid=1000, gid=100, mode=0o700))
    t.add("/home/user/notes", File(data=b"secret", uid=1000, gid=100, mode=0o600))
    t.add("/big", File(data=bytes(i % 251 for i in range(300_000))))
    return t


@pytest.fixture
def image(tmp_path) -> bytearray:
    """A partitioned 16 MiB disk (MINIX partition = minor 1) holding sample_tree()."""
    return bytearray(build_image(tmp_path / "disk.img", 16, sample_tree()).read_bytes())


@pytest.fixture
def image4k(tmp_path) -> bytearray:
    return bytearray(build_image(tmp_path / "disk4k.img", 16, sample_tree(),
                                 block_size=4096).read_bytes())
