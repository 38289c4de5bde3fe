"""Running the file-system guest tests (guest/tests/fs_*.c) inside the emulator.

They are ordinary guest test programs, so an image that installs every
guest/tests program in /usr/tests (the default image does) holds them, with
exec_child, the program fs_exec starts. fs_mount also needs a second, small,
empty file system: `with_scratch_partition` copies an image and adds one as
partition 1 (/dev/c0d0p1). A test passes when it exits 0 and its last line
is "ok"; every program leaves the disk as it found it, so one image serves a
whole session. The boot itself is the caller's (a function that boots an
image, runs a command as init's child and returns its status and lines):

    image = guestfs.with_scratch_partition(default_image(build), tmp_path / "fs.img")
    for name in guestfs.TESTS:
        guestfs.check(name, *boot(image, *guestfs.command(name)))
"""
import shutil
from pathlib import Path
from typing import Callable

from emu.abi import minixfs
from emu.image import mbr
from emu.image.fsbuild import make_fs
from emu.image.tree import Tree
from emu.toolchain.guestbuild import GuestBuild
from emu.toolchain.paths import GUEST_DIR

SCRATCH_DEVICE = "/dev/c0d0p1"      # block major 3, minor 2: the disk's partition 1
SCRATCH_MIB = 2

# The programs and the arguments each one is run with.
TESTS: dict[str, list[str]] = {
    "fs_files": [],
    "fs_dirs": [],
    "fs_inodes": [],
    "fs_perms": [],
    "fs_exec": ["/usr/tests/exec_child"],
    "fs_pwd": [],
    "fs_mount": [SCRATCH_DEVICE],
}
HELPERS = ["exec_child"]

Boot = Callable[..., tuple[int, list[str]]]


def sources() -> list[Path]:
    """Every guest test program of the file system, helpers included."""
    return [GUEST_DIR / "tests" / f"{name}.c" for name in [*TESTS, *HELPERS]]


def build_programs(build: GuestBuild) -> dict[str, Path]:
    """name -> the ELF of each program, built (and cached) as the image builder does."""
    return {src.stem: build.program([src], build.root / "guest" / "bin" / f"tests-{src.stem}")
            for src in sources()}


def command(name: str) -> list[str]:
    """The command line that runs test `name` on the test image."""
    return [f"/usr/tests/{name}", *TESTS[name]]


def with_scratch_partition(image: Path, out: Path, mib: int = SCRATCH_MIB) -> Path:
    """A copy of image with an empty MINIX file system of `mib` MiB added after
    its last partition, as the first free entry of the partition table."""
    shutil.copyfile(image, out)
    with open(out, "r+b") as f:
        sector0 = bytearray(f.read(mbr.SECTOR))
        parts = mbr.partitions(bytes(sector0))
        if not parts:
            raise ValueError(f"{image}: no partition table")
        slot = next((i for i, (_t, _s, n) in enumerate(parts) if n == 0), None)
        if slot is None:
            raise ValueError(f"{image}: no free partition entry")
        start = max(s + n for _t, s, n in parts)
        start = (start + 2047) // 2048 * 2048
        sectors = mib << 11
        block = minixfs.LINUX_BLOCK_SIZE
        entry = bytes((0, *mbr.chs(start), mbr.MINIX_PARTITION, *mbr.chs(start + sectors - 1)))
        entry += start.to_bytes(4, "little") + sectors.to_bytes(4, "little")
        sector0[446 + 16 * slot:446 + 16 * (slot + 1)] = entry
        f.seek(0)
        f.write(sector0)
        f.seek(start * mbr.SECTOR)
        f.write(make_fs(Tree(), sectors * mbr.SECTOR // block, block))
        f.truncate((start + sectors) * mbr.SECTOR)
    return out


def passed(status: int, lines: list[str]) -> bool:
    return status == 0 and lines[-1:] == ["ok"]


def check(name: str, status: int, lines: list[str]) -> None:
    """Fail with the program's output unless it passed."""
    assert passed(status, lines), f"{name}: exit {status}\n" + "\n".join(lines)


def run_all(boot: Boot, image: Path) -> dict[str, tuple[int, list[str]]]:
    """Run every test on image with `boot(image, *command)`; name -> (status, lines)."""
    return {name: boot(image, *command(name)) for name in TESTS}
