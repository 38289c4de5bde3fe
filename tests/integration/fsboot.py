"""Booting a whole system from a disk image inside a test, as `minixemu boot` will.

`boot_disk(image, *cmd)` powers on with the image, mounts its root, runs
/sbin/init with the command and returns the exit status, the console output
and the trace events asked for.
"""
import io
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
    out = io.BytesIO()
    console = HostConsole(output=out, input_data=stdin)
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
    return Boot(status, out.getvalue().decode("utf-8", "replace"), events, reason)
