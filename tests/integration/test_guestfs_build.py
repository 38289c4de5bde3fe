"""The file-system guest tests stay buildable, and their scratch disk is sound.

They run inside the emulator through tests/integration/guestfs.py once VFS
serves the file system; until then these check what can be checked today:
every program compiles warning-free for the guest and installs into an
image, and adding fs_mount's scratch partition leaves two file systems that
pass Linux fsck.minix, the first one byte for byte unchanged.
"""
import shutil
import subprocess

from elftools.elf.elffile import ELFFile

from emu.image import mbr
from emu.image.mkimage import build_image
from emu.image.tree import Dir, File, Tree
from emu.toolchain.guestbuild import GUEST_CFLAGS
from emu.toolchain.zig import run_zig
from tests.integration import guestfs

FSCK = shutil.which("fsck.minix") or "/sbin/fsck.minix"


def test_every_fs_guest_test_compiles_without_warnings(build, tmp_path):
    for src in guestfs.sources():
        run_zig(["cc", *GUEST_CFLAGS, "-Wextra", "-Werror", "-O2", *build.include_flags(),
                 "-c", str(src), "-o", str(tmp_path / f"{src.stem}.o")], f"compiling {src.name}")


def test_every_fs_guest_test_links_into_an_i386_program(build):
    programs = guestfs.build_programs(build)
    assert set(programs) == {*guestfs.TESTS, *guestfs.HELPERS}
    for name, path in programs.items():
        with open(path, "rb") as f:
            elf = ELFFile(f)
            assert elf["e_machine"] == "EM_386" and elf["e_type"] == "ET_EXEC", name
            symbols = {s.name for s in elf.get_section_by_name(".symtab").iter_symbols()}
        assert "main" in symbols, name
    assert guestfs.command("fs_mount") == ["/usr/tests/fs_mount", "/dev/c0d0p1"]


def _fsck(path, *flags):
    return subprocess.run([FSCK, "-f", *flags, str(path)], capture_output=True, text=True)


def test_scratch_partition_is_added_beside_an_untouched_root(build, tmp_path):
    tree = Tree()
    tree.add("/tmp", Dir(mode=0o1777))
    for name, elf in guestfs.build_programs(build).items():
        tree.add(f"/usr/tests/{name}", File(mode=0o755, data=elf))
    root = build_image(tmp_path / "root.img", 24, tree)
    disk = guestfs.with_scratch_partition(root, tmp_path / "fs.img")
    before, raw = root.read_bytes(), disk.read_bytes()
    parts = [(t, s, n) for t, s, n in mbr.partitions(raw[:mbr.SECTOR]) if n]
    assert len(parts) == 2 and all(t == mbr.MINIX_PARTITION for t, _s, _n in parts)
    (_t0, s0, n0), (_t1, s1, n1) = parts
    assert n1 == guestfs.SCRATCH_MIB << 11 and s1 >= s0 + n0 and s1 % 2048 == 0
    assert raw[mbr.SECTOR:(s0 + n0) * mbr.SECTOR] == before[mbr.SECTOR:(s0 + n0) * mbr.SECTOR]
    assert len(raw) == (s1 + n1) * mbr.SECTOR
    for i, (start, count) in enumerate(((s0, n0), (s1, n1))):
        part = tmp_path / f"p{i}.img"
        part.write_bytes(raw[start * mbr.SECTOR:(start + count) * mbr.SECTOR])
        assert _fsck(part).returncode == 0, _fsck(part).stdout
        listing = _fsck(part, "-l").stdout
        if i == 0:
            for name in [*guestfs.TESTS, *guestfs.HELPERS]:
                assert f"/usr/tests/{name}" in listing
        else:
            assert "/usr" not in listing                # empty but for its root
