"""The ATA disk driver (MINIX's at_wini) at endpoint DISK: block-device
requests from VFS and the file-system servers, on the primary IDE channel.

It is always registered: with no disk attached every minor answers ENXIO,
so VFS and MFS get a clear error rather than a dead endpoint. At boot
(`init`) it identifies the master and slave drives, picks the transfer mode
and reads each drive's partition table; it polls the drive (ata.py), so IRQ
14 is masked at the drive (nIEN) and never routed to it. Minors are MINIX's
for two drives (emu/abi/disk.py); sub-partitions (minors 128 and up) and
extended partitions are not served.
"""
from emu.abi import endpoints as ep
from emu.abi.com import DevReply
from emu.abi.disk import DEV_PER_DRIVE, MAX_DRIVES
from emu.abi.errno import Errno
from emu.abi.message import Message
from emu.servers.disk.ata import AtaChannel
from emu.servers.disk.drive import Drive
from emu.servers.disk.table import CALLS
from emu.servers.server import ErrnoError, Server

# Who may send to the driver: VFS and the file-system servers (MFS, PFS).
ALLOWED_SENDERS = frozenset({ep.VFS, ep.MFS, ep.PFS, *ep.MFS_MOUNTS})


class AtWini(Server):
    name = "disk"
    endpoint = ep.DISK
    CALLS = CALLS

    def __init__(self, sys) -> None:
        super().__init__(sys)
        self.trace = sys.trace
        self.channel = AtaChannel(sys)
        self.drives: list[Drive | None] = [None] * MAX_DRIVES

    def init(self) -> None:
        """Find the drives, set their transfer mode, read their partition tables."""
        self.channel.disable_interrupts()
        for unit in range(MAX_DRIVES):
            identity = self.channel.identify(unit)
            if identity is None:
                continue
            drive = Drive(self.channel, unit, identity)
            drive.specify()
            drive.partition()
            self.drives[unit] = drive

    def check_sender(self, m: Message) -> None:
        """Only VFS and the file-system servers may use the disk (ECALLDENIED,
        traced, before anything is looked at). One function, so a declarative
        per-table check in server.py can replace it."""
        if m.m_source in ALLOWED_SENDERS:
            return
        if self.trace.ipc:
            self.trace.emit("ipc", "denied", src_ep=m.m_source, dst=self.name,
                            call=hex(m.m_type & 0xFFFFFFFF))
        raise ErrnoError(Errno.ECALLDENIED)

    def device(self, minor: int) -> tuple[Drive, int]:
        """The drive and minor offset (0 whole disk, 1..4 p0..p3) of a minor."""
        if not 0 <= minor < MAX_DRIVES * DEV_PER_DRIVE:
            raise ErrnoError(Errno.ENXIO)
        drive = self.drives[minor // DEV_PER_DRIVE]
        if drive is None:
            raise ErrnoError(Errno.ENXIO)
        return drive, minor % DEV_PER_DRIVE

    def minor_at(self, lba: int, unit: int = 0) -> int | None:
        """The minor whose first sector is `lba` on drive `unit`: a partition
        starting there, else the whole disk for 0. For the boot wiring, which
        knows the root file system by the firmware's root_lba; the firmware's
        root_partition is a slot of the MBR, and MINIX numbers partitions by
        their place on the disk instead, so the two differ for a table whose
        slots are out of order."""
        drive = self.drives[unit] if 0 <= unit < MAX_DRIVES else None
        if drive is None:
            return None
        for index in range(1, DEV_PER_DRIVE):
            base, size = drive.geometry[index]
            if size and base == lba << 9:
                return unit * DEV_PER_DRIVE + index
        return unit * DEV_PER_DRIVE if lba == 0 else None

    @staticmethod
    def reply(endpoint: int, status: int) -> Message:
        return Message.of(DevReply.TASK_REPLY, m2_i1=endpoint, m2_i2=status)
