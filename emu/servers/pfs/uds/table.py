"""The socket table of /dev/uds (MINIX's uds_fd_table): slots and their state.

Each open of /dev/uds clones a minor (1..255); its Socket holds the type, the
receive buffer (bytes for a stream, whole messages for SEQPACKET and DGRAM),
the connection (peer, backlog), the bound address, and the processes blocked
on it. Plain data with no emulator under it: connect.py, transfer.py and
ancillary.py change it, devio.py turns the changes into messages.
"""
from collections import deque
from dataclasses import dataclass, field

from emu.abi.errno import Errno
from emu.abi.uds import NR_SOCKETS, SOCK_DGRAM, SOCK_SEQPACKET, SOCK_STREAM, UDS_BUF
from emu.servers.server import ErrnoError

TYPES = (SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET)


@dataclass(slots=True, eq=False)
class Waiter:
    """A process blocked in a call on a socket, with what it asked for."""
    endpoint: int
    call: int            # DevRequest (DEV_READ, DEV_WRITE, DEV_IOCTL)
    address: int = 0     # the user's buffer
    count: int = 0
    request: int = 0     # the ioctl (connect, accept) for DEV_IOCTL
    flags: int = 0       # MSG_* of a send/recv (MSG_PEEK, MSG_NOSIGNAL)


@dataclass(slots=True, eq=False)
class Socket:
    minor: int
    owner: int                          # endpoint that opened it (credentials)
    type: int = 0                       # 0 until socket() sets it
    buf: bytearray = field(default_factory=bytearray)      # STREAM data
    msgs: deque = field(default_factory=deque)             # (data, source, ancillary)
    queued: int = 0                     # bytes in msgs
    peer: "Socket | None" = None
    was_connected: bool = False         # a stream that had a peer (EOF, not ENOTCONN)
    peer_gone: bool = False             # the peer closed
    addr: bytes = b""                   # bound canonical path
    target: bytes = b""                 # DGRAM: where writes go (sendto / connect)
    source: bytes = b""                 # DGRAM: where the last message read came from
    listening: bool = False
    backlog_size: int = 0
    backlog: deque = field(default_factory=deque)          # Sockets waiting for accept
    connecting: "Socket | None" = None  # the listener a pending connect waits on
    shut_rd: bool = False
    shut_wr: bool = False
    error: int = 0                      # SO_ERROR, cleared on read
    peer_cred: tuple = (0, 0, 0)        # (pid, uid, gid) of the peer at connect
    readers: deque = field(default_factory=deque)          # Waiter
    writers: deque = field(default_factory=deque)
    acceptors: deque = field(default_factory=deque)
    connector: "Waiter | None" = None   # the blocked connect of this socket
    nonblock_connect: bool = False      # a connect in progress (EINPROGRESS)
    select_ops: int = 0                 # SEL_* operations VFS wants to hear about
    ctl_in: deque = field(default_factory=deque)           # ancillary records sent to us
    in_flight: int = 0                  # descriptors held for this socket's reader
    cred_from: int | None = None        # endpoint of the last writer into it (SCM_CREDENTIALS)
    next_flags: dict = field(default_factory=dict)         # endpoint -> MSG_* for its next transfer

    def used(self) -> int:
        return len(self.buf) if self.type == SOCK_STREAM else self.queued

    def room(self) -> int:
        return UDS_BUF - self.used()

    def has_data(self) -> bool:
        return bool(self.buf) if self.type == SOCK_STREAM else bool(self.msgs)


class SocketTable:
    def __init__(self, size: int = NR_SOCKETS) -> None:
        self.slots: list[Socket | None] = [None] * (size + 1)     # slot 0 is /dev/uds

    def alloc(self, owner: int) -> Socket:
        for minor in range(1, len(self.slots)):
            if self.slots[minor] is None:
                sock = Socket(minor, owner)
                self.slots[minor] = sock
                return sock
        raise ErrnoError(Errno.ENFILE)

    def get(self, minor: int) -> Socket:
        sock = self.slots[minor] if 0 < minor < len(self.slots) else None
        if sock is None:
            raise ErrnoError(Errno.EINVAL, f"no socket at minor {minor}")
        return sock

    def free(self, sock: Socket) -> None:
        if self.slots[sock.minor] is sock:
            self.slots[sock.minor] = None

    def bound(self, path: bytes, types: tuple = TYPES) -> Socket | None:
        """The live socket bound to a canonical path, if any."""
        for sock in self.slots:
            if sock is not None and sock.addr == path and sock.type in types:
                return sock
        return None

    def in_use(self) -> int:
        return sum(1 for s in self.slots if s is not None)
