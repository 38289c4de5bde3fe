"""Ancillary data on sockets (MINIX's uds send_fds/recv_fds/recv_cred): SCM_RIGHTS
and SCM_CREDENTIALS.

PFS cannot touch descriptors: for each fd a sendmsg carries it asks VFS, in
nested calls while VFS waits on it, to check the sender's fd (VERIFY_FD: the
open file's id) and take an in-flight reference (SET_FILP) that keeps the
file open whatever the sender does next. The ids wait in the receiving
socket's queue (at most MAX_IN_FLIGHT, else EOVERFLOW); the receiver's next
recvmsg has VFS install each in its lowest free slot (COPY_FILP) and drops
the in-flight reference (PUT_FILP). Closing a socket with ids still queued
drops their references, so nothing leaks and nothing closes early.

What does not fit the receiver's control buffer (or its descriptor table) is
closed and the call reports MSG_CTRUNC, as Linux does (spec: "pick one").
Every recvmsg with room left gets one SCM_CREDENTIALS record: the pid and
effective ids of the process that last wrote into the socket, from PM (a
sender cannot choose them; what it puts in its own SCM_CREDENTIALS is
ignored). PM is asked at the recvmsg, not at every write (the write path
stays one message): a writer that changed its ids in between is reported
with its new ones, one that exited as pid 0, uid 65535.
"""
from collections import deque

from emu.abi import endpoints as ep
from emu.abi.com import PfsVfsCall
from emu.abi.errno import Errno
from emu.abi.message import Message
from emu.abi.uds import (CMSGHDR, MAX_IN_FLIGHT, MSG_CONTROL, MSG_CONTROL_MAX, MSG_CTRUNC,
                         SCM_CREDENTIALS, SCM_RIGHTS, SOL_SOCKET, UCRED, cmsg_align, cmsg_len,
                         cmsg_space)
from emu.servers.server import ErrnoError
from emu.servers.pfs.uds.table import Socket

# Nested-call fields (m2): the process and fd, or an open file's id.
NC_ENDPT, NC_FD, NC_FILP = "m2_i1", "m2_i2", "m2_i3"


class Ancillary:
    def __init__(self, uds) -> None:
        self.uds = uds
        self.in_flight = 0          # in-flight references held, all sockets (leak check)

    # -- the nested calls ------------------------------------------------------
    def _vfs(self, call: int, **fields) -> int:
        reply = self.uds.sys.sendrec(self.uds.endpoint, ep.VFS, Message.of(call, **fields))
        if reply.m_type < 0:
            raise ErrnoError(-reply.m_type)
        return reply.m_type

    def _put(self, filp_id: int) -> None:
        self.in_flight -= 1
        self._vfs(PfsVfsCall.PUT_FILP, **{NC_FILP: filp_id})

    # -- sendmsg -----------------------------------------------------------------
    def send_control(self, sock: Socket, dest: Socket, endpoint: int, raw: bytes) -> int:
        """NWIOSUDSCTRL: take the descriptors of a sendmsg's SCM_RIGHTS records
        in flight to `dest`'s next recvmsg."""
        control, length = MSG_CONTROL.unpack(raw)
        if length > MSG_CONTROL_MAX:
            raise ErrnoError(Errno.ENOMEM)
        fds = []
        for level, kind, data in _records(control[:length]):
            if level != SOL_SOCKET:
                raise ErrnoError(Errno.EINVAL)
            if kind == SCM_RIGHTS:
                fds += [int.from_bytes(data[i:i + 4], "little", signed=True)
                        for i in range(0, len(data) - len(data) % 4, 4)]
            elif kind != SCM_CREDENTIALS:          # the system supplies credentials
                raise ErrnoError(Errno.EINVAL)
        if not fds:
            return 0
        if dest.in_flight + len(fds) > MAX_IN_FLIGHT:
            raise ErrnoError(Errno.EOVERFLOW)
        taken: list[int] = []
        try:
            for fd in fds:
                fid = self._vfs(PfsVfsCall.VERIFY_FD, **{NC_ENDPT: endpoint, NC_FD: fd})
                self._vfs(PfsVfsCall.SET_FILP, **{NC_FILP: fid})
                self.in_flight += 1
                taken.append(fid)
        except ErrnoError:
            for fid in taken:
                self._put(fid)
            raise
        dest.ctl_in.append(deque(taken))
        dest.in_flight += len(taken)
        return 0

    def sent(self, sock: Socket, dest: Socket, endpoint: int) -> None:
        """A write from `endpoint` reached `dest`: its credentials go with it.
        Hot path (bench/: UDS ping-pong): only the writer's endpoint is kept;
        PM is asked when a recvmsg wants the credentials, not on every write."""
        dest.cred_from = endpoint

    # -- recvmsg -----------------------------------------------------------------
    def recv_control(self, sock: Socket, endpoint: int, raw: bytes) -> tuple[bytes, int]:
        """NWIOGUDSCTRL: (the filled struct msg_control, MSG_CTRUNC or 0)."""
        room = min(MSG_CONTROL.unpack(raw)[1], MSG_CONTROL_MAX)
        out = bytearray()
        flags = 0
        if sock.ctl_in:
            fids = sock.ctl_in.popleft()
            sock.in_flight -= len(fids)
            fit = max(0, (room - cmsg_len(0)) // 4) if room >= cmsg_len(0) else 0
            installed: list[int] = []
            while fids:
                fid = fids.popleft()
                fd = None
                if len(installed) < fit:
                    try:
                        fd = self._vfs(PfsVfsCall.COPY_FILP, **{NC_ENDPT: endpoint, NC_FILP: fid})
                    except ErrnoError:
                        fd = None
                self._put(fid)             # the in-flight reference goes either way
                if fd is None:
                    flags = MSG_CTRUNC
                else:
                    installed.append(fd)
            if installed:
                data = b"".join(fd.to_bytes(4, "little") for fd in installed)
                out += _record(SCM_RIGHTS, data)
        if sock.cred_from is not None and room - len(out) >= cmsg_space(UCRED.size):
            out += _record(SCM_CREDENTIALS, UCRED.pack(*self.uds.cred(sock.cred_from)))
        return MSG_CONTROL.pack(bytes(out), len(out)), flags

    def drop(self, sock: Socket) -> None:
        """`sock` is closing: release every descriptor still in flight to it."""
        while sock.ctl_in:
            fids = sock.ctl_in.popleft()
            for fid in fids:
                self._put(fid)
        sock.in_flight = 0


def _records(control: bytes):
    """(level, type, data) of each cmsghdr in a control buffer; EINVAL if malformed."""
    off = 0
    while off + CMSGHDR.size <= len(control):
        length, level, kind = CMSGHDR.unpack_from(control, off)
        if length < CMSGHDR.size or off + length > len(control):
            raise ErrnoError(Errno.EINVAL)
        yield level, kind, control[off + cmsg_align(CMSGHDR.size):off + length]
        off += cmsg_align(length)


def _record(kind: int, data: bytes) -> bytes:
    body = CMSGHDR.pack(cmsg_len(len(data)), SOL_SOCKET, kind) + data
    return body + bytes(cmsg_align(len(body)) - len(body))
