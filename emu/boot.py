"""A whole system: the machine, its firmware, the kernel and the servers.

This is the one place that wires the layers together (like QEMU's board
set-up): power on runs the firmware, which hands the boot parameters to the
kernel; the kernel starts the servers; VFS mounts the root file system the
firmware found (through MFS and the disk driver); PM starts the first
process: a program from the host (`run`) or /sbin/init from the disk (`boot`).
At the end the file systems are written back.
"""
import os
from dataclasses import dataclass, field
from pathlib import Path

from emu.abi import bootparams
from emu.abi import endpoints as ep
from emu.abi.bootparams import DiskStatus
from emu.abi.errno import Errno, ErrnoError
from emu.debug.trace import TraceBus
from emu.kernel.kernel import NS_PER_BLOCK, Kernel
from emu.machine.board import DEFAULT_RTC_EPOCH, Machine
from emu.machine.console import HostConsole, HostOutput
from emu.machine.firmware import FirmwareRunner
from emu.machine.hostterm import host_window_size
from emu.machine.slicer import Slicer
from emu.servers.disk import AtWini
from emu.servers.mem import MemoryDriver
from emu.servers.mfs import MinixFileSystem
from emu.servers.pfs import PipeFileSystem
from emu.servers.pm import ProcessManager
from emu.servers.tty import Tty
from emu.servers.tty.server import TTY01
from emu.servers.vfs import VirtualFileSystem
from emu.servers.vfs.device import DISK_MAJOR
from emu.servers.vfs.exec import load_boot_program
from emu.servers.vfs.mount import MountError, mount_root
from emu.toolchain import paths
from emu.toolchain.guestbuild import GuestBuild
from emu.toolchain.zig import ToolchainError

INIT_PATH = "/sbin/init"
_DISK_TROUBLE = {
    DiskStatus.NO_DISK: "no disk",
    DiskStatus.NO_PARTITION_TABLE: "the disk has neither a partition table nor a MINIX file system",
    DiskStatus.NO_FILE_SYSTEM: "no MINIX v3 file system in the disk's partitions",
    DiskStatus.READ_ERROR: "the disk reported a read error",
}

# The environment a program starts with: small and fixed, never the host's.
DEFAULT_ENV = {"HOME": "/", "PATH": "/bin:/usr/bin", "SHELL": "/bin/sh", "TERM": "vt100",
               "USER": "root"}


@dataclass
class SystemConfig:
    ram_mb: int = 64
    disk: Path | None = None
    disk2: Path | None = None      # the IDE primary slave (-hdb): minors 5-9, /dev/c0d1*
    snapshot2: bool = False        # the same for the slave (the default root is always one)
    quiet_firmware: bool = False
    env: dict = field(default_factory=lambda: dict(DEFAULT_ENV))
    native_slicer: bool = True     # False: the Python fallbacks of the native hooks
                                   # (slicer.c, trapgate.c): same results, slower
    rtc_epoch: int = DEFAULT_RTC_EPOCH   # the CMOS clock's time at power on
    snapshot: bool = False         # disk writes go to a throwaway overlay (-snapshot)
    stderr_line: bool = False      # the first process's fd 2 is tty01 (COM2, host stderr)


