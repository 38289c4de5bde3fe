"""`minixemu mkimage OUT [--size MiB] [--add HOSTDIR[:GUESTDIR]]` as a user runs it."""
import shutil
import subprocess

from emu.image import mbr
from emu.image.mkimage import partition_bytes

FSCK = shutil.which("fsck.minix") or "/sbin/fsck.minix"


def test_mkimage_writes_a_clean_partitioned_disk(run, tmp_path):
    extra = tmp_path / "extra"
    (extra / "docs").mkdir(parents=True)
    (extra / "docs" / "readme").write_text("hello\n")
    out = tmp_path / "disk.img"
    r = run("mkimage", out, "--size", "64", "--add", f"{extra}:/opt")
    assert r.status == 0, r.err
    raw = out.read_bytes()
    assert len(raw) == 64 << 20
    assert mbr.partitions(raw[:512])[0][0] == 0x81
    if shutil.os.path.exists(FSCK):
        part = tmp_path / "part.img"
        part.write_bytes(partition_bytes(raw))
        f = subprocess.run([FSCK, "-fl", str(part)], capture_output=True, text=True)
        assert f.returncode == 0, f.stdout
        lines = f.stdout.splitlines()
        for path in ("/opt/docs/readme", "/sbin/init", "/etc/passwd", "/dev/console"):
            assert path in lines


def test_mkimage_mistakes_are_one_line(run, tmp_path):
    r = run("mkimage", tmp_path / "x.img", "--add", tmp_path / "missing")
    assert r.status == 2 and r.err.count("\n") == 1 and "not a directory" in r.err
    r = run("mkimage", tmp_path / "x.img", "--size", "1")
    assert r.status == 2 and "too small" in r.err
    assert not (tmp_path / "x.img").exists()
