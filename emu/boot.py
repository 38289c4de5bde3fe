"""A whole system: the machine, its firmware, the kernel and the servers.

This is the one place that wires the layers together (like QEMU's board
set-up): power on runs the firmware, which hands the boot parameters to the
kernel; the kernel starts the servers; PM starts the first process.
"""
from dataclasses import dataclass, field
from pathlib import Path

from emu.abi import bootparams
from emu.debug.trace import TraceBus
from emu.kernel.kernel import NS_PER_BLOCK, Kernel
from emu.machine.board import Machine
from emu.machine.console import HostConsole
from emu.machine.firmware import FirmwareRunner
from emu.machine.slicer import Slicer
from emu.servers.disk import AtWini
from emu.servers.pm import ProcessManager
from emu.servers.tty import Tty
from emu.servers.vfs import VirtualFileSystem
from emu.toolchain import paths
from emu.toolchain.guestbuild import GuestBuild
from emu.toolchain.zig import ToolchainError

# The environment a program starts with: small and fixed, never the host's.
DEFAULT_ENV = {"HOME": "/", "PATH": "/bin:/usr/bin", "SHELL": "/bin/sh", "TERM": "vt100",
               "USER": "root"}


@dataclass
class SystemConfig:
    ram_mb: int = 64
    disk: Path | None = None
    quiet_firmware: bool = False
    env: dict = field(default_factory=lambda: dict(DEFAULT_ENV))
    native_slicer: bool = True     # False: the Python fallback (exact, slower)


class System:
    def __init__(self, config: SystemConfig, console: HostConsole | None = None,
                 build: GuestBuild | None = None) -> None:
        self.config = config
        self.build = build or GuestBuild()
        self.machine = Machine(config.ram_mb, config.disk, console)
        native = None   # the Python slicer is exact too, only slower
        if config.native_slicer:
            try:
                native = self.build.native_library(paths.NATIVE_DIR / "slicer.c", "slicer")
            except ToolchainError:
                pass
        self.slicer = Slicer(native)
        clock, budget = self.machine.clock, self.slicer.budget
        # Inside a slice, time is the slice's start plus the blocks executed so far.
        self.trace = TraceBus(lambda: clock.now + budget.executed * NS_PER_BLOCK)
        self.kernel = Kernel(self.machine, self.trace, self.slicer)
        sys = self.kernel.sys
        self.pm = ProcessManager(sys)
        self.vfs = VirtualFileSystem(sys)
        self.tty = Tty(sys, echo=False, map_nl_to_crnl=False)
        self.disk = AtWini(sys)     # always there: with no disk every minor is ENXIO
        for server in (self.pm, self.vfs, self.tty, self.disk):
            self.kernel.add_server(server)
        self.boot_params = None

    def watch_devices(self) -> None:
        """Publish every port access (`-d dev`); costly, so only when asked."""
        trace = self.trace
        if not trace.dev:
            return

        def observe(d: str, port: int, size: int, value: int, device: str) -> None:
            if d in ("ins", "outs"):     # a string transfer: value is the unit count
                trace.emit("dev", d, device=device, port=port, size=size, count=value)
            else:
                trace.emit("dev", d, device=device, port=port, size=size, value=value)
        self.machine.bus.observer = observe

    def power_on(self):
        """Run the firmware and start the kernel and the servers."""
        if self.config.quiet_firmware:
            self.machine.bus.write(0x70, 1, bootparams.CMOS_BOOT_FLAGS)
            self.machine.bus.write(0x71, 1, bootparams.BOOT_FLAG_QUIET)
        self.watch_devices()
        firmware = self.build.firmware().read_bytes()
        runner = FirmwareRunner(self.machine, self.slicer, self.trace, NS_PER_BLOCK)
        self.boot_params = runner.run(firmware)
        if self.trace.boot:
            bp = self.boot_params
            self.trace.emit("boot", "kernel", mem_kb=bp.mem_kb, disk=bp.disk_status.name,
                            rtc=bp.rtc_time)
        self.kernel.start(self.boot_params.rtc_time)
        self.tty.init()
        self.disk.init()
        return self.boot_params

    def start(self, image: bytes, argv: list[str], name: str | None = None) -> int:
        """Start the first user process (pid 1) from an executable image."""
        envp = [f"{k}={v}".encode() for k, v in self.config.env.items()]
        args = [a.encode() for a in argv]
        return self.pm.start_init(image, args, envp, name or Path(argv[0]).name)

    def run(self) -> int:
        try:
            return self.kernel.run()
        finally:
            self.machine.console.flush()

    def close(self) -> None:
        self.kernel.close()
        self.machine.shutdown()
