"""The MFS server: one mounted MINIX v3 file system on one block device.

Like MINIX, one MFS instance serves one file system (VFS starts another for
each further mount; the endpoint is a constructor argument). It answers only
VFS (table.py's sender rules). Its state between requests is the super block,
the block cache and the inodes VFS holds. The system must call `shutdown()` at
power-off (before the driver goes away) so that the cache reaches the disk.
"""
from emu.abi import endpoints as ep
from emu.abi import minixfs as fs
from emu.abi.errno import Errno
from emu.abi.fcntl import HZ
from emu.abi.message import Message
from emu.abi.vfsif import FsRequest
from emu.servers.mfs.cache import CACHE_BYTES, BlockCache
from emu.servers.mfs.device import BlockDevice
from emu.servers.mfs.dirindex import DirIndex
from emu.servers.mfs.inode import InodeTable, MInode
from emu.servers.mfs.table import CALLS
from emu.servers.mfs.zone import Zones
from emu.servers.server import ErrnoError, Server

_READSUPER = int(FsRequest.REQ_READSUPER)


class MinixFileSystem(Server):
    name = "mfs"
    endpoint = ep.MFS
    CALLS = CALLS

    def __init__(self, sys, endpoint: int = ep.MFS, cache_bytes: int = CACHE_BYTES) -> None:
        super().__init__(sys)
        self.endpoint = endpoint
        self.trace = sys.trace
        self.cache_bytes = cache_bytes
        self.last_error = ""          # why the last mount failed, one line
        # With nothing mounted every request but REQ_READSUPER is EINVAL: a
        # second table with the same sender rules, swapped in by attach and
        # detach, so a request costs no extra check (bench: stat of a path).
        self.mounted_table = self.table
        self.unmounted_table = {nr: (h if nr == _READSUPER else self._not_mounted, senders)
                                for nr, (h, senders) in self.table.items()}
        self.detach()

    @staticmethod
    def _not_mounted(m: Message):
        raise ErrnoError(Errno.EINVAL, "nothing mounted yet")

    # -- the mounted file system -----------------------------------------------
    def attach(self, device: BlockDevice, dev: int, sb: fs.SuperBlock, cache: BlockCache,
               readonly: bool, is_root: bool) -> None:
        self.device, self.dev, self.sb, self.cache = device, dev, sb, cache
        self.readonly, self.is_root = readonly, is_root
        self.inodes = InodeTable(self)
        self.zones = Zones(self)
        self.dirindex = DirIndex(self)
        self.last_error = ""
        self.table = self.mounted_table
        if self.trace.boot:
            self.trace.emit("boot", "mount", fs=self.name, dev=f"{dev >> 8},{dev & 0xFF}",
                            blocks=sb.zones, block_size=sb.block_size, inodes=sb.ninodes)

    def detach(self) -> None:
        self.device = None
        self.dev = 0
        self.sb: fs.SuperBlock | None = None
        self.cache: BlockCache | None = None
        self.inodes: InodeTable | None = None
        self.zones: Zones | None = None
        self.dirindex: DirIndex | None = None
        self.readonly = False
        self.is_root = False
        self.table = self.unmounted_table

    def mount_failed(self, why: str) -> None:
        self.last_error = why
        if self.trace.boot:
            self.trace.emit("boot", "mount-failed", fs=self.name, why=why)

    # -- helpers the handlers share --------------------------------------------
    def held_inode(self, num: int) -> MInode:
        """An inode VFS holds a reference to (every request names one), else EINVAL."""
        ip = self.inodes.find(num)
        if ip is None:
            raise ErrnoError(Errno.EINVAL, f"inode {num} is not in use")
        return ip

    def writable(self) -> None:
        if self.readonly:
            raise ErrnoError(Errno.EROFS)

    def now(self) -> int:
        return self.sys.boot_time() + self.sys.uptime() // HZ

    # -- write-back ------------------------------------------------------------
    def sync(self) -> None:
        if self.cache is not None:
            self.cache.flush()

    def unmount(self) -> None:
        self.sync()
        self.device.close()
        self.cache.invalidate()
        self.detach()

    def shutdown(self) -> str:
        """Write the cache back at power-off; returns "" or why it failed (one line)."""
        try:
            self.sync()
        except ErrnoError as e:
            return f"mfs: write-back failed: {e}"
        return ""
