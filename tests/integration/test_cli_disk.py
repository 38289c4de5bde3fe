"""`run` and `boot` with the root file system: a named image keeps what the
guest writes, the default image never changes, `boot -- CMD` runs CMD through
/sbin/init and exits with its status."""
import shutil
import subprocess

import pytest

from tests.conftest import minixemu


@pytest.fixture
def image(tmp_path):
    path = tmp_path / "disk.img"
    r = minixemu("mkimage", path)
    assert r.status == 0, r.err
    return path


def test_writes_persist_on_a_named_image(guest, image):
    assert minixemu("run", "--disk", image, guest("persist"), "write", "/tmp/note",
                    "kept").status == 0
    again = minixemu("run", "-hda", image, guest("persist"), "read", "/tmp/note")
    assert (again.status, again.out) == (0, "kept\n")
    if shutil.which("fsck.minix"):
        part = image.with_suffix(".part")
        from emu.image.mkimage import partition_bytes
        part.write_bytes(partition_bytes(image.read_bytes()))
        fsck = subprocess.run(["fsck.minix", "-f", str(part)], capture_output=True, text=True)
        assert fsck.returncode == 0, fsck.stdout + fsck.stderr


def test_the_default_image_is_never_written(guest):
    first = minixemu("run", guest("persist"), "write", "/tmp/note", "gone")
    assert first.status == 0, first.err
    second = minixemu("run", guest("persist"), "read", "/tmp/note")
    assert second.status == 1
    assert "No such file or directory" in second.err


def test_boot_runs_a_command_through_init(image):
    r = minixemu("boot", image, "--", "/usr/tests/args", "x", "y")
    assert "argv[1]=x" in r.lines and "argv[2]=y" in r.lines
    assert r.status == 0
    missing = minixemu("boot", image, "--", "/bin/nonexistent")
    assert missing.status == 127


def test_boot_without_a_file_system_is_one_line(tmp_path):
    blank = tmp_path / "blank.img"
    blank.write_bytes(bytes(1 << 20))
    r = minixemu("boot", blank)
    assert r.status == 1
    assert r.err.startswith("minixemu: no root file system")
    assert len(r.err.splitlines()) == 1


FSCK = shutil.which("fsck.minix")


def _fsck(path, tmp_path, partition: bool) -> str:
    """fsck.minix -f -l of an image's first partition (or of the whole disk):
    asserts it is clean, returns its listing."""
    target = path
    if partition:
        from emu.image.mkimage import partition_bytes
        target = tmp_path / (path.name + ".part")
        target.write_bytes(partition_bytes(path.read_bytes()))
    r = subprocess.run([FSCK, "-f", "-l", str(target)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


def _mountdisk_checks(r) -> None:
    assert [x for x in r.lines if x.startswith("FAIL")] == []
    for check in ("ok mount the other disk", "ok create on read-only EROFS",
                  "ok the file is there after the umount", "ok the 64 KiB read back",
                  "ok umount it again"):
        assert check in r.lines
    assert r.status == 0


@pytest.mark.skipif(FSCK is None, reason="needs fsck.minix")
def test_hdb_a_second_image_mounts_takes_writes_and_both_pass_fsck(image, tmp_path):
    """-hdb attaches an image as the IDE slave: its first partition is
    /dev/c0d1p0, mounted on /mnt, read, written, umounted; fsck.minix -f
    finds both images clean afterwards and lists what the guest wrote."""
    from emu.image.mkimage import build_image
    from emu.image.tree import File, Tree
    tree = Tree()
    tree.add("/hello", File(data=b"from the second disk\n"))
    second = build_image(tmp_path / "second.img", 8, tree)
    r = minixemu("boot", "-hdb", second, image, "--", "/usr/tests/fsops", "mountdisk",
                 "/dev/c0d1p0")
    _mountdisk_checks(r)
    assert "name hello" in r.lines and "hello from the second disk" in r.lines
    _fsck(image, tmp_path, partition=True)
    listing = _fsck(second, tmp_path, partition=True)
    assert "/written" in listing and "/newdir/big" in listing


@pytest.mark.skipif(FSCK is None or shutil.which("mkfs.minix") is None,
                    reason="needs Linux mkfs.minix and fsck.minix")
def test_hdb_a_linux_made_file_system_mounts_takes_writes_and_passes_fsck(image, tmp_path):
    """An image Linux's mkfs.minix -3 made (no partition table: the whole
    disk, /dev/c0d1) mounts, takes our writes and stays clean for fsck.minix -f."""
    from tests import diskimages
    linux = diskimages.linux_minix_fs(tmp_path / "linux.img", blocks=4096)
    r = minixemu("boot", "-hdb", linux, image, "--", "/usr/tests/fsops", "mountdisk",
                 "/dev/c0d1")
    _mountdisk_checks(r)
    listing = _fsck(linux, tmp_path, partition=False)
    assert "/written" in listing and "/newdir/big" in listing
    _fsck(image, tmp_path, partition=True)


def test_hdb_the_same_image_twice_is_a_usage_error(image):
    r = minixemu("boot", "-hdb", image, image)
    assert r.status == 2
    assert "already attached as the first disk" in r.err and len(r.err.splitlines()) == 1


def test_d_dev_shows_the_ata_commands_of_a_cold_read(guest, image):
    """`-d ipc,dev` of a program reading a file on a fresh boot: under VFS's
    REQ_READ, MFS asks the driver (DEV_READ_S), and the driver's ATA
    register accesses follow: the LBA, READ MULTIPLE (0xC4) written to the
    command register, the status, and the data taken with `ins`."""
    assert minixemu("run", "--disk", image, guest("persist"), "write", "/tmp/note",
                    "cold").status == 0
    r = minixemu("run", "-d", "ipc,dev", "--disk", image, guest("persist"), "read", "/tmp/note")
    assert (r.status, r.out) == (0, "cold\n")
    lines = r.err.splitlines()
    start = next(i for i, x in enumerate(lines) if "vfs -> mfs" in x and "REQ_READ(" in x)
    end = next(i for i in range(start, len(lines)) if "mfs -> vfs" in lines[i])
    read = lines[start:end]
    first = next(i for i, x in enumerate(read) if "mfs -> disk" in x and "DEV_READ_S(" in x)
    ata = [x.split("dev", 1)[1].split() for x in read[first:] if "] dev " in x]
    assert ["ide", "out", "0x01f7", "->", "0xc4"] in ata          # READ MULTIPLE
    assert any(a[:3] == ["ide", "out", "0x01f3"] for a in ata)     # the LBA's low byte
    assert any(a[:3] == ["ide", "ins", "0x01f0"] for a in ata)     # the sectors' data
    assert any("disk -> mfs" in x and "TASK_REPLY" in x for x in read[first:])
