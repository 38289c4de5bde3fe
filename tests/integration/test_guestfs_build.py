"""The file-system guest tests stay buildable, and their disk is a sound image.

They run inside the emulator through tests/integration/guestfs.py once VFS
serves the file system; until then these check what can be checked today:
every program compiles warning-free for the guest, and the test disk passes
Linux fsck.minix with the tree the programs expect.
"""
import shutil
import subprocess

from elftools.elf.elffile import ELFFile

from emu.image import mbr
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


def test_test_disk_holds_two_clean_file_systems(build, tmp_path):
    disk = guestfs.test_disk(tmp_path / "fs.img", build)
    raw = disk.read_bytes()
    parts = [(t, s, n) for t, s, n in mbr.partitions(raw[:mbr.SECTOR]) if n]
    assert [(t, n) for t, _s, n in parts] == [
        (mbr.MINIX_PARTITION, guestfs.ROOT_MIB << 11),
        (mbr.MINIX_PARTITION, guestfs.SCRATCH_MIB << 11)]
    for i, (_t, start, count) in enumerate(parts):
        part = tmp_path / f"p{i}.img"
        part.write_bytes(raw[start * mbr.SECTOR:(start + count) * mbr.SECTOR])
        check = subprocess.run([FSCK, "-f", str(part)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        listing = subprocess.run([FSCK, "-fl", str(part)], capture_output=True, text=True).stdout
        if i == 0:
            for name in [*guestfs.TESTS, *guestfs.HELPERS]:
                assert f"/usr/tests/{name}" in listing
            for path in ("/usr/bin/exec_child", "/etc/passwd", "/etc/group", "/home/user",
                         "/dev/c0d0p1"):
                assert path in listing
