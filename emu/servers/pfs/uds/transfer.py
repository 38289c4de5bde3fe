"""Data transfer on sockets (MINIX's uds_perform_read/write): read, write, and wake-ups.

A STREAM socket's receive buffer is bytes; SEQPACKET and DGRAM queue whole
messages (a read returns at most one, the rest of it is dropped). A write is
all or nothing: larger than the buffer is EMSGSIZE, one that does not fit
waits (or EAGAIN). Writers wait on the socket whose buffer they fill, readers
on their own, so a read wakes that socket's writers and a write its readers.
The 3.1.8 bug that left readers blocked for ever is fixed: a peer that is gone
or shut down for writing means end of file once the buffer is drained (after
one ECONNRESET if it left with data unread: reset.py).
"""
from emu.abi.com import DevRequest
from emu.abi.errno import Errno
from emu.abi.signals import Signal
from emu.abi.uds import MSG_NOSIGNAL, MSG_PEEK, SOCK_DGRAM, SOCK_STREAM, UDS_BUF
from emu.servers.server import ErrnoError
from emu.servers.pfs.uds import reset
from emu.servers.pfs.uds.table import Socket, Waiter

WAIT = None      # the call must wait: a Waiter was queued


def destination(uds, sock: Socket, consume: bool = True) -> Socket:
    """Where a write on `sock` goes: its peer, or a DGRAM's target."""
    if sock.shut_wr:
        raise ErrnoError(Errno.EPIPE)
    if sock.type == SOCK_DGRAM:
        # The target a sendto set serves that one write (DGRAM sockets do not
        # connect): a write without an address is EDESTADDRREQ.
        target = sock.target
        if consume:
            sock.target = b""
        if not target:
            raise ErrnoError(Errno.EDESTADDRREQ)
        dest = uds.table.bound(target, (SOCK_DGRAM,))
        if dest is None:
            raise ErrnoError(Errno.ENOENT)
        return dest
    peer = sock.peer
    if peer is None:
        raise ErrnoError(Errno.EPIPE if sock.was_connected else Errno.ENOTCONN)
    if peer.shut_rd:
        raise ErrnoError(Errno.EPIPE)
    return peer


def write(uds, sock: Socket, w: Waiter, nonblock: bool):
    """The bytes written, or WAIT with `w` queued on the destination."""
    if w.count > UDS_BUF:
        raise ErrnoError(Errno.EMSGSIZE)
    dest = destination(uds, sock)
    if w.count == 0 and sock.type == SOCK_STREAM:
        return 0
    if dest.room() < w.count or dest.writers:
        if nonblock:
            raise ErrnoError(Errno.EAGAIN)
        dest.writers.append((sock, w))
        return WAIT
    return _put(uds, sock, dest, w)


def _put(uds, sock: Socket, dest: Socket, w: Waiter) -> int:
    data = uds.sys.copy_from(w.endpoint, w.address, w.count) if w.count else b""
    if dest.type == SOCK_STREAM:
        dest.buf += data
    else:
        dest.msgs.append((data, sock.addr))
        dest.queued += len(data)
    uds.ancillary.sent(sock, dest, w.endpoint)
    wake_readers(uds, dest)
    return len(data)


def read(uds, sock: Socket, w: Waiter, nonblock: bool):
    """The bytes read (0 at end of file), or WAIT with `w` queued."""
    if sock.shut_rd:
        raise ErrnoError(Errno.EPIPE)
    if sock.has_data():
        return _take(uds, sock, w)
    if sock.error:
        reset.take(sock)
    if sock.type != SOCK_DGRAM:
        if sock.peer is None:
            if sock.was_connected:
                return 0
            raise ErrnoError(Errno.ENOTCONN)
        if sock.peer.shut_wr:
            return 0
    if nonblock:
        raise ErrnoError(Errno.EAGAIN)
    sock.readers.append(w)
    return WAIT


def _take(uds, sock: Socket, w: Waiter) -> int:
    if w.flags & MSG_PEEK:
        data = bytes(sock.buf[:w.count]) if sock.type == SOCK_STREAM else sock.msgs[0][0][:w.count]
        if data:
            uds.sys.copy_to(w.endpoint, w.address, data)
        return len(data)
    if sock.type == SOCK_STREAM:
        n = min(w.count, len(sock.buf))
        if n:
            uds.sys.copy_to(w.endpoint, w.address, bytes(sock.buf[:n]))
        del sock.buf[:n]
    else:
        data, source = sock.msgs[0]
        n = min(w.count, len(data))
        if n:
            uds.sys.copy_to(w.endpoint, w.address, data[:n])
        sock.msgs.popleft()
        sock.queued -= len(data)
        sock.source = source
    wake_writers(uds, sock)
    return n


def wake_readers(uds, sock: Socket) -> None:
    """Data, end of file or an error reached `sock`: answer its blocked readers."""
    while sock.readers:
        w = sock.readers[0]
        try:
            status = read(uds, sock, w, nonblock=True)
        except ErrnoError as e:
            if e.errno == Errno.EAGAIN:
                break
            status = -e.errno
        sock.readers.popleft()
        uds.revive(w.endpoint, status)
    if sock.select_ops:
        uds.select_changed(sock)


def wake_writers(uds, sock: Socket) -> None:
    """Room appeared in `sock`'s buffer (or it went away): answer its writers."""
    while sock.writers:
        writer, w = sock.writers[0]
        try:
            if writer.type != SOCK_DGRAM and destination(uds, writer) is not sock:
                raise ErrnoError(Errno.EPIPE)
            if sock.room() < w.count:
                break
            sock.writers.popleft()
            status = _put(uds, writer, sock, w)
        except ErrnoError as e:
            sock.writers.popleft()
            status = -e.errno
            if e.errno == Errno.EPIPE:
                sigpipe(uds, w)
        uds.revive(w.endpoint, status)
    if sock.select_ops:
        uds.select_changed(sock)


def sigpipe(uds, w: Waiter) -> None:
    """A write hit a closed or shut-down peer: SIGPIPE too, unless MSG_NOSIGNAL."""
    if not w.flags & MSG_NOSIGNAL:
        try:
            uds.sys.kill(w.endpoint, Signal.SIGPIPE)
        except ErrnoError:
            pass             # the writer is already gone


def fail_waiters(uds, sock: Socket, errno: int) -> None:
    """`sock` is closing: whoever writes into it gets `errno` (EPIPE)."""
    while sock.writers:
        _writer, w = sock.writers.popleft()
        if errno == Errno.EPIPE:
            sigpipe(uds, w)
        uds.revive(w.endpoint, -errno)
    while sock.readers:
        w = sock.readers.popleft()
        uds.revive(w.endpoint, -Errno.EBADF)


def cancel(sock: Socket, endpoint: int) -> bool:
    """Take `endpoint`'s blocked calls off the socket (a signal, an exit)."""
    found = False
    for queue in (sock.readers, sock.acceptors):
        for w in list(queue):
            if w.endpoint == endpoint:
                queue.remove(w)
                found = True
    for item in list(sock.writers):
        if item[1].endpoint == endpoint:
            sock.writers.remove(item)
            found = True
    if sock.connector is not None and sock.connector.endpoint == endpoint:
        sock.connector = None
        found = True
    return found


__all__ = ["WAIT", "read", "write", "wake_readers", "wake_writers", "fail_waiters", "cancel",
           "DevRequest"]
