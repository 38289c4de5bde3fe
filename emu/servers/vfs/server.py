"""The VFS server: processes' file state, open files, vnodes, mounts, devices.

VFS owns the descriptor tables, the open-file table (filp.py), the vnode
and mount tables and the device map; the file system servers (MFS) own the
inodes and blocks, and drivers the devices. Everything between them is a
traced message (request.py for file systems, device.py for drivers).
"""
from emu.abi import endpoints as ep
from emu.abi.errno import Errno
from emu.abi.fcntl import HZ
from emu.abi.message import Message
from emu.servers.server import ErrnoError, Server
from emu.servers.vfs.device import default_dmap, dev_close
from emu.servers.vfs.filp import FILP_FS, FILP_PIPE, Filp, FilpTable
from emu.servers.vfs.fproc import FProc
from emu.servers.vfs.request import req_putnode
from emu.servers.vfs.table import CALLS
from emu.servers.vfs.vmnt import VmntTable
from emu.servers.vfs.vnode import VnodeTable


class VirtualFileSystem(Server):
    name = "vfs"
    endpoint = ep.VFS
    CALLS = CALLS

    def __init__(self, sys, drivers=(ep.TTY,)) -> None:
        super().__init__(sys)
        self.fprocs: dict[int, FProc] = {}
        self.first_stderr_minor = 0   # the TTY minor of the first process's fd 2
        self.filps = FilpTable()
        self.vnodes = VnodeTable(lambda fs_e, ino, count: req_putnode(self, fs_e, ino, count))
        self.vmnts = VmntTable()
        self.dmap = default_dmap(set(drivers))
        self.exec_pending: dict[int, tuple] = {}   # endpoint -> (grant, uid, gid)
        self.select_waits: dict[tuple, dict] = {}  # (driver, minor) -> {select.SelectEntry: None}
        self.start_fs = None     # () -> endpoint of a fresh file system server (mount)
        self.stop_fs = lambda fs_e: None
        self.serving: int | None = None   # the process a driver request is for (pfs_calls)

    def caller(self, m: Message) -> FProc:
        fp = self.fprocs.get(m.m_source)
        if fp is None:
            raise ErrnoError(Errno.EPERM, f"unknown caller {m.m_source}")
        return fp

    def root_vnode(self):
        for vmp in self.vmnts:
            if vmp.mounted_on is None:
                return vmp.root
        return None

    def now(self) -> int:
        """The current time in seconds since the epoch (for utime and synthetic stats)."""
        return self.sys.boot_time() + self.sys.uptime() // HZ

    def put_filp(self, filp: Filp) -> None:
        """Drop one reference to an open file; the last one closes it."""
        filp.count -= 1
        if filp.count > 0:
            return
        self.filps.free(filp)
        if filp.kind == FILP_PIPE:
            from emu.servers.vfs.pipe import pipe_closed
            pipe_closed(self, filp)
        elif filp.kind != FILP_FS:
            dev_close(self, filp.major, filp.minor)
        self.vnodes.put(filp.vnode)

    def forget_exec(self, endpoint: int) -> None:
        pending = self.exec_pending.pop(endpoint, None)
        if pending is not None:
            self.sys.revoke(ep.VFS, pending[0])

    def shutdown(self) -> None:
        """Write every file system back (power off, reboot, the end of a run)."""
        from emu.servers.vfs.misc import sync_all
        sync_all(self)
