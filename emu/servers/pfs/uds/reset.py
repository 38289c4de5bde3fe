"""ECONNRESET when a peer goes away (Linux's AF_UNIX rule, measured natively).

A connected STREAM or SEQPACKET socket closed while data it had received is
still unread leaves its peer a pending ECONNRESET: the peer's reads return
the peer's own buffered data first, then fail once with ECONNRESET, then
return 0. SO_ERROR reports and clears it; select shows the socket readable.
A close with an empty receive buffer stays a plain end of file.
"""
from emu.abi.errno import Errno
from emu.abi.uds import TYPES_CONNECTED
from emu.servers.server import ErrnoError
from emu.servers.pfs.uds.table import Socket


def mark(closing: Socket, peer: Socket) -> None:
    """`closing` goes away with unread data: its peer's next empty read resets.

    Called by connect.close before the peer is woken, so that a reader
    blocked on the peer wakes with ECONNRESET rather than end of file."""
    if closing.type in TYPES_CONNECTED and closing.has_data():
        peer.error = Errno.ECONNRESET


def take(sock: Socket) -> None:
    """A read found `sock`'s buffer empty: raise a pending reset, once."""
    if sock.error == Errno.ECONNRESET:
        sock.error = 0
        raise ErrnoError(Errno.ECONNRESET)
