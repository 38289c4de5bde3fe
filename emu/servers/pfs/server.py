"""The PFS server (MINIX's servers/pfs): a file system with no disk, at ep.PFS.

PFS keeps the bytes of every pipe and FIFO in memory, one PipeInode per node
VFS asked for with REQ_NEWNODE (pipe() makes one; opening a FIFO whose inode
lives on MFS maps it to one). As in MINIX 3.1.8 the work is split: VFS owns
everything about waiting (pipe_check: who may read or write now, suspending
and reviving readers and writers, EOF, EPIPE, select readiness), PFS only
stores and moves bytes (REQ_READ/REQ_WRITE with a grant of the user's buffer)
and says how many are left. Unix domain sockets (emu/servers/pfs/uds, issue
8) live here too, as a character device VFS talks to with the driver
protocol and DEV_SELECT (emu/abi/select.py).
"""
from emu.abi import endpoints as ep
from emu.abi.errno import Errno
from emu.servers.pfs.pipe import PipeInode
from emu.servers.pfs.table import CALLS
from emu.servers.pfs.uds.device import UdsDevice
from emu.servers.server import ErrnoError, Server


class PipeFileSystem(Server):
    name = "pfs"
    endpoint = ep.PFS
    CALLS = CALLS

    def __init__(self, sys) -> None:
        super().__init__(sys)
        self.inodes: dict[int, PipeInode] = {}
        self._next_ino = 1
        self.uds = UdsDevice(sys, self.endpoint)     # /dev/uds: the sockets

    def new_inode(self, mode: int, uid: int, gid: int, dev: int) -> PipeInode:
        ino = self._next_ino
        self._next_ino += 1
        ip = PipeInode(ino, mode, uid, gid, dev)
        self.inodes[ino] = ip
        return ip

    def inode(self, ino: int) -> PipeInode:
        ip = self.inodes.get(ino)
        if ip is None:
            raise ErrnoError(Errno.EINVAL, f"no pipe inode {ino}")
        return ip
