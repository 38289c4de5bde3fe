"""Connections (MINIX's uds connect/accept/listen/socketpair/shutdown/close).

connect finds a listener of the same type bound to the same canonical path:
if it is blocked in accept both sides connect at once, otherwise the
connector takes a backlog slot and waits for accept (EINPROGRESS when
non-blocking). accept happens on a fresh clone of /dev/uds naming the
listener by its address, as 3.1.8's library does. Closing a socket ends
what depends on it: its peer sees end of file (ECONNRESET first if data
it had received was unread: reset.py), its writers EPIPE, the connectors in
its backlog ECONNREFUSED.
"""
from emu.abi.errno import Errno
from emu.abi.uds import (SHUT_RD, SHUT_RDWR, SHUT_WR, SOCK_DGRAM, SOCK_SEQPACKET, SOCK_STREAM,
                         TYPES_CONNECTED, UDS_SOMAXCONN)
from emu.servers.server import ErrnoError
from emu.servers.pfs.uds import reset, transfer
from emu.servers.pfs.uds.table import Socket, Waiter

WAIT = transfer.WAIT


def _join(uds, a: Socket, b: Socket) -> None:
    a.peer, b.peer = b, a
    a.was_connected = b.was_connected = True
    a.peer_cred, b.peer_cred = uds.cred(b.owner), uds.cred(a.owner)


def do_pair(uds, sock: Socket, other_minor: int, endpoint: int) -> int:
    other = uds.table.get(other_minor)
    if sock.type not in TYPES_CONNECTED:
        raise ErrnoError(Errno.EPROTOTYPE if sock.type == SOCK_DGRAM else Errno.EINVAL)
    if other is sock or other.type != sock.type or other.peer or sock.peer:
        raise ErrnoError(Errno.EINVAL)
    if other.owner != sock.owner:
        raise ErrnoError(Errno.EPERM)
    _join(uds, sock, other)
    return 0


def do_listen(uds, sock: Socket, backlog: int) -> int:
    if sock.type == SOCK_DGRAM:
        raise ErrnoError(Errno.EOPNOTSUPP)
    if sock.type not in TYPES_CONNECTED or not sock.addr or sock.peer is not None:
        raise ErrnoError(Errno.EINVAL)
    backlog = max(0, min(backlog, UDS_SOMAXCONN))
    sock.backlog_size = max(backlog, sock.backlog_size) if sock.listening else backlog
    sock.listening = True
    return 0


def do_connect(uds, sock: Socket, path: bytes, w: Waiter, nonblock: bool):
    if sock.type == SOCK_DGRAM:
        raise ErrnoError(Errno.EINVAL)
    if sock.peer is not None:
        raise ErrnoError(Errno.EISCONN)
    if sock.connecting is not None:
        raise ErrnoError(Errno.EALREADY)
    if sock.listening:
        raise ErrnoError(Errno.EINVAL)
    listener = uds.table.bound(path, (sock.type,))
    if listener is None or not listener.listening:
        raise ErrnoError(Errno.ECONNREFUSED)
    if listener.acceptors:
        acceptor = listener.acceptors.popleft()
        _accept_now(uds, listener, acceptor, sock)
        return 0
    if len(listener.backlog) >= listener.backlog_size:
        raise ErrnoError(Errno.ECONNREFUSED)
    listener.backlog.append(sock)
    sock.connecting = listener
    uds.select_changed(listener)
    if nonblock:
        sock.nonblock_connect = True
        raise ErrnoError(Errno.EINPROGRESS)
    sock.connector = w
    return WAIT


def _accept_now(uds, listener: Socket, acceptor: Waiter, client: Socket) -> None:
    """Join the waiting accept's new socket to `client` and answer it."""
    new = uds.table.slots[acceptor.count]   # the accepting clone's minor rides in count
    if new is None:
        raise ErrnoError(Errno.ECONNREFUSED)
    _join(uds, new, client)
    new.addr = listener.addr
    uds.revive(acceptor.endpoint, 0)


def do_accept(uds, new: Socket, path: bytes, w: Waiter, nonblock: bool):
    listener = uds.table.bound(path, TYPES_CONNECTED)
    if listener is None or not listener.listening:
        raise ErrnoError(Errno.EINVAL)
    new.type = listener.type
    while listener.backlog:
        client = listener.backlog.popleft()
        client.connecting = None
        _join(uds, new, client)
        new.addr = listener.addr
        if client.connector is not None:
            uds.revive(client.connector.endpoint, 0)
            client.connector = None
        client.nonblock_connect = False
        uds.select_changed(client)
        return 0
    if nonblock:
        raise ErrnoError(Errno.EAGAIN)
    w.count = new.minor
    listener.acceptors.append(w)
    return WAIT


def do_shutdown(uds, sock: Socket, how: int) -> int:
    if sock.type not in TYPES_CONNECTED:
        raise ErrnoError(Errno.EINVAL)
    if how not in (SHUT_RD, SHUT_WR, SHUT_RDWR):
        raise ErrnoError(Errno.EINVAL)
    if sock.peer is None:
        raise ErrnoError(Errno.ENOTCONN)
    if how in (SHUT_RD, SHUT_RDWR):
        sock.shut_rd = True
        transfer.wake_readers(uds, sock)
        transfer.wake_writers(uds, sock)
    if how in (SHUT_WR, SHUT_RDWR):
        sock.shut_wr = True
        transfer.wake_readers(uds, sock.peer)
    return 0


def close(uds, sock: Socket) -> None:
    """The last reference to the socket is gone."""
    peer = sock.peer
    sock.peer = None
    if peer is not None:
        reset.mark(sock, peer)
        peer.peer = None
        peer.peer_gone = True
        transfer.wake_readers(uds, peer)
        transfer.wake_writers(uds, peer)
        uds.select_changed(peer)
    transfer.fail_waiters(uds, sock, Errno.EPIPE)
    while sock.backlog:
        client = sock.backlog.popleft()
        client.connecting = None
        client.error = Errno.ECONNREFUSED
        if client.connector is not None:
            uds.revive(client.connector.endpoint, -Errno.ECONNREFUSED)
            client.connector = None
        uds.select_changed(client)
    while sock.acceptors:
        uds.revive(sock.acceptors.popleft().endpoint, -Errno.ECONNREFUSED)
    if sock.connecting is not None:
        listener = sock.connecting
        if sock in listener.backlog:
            listener.backlog.remove(sock)
    uds.ancillary.drop(sock)
    uds.table.free(sock)


__all__ = ["do_pair", "do_listen", "do_connect", "do_accept", "do_shutdown", "close",
           "SOCK_SEQPACKET", "SOCK_STREAM"]
