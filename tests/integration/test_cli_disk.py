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
