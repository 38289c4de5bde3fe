"""The VFS server: per-process descriptor tables and the open-file table."""
from emu.abi import endpoints as ep
from emu.abi.errno import Errno
from emu.abi.message import Message
from emu.servers.server import ErrnoError, Server
from emu.servers.vfs.device import dev_close
from emu.servers.vfs.fproc import Filp, FProc
from emu.servers.vfs.table import CALLS


class VirtualFileSystem(Server):
    name = "vfs"
    endpoint = ep.VFS
    CALLS = CALLS

    def __init__(self, sys) -> None:
        super().__init__(sys)
        self.fprocs: dict[int, FProc] = {}
        self.first_stderr_minor = 0   # the TTY minor of the first process's fd 2

    def caller(self, m: Message) -> FProc:
        fp = self.fprocs.get(m.m_source)
        if fp is None:
            raise ErrnoError(Errno.EPERM, f"unknown caller {m.m_source}")
        return fp

    def put_filp(self, filp: Filp) -> None:
        """Drop one reference to an open file; the last one closes the device."""
        filp.count -= 1
        if filp.count == 0:
            dev_close(self, filp.major, filp.minor)
