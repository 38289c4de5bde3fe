"""Corrupt images through the command line (issue 6): a garbage super block,
garbage bitmaps, an inode with zones out of range and a directory loop never
kill the emulator. A file system that cannot be mounted is one line on
stderr (as the root, from `boot` and `run --disk`, or as a second disk the
guest mounts); a damaged file or directory is EIO for the call that meets
it, and the system goes on."""
import pytest

from emu.abi import minixfs as fs
from emu.image.mbr import PARTITION_START, SECTOR
from tests.conftest import minixemu

PART = PARTITION_START * SECTOR        # where mkimage puts the file system


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    path = tmp_path_factory.mktemp("corrupt") / "clean.img"
    r = minixemu("mkimage", path)
    assert r.status == 0, r.err
    return path.read_bytes()


def _superblock(image) -> fs.SuperBlock:
    return fs.SuperBlock.unpack(image[PART + 1024:])


def _inode_at(image, ino: int) -> int:
    sb = _superblock(image)
    block, off = sb.inode_location(ino)
    return PART + block * sb.block_size + off


def _lookup(image, path: str) -> int:
    """The inode a path names, read straight from the image (no emulator)."""
    sb = _superblock(image)
    ino = fs.ROOT_INODE
    for name in path.strip("/").split("/"):
        inode = fs.Inode.unpack(image, _inode_at(image, ino))
        block = image[PART + inode.zones[0] * sb.block_size:][:inode.size]
        for off in range(0, len(block), fs.DIR_ENTRY_SIZE):
            n, entry = fs.unpack_dirent(block, off)
            if n and entry == name.encode():
                ino = n
                break
        else:
            raise KeyError(path)
    return ino


def _one_clean_line(r, *words: str) -> None:
    assert "Traceback" not in r.err
    lines = r.err.strip().splitlines()
    assert len(lines) == 1, r.err
    for w in words:
        assert w in lines[0], lines[0]


def _write(tmp_path, data, name="bad.img"):
    path = tmp_path / name
    path.write_bytes(bytes(data))
    return path


def test_garbage_super_block_is_one_line_from_boot_run_and_a_guest_mount(clean, guest,
                                                                         tmp_path):
    import random
    image = bytearray(clean)
    image[PART + 1024:PART + 2048] = random.Random(1).randbytes(1024)
    bad = _write(tmp_path, image)
    r = minixemu("boot", bad, "--", "/usr/tests/args")
    assert r.status == 1
    _one_clean_line(r, "minixemu:", "root file system")
    r = minixemu("run", "--disk", bad, guest("args"))
    assert r.status == 1
    _one_clean_line(r, "minixemu:", "root file system")
    # As a second disk the guest mounts: mount() fails, the system goes on.
    good = _write(tmp_path, clean, "good.img")
    r = minixemu("boot", "-hdb", bad, good, "--", "/usr/tests/fsops", "mountdisk", "/dev/c0d1p0")
    assert "Traceback" not in r.err
    assert any(x.startswith("FAIL mount the other disk") for x in r.lines), r.out
    assert r.status > 0


def test_garbage_bitmaps_fail_the_mount_in_one_line(clean, tmp_path):
    image = bytearray(clean)
    sb = _superblock(image)
    imap = PART + sb.imap_start * sb.block_size
    image[imap:imap + sb.block_size] = bytes(sb.block_size)    # even bit 0 is clear
    bad = _write(tmp_path, image)
    r = minixemu("boot", bad, "--", "/usr/tests/args")
    assert r.status == 1
    _one_clean_line(r, "minixemu:", "inode bitmap")


def test_an_inode_with_zones_out_of_range_is_eio_and_the_system_goes_on(clean, tmp_path):
    image = bytearray(clean)
    ino = _lookup(image, "/etc/passwd")
    at = _inode_at(image, ino)
    inode = fs.Inode.unpack(image, at)
    inode.zones[0] = 0xFFFFFF                  # far past the last zone
    inode.pack_into(image, at)
    bad = _write(tmp_path, image)
    r = minixemu("boot", bad, "--", "/usr/tests/fsops", "read", "/etc/passwd")
    assert "Traceback" not in r.err and r.err == ""
    assert [x for x in r.lines if x.startswith("FAIL")] == [
        "FAIL read file: errno 5 (Input/output error)"]
    assert r.status == 1                       # the program's status: one failure
    # Everything else on the disk still works.
    r = minixemu("boot", bad, "--", "/usr/tests/fsops", "read", "/etc/group")
    assert r.status == 0 and "ok read file" in r.lines


def test_a_directory_loop_is_eio_not_a_hang(clean, tmp_path):
    """/home's `..` names /home/user and /home/user's names /home: moving a
    directory under /home/user walks up that chain, which never ends."""
    image = bytearray(clean)
    sb = _superblock(image)
    home, user = _lookup(image, "/home"), _lookup(image, "/home/user")

    def set_dotdot(dir_ino: int, target: int) -> None:
        zone = fs.Inode.unpack(image, _inode_at(image, dir_ino)).zones[0]
        at = PART + zone * sb.block_size + fs.DIR_ENTRY_SIZE     # entry 1 is ".."
        assert fs.unpack_dirent(image, at)[1] == b".."
        image[at:at + 4] = target.to_bytes(4, "little")

    set_dotdot(home, user)
    set_dotdot(user, home)
    bad = _write(tmp_path, image)
    r = minixemu("boot", bad, "--", "/usr/tests/fsops", "rename", "/root", "/home/user/x",
                 timeout=120)
    assert "Traceback" not in r.err
    assert [x for x in r.lines if x.startswith("FAIL")] == [
        "FAIL rename: errno 5 (Input/output error)"]
    assert r.status == 1
    r = minixemu("boot", bad, "--", "/usr/tests/fsops", "rename", "/root", "/tmp/x")
    assert r.status == 0 and "ok rename" in r.lines
