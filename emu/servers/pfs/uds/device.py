"""The /dev/uds device state PFS holds, and its ways out: revive, nested VFS calls.

One UdsDevice per PFS: the socket table, the ancillary-data bookkeeping, and
the few things the socket logic asks of the system (answer a process that
waited, ask VFS to check a path, read a process's credentials).
"""
from emu.abi import endpoints as ep
from emu.abi.com import (DEV_REPLY, PM_NUCRED_ENDPT, PM_NUCRED_GID, PM_NUCRED_UID, DevReply, PfsVfsCall,
                         PmServerRequest)
from emu.abi.errno import Errno
from emu.abi.message import Message
from emu.abi.uds import SUN_PATH_MAX
from emu.kernel.grants import READ, WRITE
from emu.servers.server import ErrnoError
from emu.abi.select import DEV_SEL_REPL
from emu.servers.pfs.uds import select
from emu.servers.pfs.uds.ancillary import Ancillary
from emu.servers.pfs.uds.table import SocketTable

# CHECK_PERMS fields (m2): the process, a grant of PFS's path buffer, its length.
CP_ENDPT, CP_GRANT, CP_LEN = "m2_i1", "m2_i2", "m2_i3"
_DEV_REVIVE = int(DevReply.DEV_REVIVE)     # REP_ENDPT, REP_STATUS: who and the result


class UdsDevice:
    def __init__(self, sys, endpoint: int = ep.PFS) -> None:
        self.sys = sys
        self.endpoint = endpoint
        self.table = SocketTable()
        self.ancillary = Ancillary(self)

    def revive(self, endpoint: int, status: int) -> None:
        """A call that waited is finished: tell VFS (DEV_REVIVE), which answers it."""
        self.sys.send(self.endpoint, ep.VFS, DEV_REPLY.new(_DEV_REVIVE, endpoint, status))

    def select_changed(self, sock) -> None:
        """Readiness of `sock` may have changed: report what VFS asked to hear
        about and is now ready (DEV_SEL_REPL, emu/abi/select.py)."""
        if not sock.select_ops:
            return
        ready = select.ready(sock) & sock.select_ops
        if ready:
            sock.select_ops &= ~ready
            self.sys.send(self.endpoint, ep.VFS, Message.of(DEV_SEL_REPL, m2_i1=sock.minor,
                                                            m2_i2=ready))

    def cred(self, endpoint: int) -> tuple:
        """(pid, effective uid, effective gid) of a process, from PM (getnucred):
        what SO_PEERCRED and SCM_CREDENTIALS report, which nobody can forge."""
        reply = self.sys.sendrec(self.endpoint, ep.PM, Message.of(
            PmServerRequest.PM_GETNUCRED, **{PM_NUCRED_ENDPT: endpoint}))
        if reply.m_type < 0:
            return (0, -1, 0xFF)           # gone: nobody (pid 0, uid_t -1)
        uid = getattr(reply, PM_NUCRED_UID) & 0xFFFF
        return (reply.m_type, uid - 0x10000 if uid >= 0x8000 else uid,   # uid_t is a short
                getattr(reply, PM_NUCRED_GID) & 0xFF)

    def check_perms(self, endpoint: int, path: bytes) -> bytes:
        """VFS checks `endpoint` may read and write the socket file at `path`
        and gives back its absolute canonical path (a nested call)."""
        buf = bytearray(SUN_PATH_MAX)
        buf[:len(path)] = path
        gid = self.sys.grant_buffer(self.endpoint, ep.VFS, buf, READ | WRITE)
        try:
            m = Message.of(PfsVfsCall.CHECK_PERMS, **{CP_ENDPT: endpoint, CP_GRANT: gid,
                                                      CP_LEN: len(path)})
            reply = self.sys.sendrec(self.endpoint, ep.VFS, m)
        finally:
            self.sys.revoke(self.endpoint, gid)
        if reply.m_type < 0:
            raise ErrnoError(-reply.m_type)
        n = reply.m_type
        if not 0 < n < SUN_PATH_MAX:
            raise ErrnoError(Errno.ENAMETOOLONG)
        return bytes(buf[:n])
