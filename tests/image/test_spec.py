"""The default image's spec (images/default.json) and the cached image built from it."""
import json
import shutil
import subprocess

import pytest

from emu.abi import minixfs as fs
from emu.image.default import image_for
from emu.image.mkimage import partition_bytes
from emu.image.spec import DEFAULT_SPEC, SpecError, load_spec
from emu.image.tree import Device, Dir, File

FSCK = shutil.which("fsck.minix") or "/sbin/fsck.minix"


@pytest.fixture
def programs(tmp_path):
    init = tmp_path / "init"
    init.write_bytes(b"\x7fELF init")
    test = tmp_path / "t1"
    test.write_bytes(b"\x7fELF t1")
    return {"/sbin/init": init, "/usr/tests/t1": test}


def test_default_spec_has_what_the_system_needs():
    tree = load_spec().tree({})
    assert tree.get("/tmp").mode == 0o1777
    assert tree.get("/root").mode == 0o700
    home = tree.get("/home/user")
    assert (home.uid, home.gid) == (1000, 100)
    for name, kind, major, minor in [("console", "c", 4, 0), ("tty", "c", 5, 0),
                                     ("null", "c", 1, 3), ("zero", "c", 1, 5),
                                     ("c0d0", "b", 3, 0), ("c0d0p0", "b", 3, 1),
                                     ("c0d0p3", "b", 3, 4)]:
        dev = tree.get(f"/dev/{name}")
        assert isinstance(dev, Device) and (dev.kind, dev.major, dev.minor) == \
            (kind, major, minor), name
    passwd = tree.get("/etc/passwd").contents().decode()
    assert passwd.startswith("root:x:0:0:") and "user:x:1000:100:" in passwd
    assert b"users:x:100:" in tree.get("/etc/group").contents()
    assert tree.get("/etc/rc").mode == 0o755
    for d in ("/bin", "/sbin", "/usr/bin", "/usr/tests"):
        assert isinstance(tree.get(d), Dir)


def test_image_is_built_once_and_is_clean(tmp_path, programs):
    seen = []
    img = image_for(programs, tmp_path / "cache", progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1][0] == seen[-1][1]          # progress reached the total
    mtime = img.stat().st_mtime_ns
    assert image_for(programs, tmp_path / "cache") == img
    assert img.stat().st_mtime_ns == mtime               # cached, not rebuilt
    if shutil.os.path.exists(FSCK):
        part = tmp_path / "part.img"
        part.write_bytes(partition_bytes(img.read_bytes()))
        r = subprocess.run([FSCK, "-fl", str(part)], capture_output=True, text=True)
        assert r.returncode == 0, r.stdout + r.stderr
        for path in ("/sbin/init", "/usr/tests/t1", "/etc/passwd", "/dev/c0d0p0",
                     "/home/user:"):
            assert path in r.stdout.splitlines()
    raw = partition_bytes(img.read_bytes())
    sb = fs.SuperBlock.unpack(raw[1024:])
    assert sb.block_size == 1024 and sb.zones * 1024 == (128 << 20) - (1 << 20)   # size_mib


def test_a_changed_program_gives_a_new_image(tmp_path, programs):
    first = image_for(programs, tmp_path / "cache")
    programs["/usr/tests/t1"].write_bytes(b"\x7fELF t1, version 2")
    second = image_for(programs, tmp_path / "cache")
    assert second != first and second.exists() and not first.exists()


@pytest.mark.parametrize("entry,message", [
    ({"path": "/x", "type": "dir", "mode": "rwx"}, "not octal"),
    ({"path": "/x", "type": "pipe"}, "unknown type"),
    ({"path": "/x", "type": "file", "source": "nope"}, "no file"),
    ({"path": "x", "type": "dir"}, "absolute"),
    ({"path": "/x", "type": "char", "major": 300, "minor": 0}, "out of range"),
])
def test_bad_specs_are_clear(tmp_path, entry, message):
    spec = tmp_path / "bad.json"
    spec.write_text(json.dumps({"size_mib": 4, "nodes": [entry]}))
    with pytest.raises(SpecError, match=message):
        load_spec(spec)


def test_spec_sources_are_files_in_images():
    spec = load_spec(DEFAULT_SPEC)
    for f in spec.inputs():
        assert f.is_file() and DEFAULT_SPEC.parent in f.parents or f == DEFAULT_SPEC
    assert any(isinstance(n, File) for _, n in spec.nodes)


def test_the_disk_grows_with_its_contents(tmp_path):
    spec_path = tmp_path / "s.json"
    spec_path.write_text(json.dumps({"size_mib": 4, "free_mib": 2, "nodes": []}))
    spec = load_spec(spec_path)
    prog = tmp_path / "p"
    prog.write_bytes(bytes(3 << 20) + b"x")
    assert spec.disk_mib({}) == 4
    assert spec.disk_mib({"/bin/p": prog}) == 4 + 2     # 3 MiB and a byte, plus 2
    img = image_for({"/bin/p": prog}, tmp_path / "cache", spec_path)
    assert img.stat().st_size == 6 << 20
