"""Booting a whole system from a disk image inside a test, as `minixemu boot` will.

`boot_disk(image, *cmd)` powers on with the image, mounts its root, runs
/sbin/init with the command and returns the exit status, the console output
and the trace events asked for.
"""
import shutil
from dataclasses import dataclass, field

from emu.boot import System, SystemConfig
from emu.image.default import default_image
from emu.machine.console import HostConsole


@dataclass
class Boot:
    status: int
    out: str
    events: list = field(default_factory=list)
    reason: str = ""

    @property
    def lines(self) -> list[str]:
        return self.out.replace("\r\n", "\n").splitlines()


def fresh_image(build, tmp_path, name: str = "disk.img"):
    """A private copy of the default image (writes must not reach the cache)."""
    path = tmp_path / name
    shutil.copy(default_image(build), path)
    return path


def boot_disk(build, image, *command: str, trace=(), stdin: bytes | None = None,
              setup=None) -> Boot:
    console = HostConsole(input_data=stdin)
    system = System(SystemConfig(disk=image, quiet_firmware=True), console, build=build)
    events: list = []
    try:
        if trace:
            system.trace.subscribe(events.append, set(trace))
        system.power_on(require_root=True)
        system.start_from_disk(list(command))
        if setup is not None:
            setup(system)
        status = system.run()
        reason = system.kernel.halt_reason
    finally:
        system.close()
    return Boot(status, console.take_output().decode("utf-8", "replace"), events, reason)


def two_partition_image(build, path, second_mib: int = 4):
    """The default image's root file system in partition 1 (c0d0p0) and a small
    second file system holding /hello in partition 2 (c0d0p1)."""
    from emu.image import mbr
    from emu.image.fsbuild import make_fs
    from emu.image.mkimage import partition_bytes
    from emu.image.tree import Dir, File, Tree

    root_fs = partition_bytes(default_image(build).read_bytes())
    tree = Tree()
    tree.add("/hello", File(data=b"from the second partition\n"))
    tree.add("/sub", Dir())
    second = make_fs(tree, second_mib * 1024)
    first_start = mbr.PARTITION_START
    second_start = first_start + len(root_fs) // mbr.SECTOR
    sector0 = bytearray(mbr.mbr(first_start, len(root_fs) // mbr.SECTOR))
    entry = bytearray(mbr.mbr(second_start, len(second) // mbr.SECTOR))[446:462]
    entry[0] = 0                                   # not the active one
    sector0[462:478] = entry
    with open(path, "wb") as f:
        f.write(sector0)
        f.seek(first_start * mbr.SECTOR)
        f.write(root_fs)
        f.write(second)
    return path