class System:
    def __init__(self, config: SystemConfig, console: HostConsole | None = None,
                 build: GuestBuild | None = None, stderr: HostOutput | None = None) -> None:
        self.config = config
        self.build = build or GuestBuild()
        self.machine = Machine(config.ram_mb, config.disk, console, config.rtc_epoch,
                               stderr=stderr, snapshot=config.snapshot, disk2=config.disk2,
                               snapshot2=config.snapshot2)
        native = gate = None   # the Python fallbacks are exact too, only slower
        if config.native_slicer:
            try:
                native = self.build.native_library(paths.NATIVE_DIR / "slicer.c", "slicer")
                gate = self.build.native_library(paths.NATIVE_DIR / "trapgate.c", "trapgate")
            except ToolchainError:
                pass
        self.slicer = Slicer(native)
        clock, budget = self.machine.clock, self.slicer.budget
        # Inside a slice, time is the slice's start plus the blocks executed so
        # far, with the server work of the trap in progress (Ipc.charged).
        self.trace = TraceBus(
            lambda: clock.now + (budget.executed + self.kernel.ipc.charged) * NS_PER_BLOCK)
        self.kernel = Kernel(self.machine, self.trace, self.slicer, trap_gate=gate)
        sys = self.kernel.sys
        self.pm = ProcessManager(sys)
        self.vfs = VirtualFileSystem(sys, drivers=(ep.TTY, ep.MEM, ep.DISK, ep.PFS))
        machine = self.machine
        # A person at a terminal (host stdin a terminal, put in raw mode by the
        # CLI): the guest's TTY echoes, ends lines with CR LF and knows the size.
        interactive = machine.console.interactive
        self.tty = Tty(sys, echo=interactive, map_nl_to_crnl=interactive,
                       terminals=(interactive, machine.stderr.is_terminal),
                       winsize=host_window_size() if interactive else None)
        if config.stderr_line:
            self.vfs.first_stderr_minor = TTY01
        self.disk = AtWini(sys)     # always there: with no disk every minor is ENXIO
        self.mem = MemoryDriver(sys)
        self.mfs = MinixFileSystem(sys, ep.MFS)
        self.pfs = PipeFileSystem(sys)
        for server in (self.pm, self.vfs, self.tty, self.disk, self.mem, self.mfs, self.pfs):
            self.kernel.add_server(server)
        self.vfs.start_fs, self.vfs.stop_fs = self._start_fs, self._stop_fs
        self.mounted_fs: dict[int, MinixFileSystem] = {}    # the MFS of each further mount
        self.boot_params = None
        self.root_dev: int | None = None
        self.mount_error = ""        # why the disk's file system did not mount, if it did not
        self._fs_down = False

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

    def power_on(self, require_root: bool = False):
        """Run the firmware, start the kernel and the servers, and mount the
        root file system the firmware found. With `require_root` a disk
        without a file system that mounts is MountError (one line for the
        CLI); without it the system comes up with no root and `mount_error`
        says why (the firmware tests boot disks that only look like one)."""
        flags = bootparams.BOOT_FLAG_QUIET if self.config.quiet_firmware else 0
        if self.machine.console.is_terminal:
            flags |= bootparams.BOOT_FLAG_CRLF
        self.machine.bus.write(0x70, 1, bootparams.CMOS_BOOT_FLAGS)
        self.machine.bus.write(0x71, 1, flags)
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
        try:
            self.mount_root(require_root)
        except MountError as e:
            if require_root:
                raise
            self.mount_error = str(e)     # the caller decides whether that is fatal
            if self.trace.boot:
                self.trace.emit("boot", "no-root", reason=self.mount_error)
        return self.boot_params

    def mount_root(self, required: bool) -> None:
        """Mount / from what the firmware found: the first MINIX partition, or
        the whole disk when it is not partitioned. No file system is an error
        only when `required` (booting from disk); a file system that does not
        mount always is. Raises MountError (one line for the CLI)."""
        bp = self.boot_params
        if bp.disk_status == DiskStatus.FS_IN_PARTITION:
            minor = self.disk.minor_at(bp.root_lba)
        elif bp.disk_status == DiskStatus.FS_ON_WHOLE_DISK:
            minor = self.disk.minor_at(0)
        else:
            if required:
                raise MountError(f"no root file system: {_DISK_TROUBLE[bp.disk_status]}")
            return
        if minor is None:
            raise MountError(f"the disk driver found no partition at sector {bp.root_lba}")
        dev = (DISK_MAJOR << 8) | minor
        try:
            mount_root(self.vfs, ep.MFS, dev)
        except MountError as e:
            why = self.mfs.last_error
            raise MountError(f"{e}{' (' + why + ')' if why else ''}") from None
        self.root_dev = dev

    def start(self, image: bytes, argv: list[str], name: str | None = None) -> int:
        """Start the first user process (pid 1) from an executable image."""
        # os.fsencode: arguments from the host may hold bytes that are not UTF-8.
        envp = [os.fsencode(f"{k}={v}") for k, v in self.config.env.items()]
        args = [os.fsencode(a) for a in argv]
        return self.pm.start_init(image, args, envp, name or Path(argv[0]).name)

    def _start_fs(self) -> int:
        """A fresh MFS for a mount (MINIX's RS starting one); ENFILE when all are busy."""
        for endpoint in ep.MFS_MOUNTS:
            if endpoint not in self.mounted_fs:
                fs = MinixFileSystem(self.kernel.sys, endpoint)
                fs.name = ep.SYSTEM_NAMES[endpoint]
                self.mounted_fs[endpoint] = fs
                self.kernel.add_server(fs)
                return endpoint
        raise ErrnoError(Errno.ENFILE, "no file system server left for another mount")

    def _stop_fs(self, endpoint: int) -> None:
        fs = self.mounted_fs.pop(endpoint, None)
        if fs is not None:
            fs.shutdown()
            self.kernel.remove_server(endpoint)

    def start_from_disk(self, command: list[str] | None = None,
                        init: str = INIT_PATH) -> int:
        """`boot`: PM runs /sbin/init from the root file system as pid 1, with
        `command` (program and arguments, found through PATH) as its arguments;
        init opens the console itself and exits with the command's status."""
        if self.root_dev is None:
            raise MountError("no root file system mounted")
        try:
            image = load_boot_program(self.vfs, init.encode())
        except ErrnoError as e:
            raise MountError(f"cannot run {init} from the root file system: {e}") from None
        envp = [os.fsencode(f"{k}={v}") for k, v in self.config.env.items()]
        argv = [init.encode()] + [os.fsencode(a) for a in (command or [])]
        return self.pm.start_init(image, argv, envp, Path(init).name, console=False)

    def run(self) -> int:
        try:
            return self.kernel.run()
        finally:
            self.sync_file_systems()
            self.machine.console.flush()
            self.machine.stderr.flush()

    def sync_file_systems(self) -> str:
        """Write every mounted file system back (the end of a run); returns ""
        or why it failed, in one line. Safe to call more than once."""
        if self._fs_down or self.root_dev is None:
            return ""
        try:
            self.vfs.shutdown()
        except ErrnoError as e:
            return f"sync failed: {e}"
        for fs in self.mounted_fs.values():
            fs.shutdown()
        return self.mfs.shutdown()

    def close(self) -> None:
        self.sync_file_systems()
        self._fs_down = True
        self.kernel.close()
        self.machine.shutdown()
