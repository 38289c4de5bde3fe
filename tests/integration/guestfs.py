"""Running the file-system guest tests (guest/tests/fs_*.c) inside the emulator.

`test_disk` writes a disk holding the guest test programs in /usr/tests (and
exec_child in /usr/bin too), /etc/passwd and /etc/group with root and the user
1000, /home/user owned by 1000, /tmp with mode 1777, /dev nodes, plus a small
empty second partition for fs_mount's EXDEV/EBUSY/EROFS/ENOSPC checks;
`run_test` runs one program as the first process on that disk and `check`
says whether it passed (exit 0 and a last line "ok"). Every program leaves
the disk as it found it, so one disk serves a whole session.

    disk = guestfs.test_disk(tmp_path / "fs.img", build)
    guestfs.check(guestfs.run_test("fs_files", disk))
"""
from pathlib import Path

from emu.abi import minixfs
from emu.image import mbr
from emu.image.fsbuild import make_fs
from emu.image.tree import Device, Dir, File, Tree
from emu.toolchain.guestbuild import GuestBuild
from emu.toolchain.paths import GUEST_DIR
from tests.conftest import Result, minixemu

USER_UID, USER_GID = 1000, 100      # guest/tests/fstest.h
DISK_MAJOR = 3                      # minor 0 the disk, 1..4 its partitions
SCRATCH_DEVICE = "/dev/c0d0p1"      # the second partition: fs_mount's playground
ROOT_MIB, SCRATCH_MIB = 24, 2

# The programs and the arguments each one is run with.
TESTS: dict[str, list[str]] = {
    "fs_files": [],
    "fs_dirs": [],
    "fs_inodes": [],
    "fs_perms": [],
    "fs_exec": ["/usr/bin/exec_child"],
    "fs_pwd": [],
    "fs_mount": [SCRATCH_DEVICE],
}
HELPERS = ["exec_child"]

PASSWD = (b"root:*:0:0:Charlie &:/root:/bin/sh\n"
          b"user:*:1000:100:Test User:/home/user:/bin/sh\n")
GROUP = b"operator:*:0:root\nusers:*:100:user\n"


def sources() -> list[Path]:
    """Every guest test program of the file system, helpers included."""
    return [GUEST_DIR / "tests" / f"{name}.c" for name in [*TESTS, *HELPERS]]


def build_programs(build: GuestBuild) -> dict[str, Path]:
    """name -> the ELF of each program, built (and cached) with the guest toolchain."""
    return {src.stem: build.program([src], build.root / "guest" / "bin" / f"tests-{src.stem}")
            for src in sources()}


def test_tree(programs: dict[str, Path]) -> Tree:
    """What the root file system of the test disk holds."""
    tree = Tree()
    tree.add("/", Dir(mode=0o755))
    for name in ("bin", "sbin", "usr/bin", "etc", "root", "usr/tests"):
        tree.add("/" + name, Dir(mode=0o755 if name != "root" else 0o700))
    tree.add("/tmp", Dir(mode=0o1777))
    tree.add("/home", Dir(mode=0o755))
    tree.add("/home/user", Dir(mode=0o755, uid=USER_UID, gid=USER_GID))
    tree.add("/etc/passwd", File(mode=0o644, data=PASSWD))
    tree.add("/etc/group", File(mode=0o644, data=GROUP))
    tree.add("/dev", Dir(mode=0o755))
    tree.add("/dev/null", Device(mode=0o666, kind="c", major=1, minor=3))
    tree.add("/dev/zero", Device(mode=0o666, kind="c", major=1, minor=5))
    tree.add("/dev/console", Device(mode=0o600, kind="c", major=4, minor=0))
    tree.add("/dev/tty", Device(mode=0o666, kind="c", major=5, minor=0))
    tree.add("/dev/c0d0", Device(mode=0o600, kind="b", major=DISK_MAJOR, minor=0))
    for p in range(4):
        tree.add(f"/dev/c0d0p{p}", Device(mode=0o600, kind="b", major=DISK_MAJOR, minor=1 + p))
    for name, elf in programs.items():
        tree.add(f"/usr/tests/{name}", File(mode=0o755, data=elf))
    tree.add("/usr/bin/exec_child", File(mode=0o755, data=programs["exec_child"]))
    return tree


def test_disk(path: Path, build: GuestBuild) -> Path:
    """Write the test disk: p0 the root file system, p1 an empty small one."""
    block = minixfs.LINUX_BLOCK_SIZE
    root_sectors = ROOT_MIB << 11
    scratch_sectors = SCRATCH_MIB << 11
    root_fs = make_fs(test_tree(build_programs(build)), root_sectors * mbr.SECTOR // block, block)
    scratch_fs = make_fs(Tree(), scratch_sectors * mbr.SECTOR // block, block)
    p0 = mbr.PARTITION_START
    p1 = p0 + root_sectors
    sector0 = bytearray(mbr.mbr(p0, root_sectors))
    entry = bytes((0, *mbr.chs(p1), mbr.MINIX_PARTITION, *mbr.chs(p1 + scratch_sectors - 1)))
    sector0[446 + 16:446 + 32] = entry + p1.to_bytes(4, "little") + \
        scratch_sectors.to_bytes(4, "little")
    with open(path, "wb") as f:
        f.write(sector0)
        f.seek(p0 * mbr.SECTOR)
        f.write(root_fs)
        f.seek(p1 * mbr.SECTOR)
        f.write(scratch_fs)
        f.truncate((p1 + scratch_sectors) * mbr.SECTOR)
    return path


def run_test(name: str, disk: Path, timeout: float = 300) -> Result:
    """Run /usr/tests/NAME with its arguments as the first process on disk."""
    return minixemu("run", "--disk", disk, f"/usr/tests/{name}", *TESTS[name], timeout=timeout)


def passed(result: Result) -> bool:
    return result.status == 0 and result.lines[-1:] == ["ok"]


def check(result: Result) -> None:
    """Fail with the program's output unless it passed."""
    assert passed(result), f"exit {result.status}\n{result.out}\n{result.err}"
