"""The UDS state machine on its own (emu/servers/pfs/uds): no emulator, a fake
system whose user memory is a dict, so each rule is checked in isolation."""
import pytest

from emu.abi.com import DevRequest
from emu.abi.errno import Errno, ErrnoError
from emu.abi.uds import SOCK_DGRAM, SOCK_SEQPACKET, SOCK_STREAM, UDS_BUF
from emu.servers.pfs.uds import connect, select, transfer
from emu.servers.pfs.uds.ancillary import Ancillary
from emu.servers.pfs.uds.table import SocketTable, Waiter


class FakeUds:
    def __init__(self):
        self.table = SocketTable()
        self.ancillary = Ancillary(self)
        self.mem: dict[tuple, bytes] = {}
        self.revived: list[tuple] = []
        self.sys = self

    def copy_from(self, endpoint, address, n):
        return self.mem[(endpoint, address)][:n]

    def copy_to(self, endpoint, address, data):
        self.mem[(endpoint, address)] = bytes(data)

    def revive(self, endpoint, status):
        self.revived.append((endpoint, status))

    def select_changed(self, sock):
        pass

    def cred(self, endpoint):
        return (endpoint, 0, 0)


def _pair(uds, kind=SOCK_STREAM):
    a, b = uds.table.alloc(100), uds.table.alloc(100)
    a.type = b.type = kind
    connect.do_pair(uds, a, b.minor, 100)
    return a, b


def _write(uds, sock, data, ep=100, nonblock=False):
    uds.mem[(ep, 0x1000)] = data
    return transfer.write(uds, sock, Waiter(ep, DevRequest.DEV_WRITE, 0x1000, len(data)),
                          nonblock)


def _read(uds, sock, n, ep=100, nonblock=True):
    got = transfer.read(uds, sock, Waiter(ep, DevRequest.DEV_READ, 0x2000, n), nonblock)
    return got, uds.mem.get((ep, 0x2000), b"")[:got] if isinstance(got, int) else b""


def test_stream_has_no_boundaries_and_eof_after_close():
    uds = FakeUds()
    a, b = _pair(uds)
    assert _write(uds, a, b"abc") == 3 and _write(uds, a, b"de") == 2
    assert _read(uds, b, 4) == (4, b"abcd")
    connect.close(uds, a)
    assert _read(uds, b, 4) == (1, b"e")          # buffered data first
    assert _read(uds, b, 4)[0] == 0               # then end of file
    with pytest.raises(ErrnoError) as e:
        _write(uds, b, b"x")
    assert e.value.errno == Errno.EPIPE


def test_seqpacket_keeps_boundaries_and_drops_the_rest():
    uds = FakeUds()
    a, b = _pair(uds, SOCK_SEQPACKET)
    _write(uds, a, b"one")
    _write(uds, a, b"three")
    assert _read(uds, b, 10) == (3, b"one")
    assert _read(uds, b, 2) == (2, b"th")
    with pytest.raises(ErrnoError) as e:
        _read(uds, b, 2)
    assert e.value.errno == Errno.EAGAIN


def test_full_buffer_blocks_the_writer_until_a_read():
    uds = FakeUds()
    a, b = _pair(uds)
    assert _write(uds, a, bytes(UDS_BUF)) == UDS_BUF
    assert select.ready(a) & 2 == 0                 # not writable now
    assert _write(uds, a, b"more", ep=101) is transfer.WAIT
    with pytest.raises(ErrnoError) as e:
        _write(uds, a, bytes(UDS_BUF + 1))
    assert e.value.errno == Errno.EMSGSIZE
    _read(uds, b, UDS_BUF)
    assert uds.revived == [(101, 4)]               # the blocked writer finished


def test_blocked_reader_wakes_with_eof_when_the_peer_closes():
    uds = FakeUds()
    a, b = _pair(uds)
    assert _read(uds, b, 1, ep=102, nonblock=False)[0] is transfer.WAIT
    connect.close(uds, a)
    assert uds.revived == [(102, 0)]


def _errno(fn, *args, **kw) -> int:
    with pytest.raises(ErrnoError) as e:
        fn(*args, **kw)
    return e.value.errno


@pytest.mark.parametrize("kind", [SOCK_STREAM, SOCK_SEQPACKET])
def test_close_with_unread_data_resets_the_peer_once(kind):
    """Linux's AF_UNIX rule (measured natively, reset.py): the peer reads its
    own data, then ECONNRESET once, then end of file; writes stay EPIPE."""
    uds = FakeUds()
    a, b = _pair(uds, kind)
    _write(uds, b, b"to-a")                         # a never reads this
    _write(uds, a, b"to-b")
    connect.close(uds, a)
    assert select.ready(b) & 3 == 3                 # readable (and writable: EPIPE)
    assert _read(uds, b, 10) == (4, b"to-b")        # b's own data first
    assert _errno(_write, uds, b, b"x") == Errno.EPIPE   # the reset stays pending
    assert _errno(_read, uds, b, 10) == Errno.ECONNRESET
    assert _read(uds, b, 10)[0] == 0                # then end of file, for good
    assert _read(uds, b, 10)[0] == 0


def test_close_with_an_empty_buffer_is_plain_eof():
    uds = FakeUds()
    a, b = _pair(uds)
    _write(uds, b, b"xy")
    assert _read(uds, a, 2) == (2, b"xy")           # a read everything it got
    connect.close(uds, a)
    assert b.error == 0 and _read(uds, b, 10)[0] == 0


def test_seqpacket_record_cut_short_is_consumed_so_no_reset():
    """A SEQPACKET read takes the whole record (the rest is dropped), so the
    buffer is empty at the close: end of file, as on Linux."""
    uds = FakeUds()
    a, b = _pair(uds, SOCK_SEQPACKET)
    _write(uds, b, b"long record")
    assert _read(uds, a, 2) == (2, b"lo")
    connect.close(uds, a)
    assert _read(uds, b, 10)[0] == 0


def test_blocked_reader_wakes_with_econnreset_and_so_error_clears_it():
    from emu.servers.pfs.uds import options
    uds = FakeUds()
    a, b = _pair(uds)
    _write(uds, b, b"unread")
    assert _read(uds, b, 1, ep=102, nonblock=False)[0] is transfer.WAIT
    assert _read(uds, b, 1, ep=103, nonblock=False)[0] is transfer.WAIT
    connect.close(uds, a)
    assert uds.revived == [(102, -Errno.ECONNRESET), (103, 0)]   # once, then EOF

    a, b = _pair(uds)
    _write(uds, b, b"unread")
    connect.close(uds, a)
    assert select.ready(b) & 1
    assert options.take_error(b) == (Errno.ECONNRESET).to_bytes(4, "little")
    assert options.take_error(b) == bytes(4)        # reported once, cleared
    assert _read(uds, b, 10)[0] == 0


def test_connect_backlog_accept_and_refusal():
    uds = FakeUds()
    srv = uds.table.alloc(1)
    srv.type, srv.addr = SOCK_STREAM, b"/tmp/s"
    connect.do_listen(uds, srv, 1)
    c1, c2 = uds.table.alloc(2), uds.table.alloc(3)
    c1.type = c2.type = SOCK_STREAM
    w = Waiter(2, DevRequest.DEV_IOCTL)
    assert connect.do_connect(uds, c1, b"/tmp/s", w, False) is transfer.WAIT
    assert select.ready(srv) & 1                    # readable: a pending connection
    with pytest.raises(ErrnoError) as e:
        connect.do_connect(uds, c2, b"/tmp/s", Waiter(3, DevRequest.DEV_IOCTL), False)
    assert e.value.errno == Errno.ECONNREFUSED      # the backlog (1) is full
    new = uds.table.alloc(1)
    assert connect.do_accept(uds, new, b"/tmp/s", Waiter(1, DevRequest.DEV_IOCTL), False) == 0
    assert uds.revived == [(2, 0)] and new.peer is c1 and new.addr == b"/tmp/s"
    with pytest.raises(ErrnoError) as e:
        connect.do_connect(uds, c2, b"/tmp/nobody", Waiter(3, DevRequest.DEV_IOCTL), False)
    assert e.value.errno == Errno.ECONNREFUSED


def test_dgram_write_needs_an_address_each_time():
    uds = FakeUds()
    s, r = uds.table.alloc(1), uds.table.alloc(2)
    s.type = r.type = SOCK_DGRAM
    s.addr, r.addr = b"/a", b"/b"
    s.target = b"/b"
    assert _write(uds, s, b"hi") == 2
    assert _read(uds, r, 10) == (2, b"hi") and r.source == b"/a"
    with pytest.raises(ErrnoError) as e:
        _write(uds, s, b"again")
    assert e.value.errno == Errno.EDESTADDRREQ


def test_nested_calls_are_only_for_pfs_while_vfs_waits():
    """VFS's table takes the PFS->VFS calls only as nested calls, and each
    handler refuses a nested caller that is not PFS, or no served process."""
    from types import SimpleNamespace

    from emu.abi import endpoints as ep
    from emu.abi.com import PfsVfsCall
    from emu.abi.message import Message
    from emu.servers.server import Senders
    from emu.servers.vfs import pfs_calls
    from emu.servers.vfs.table import CALLS
    for call in PfsVfsCall:
        assert CALLS[call][1] == Senders.NESTED, call.name
    vfs = SimpleNamespace(serving=None, fprocs={}, filps=None)
    for source in (ep.MFS, ep.TTY, ep.PFS):
        m = Message.of(PfsVfsCall.VERIFY_FD, m2_i1=1, m2_i2=0)
        m.m_source = source
        with pytest.raises(ErrnoError) as e:
            pfs_calls.do_verify_fd(vfs, m)
        assert e.value.errno == Errno.ECALLDENIED      # not PFS, or nobody being served


def test_in_flight_limit_and_references():
    """At most 255 descriptors in flight per receiving socket (EOVERFLOW), a
    control buffer over 1020 bytes is ENOMEM, and closing the receiving socket
    drops every in-flight reference it held (PUT_FILP per descriptor)."""
    from emu.abi.com import PfsVfsCall
    from emu.abi.message import Message
    from emu.abi.uds import CMSGHDR, MSG_CONTROL, SCM_RIGHTS, SOL_SOCKET, cmsg_len

    uds = FakeUds()
    calls = []

    def sendrec(src, dst, m):
        calls.append((m.m_type, m.m2_i3))
        return Message.of(7 if m.m_type == PfsVfsCall.VERIFY_FD else 0)
    uds.endpoint = 9
    uds.sys.sendrec = sendrec
    a, b = _pair(uds)

    def control(fds):
        data = b"".join(fd.to_bytes(4, "little") for fd in fds)
        rec = CMSGHDR.pack(cmsg_len(len(data)), SOL_SOCKET, SCM_RIGHTS) + data
        return MSG_CONTROL.pack(rec, len(rec))
    uds.ancillary.send_control(a, b, 100, control([3, 4]))
    assert uds.ancillary.in_flight == 2 and b.in_flight == 2
    b.in_flight = 254
    with pytest.raises(ErrnoError) as e:
        uds.ancillary.send_control(a, b, 100, control([3, 4]))
    assert e.value.errno == Errno.EOVERFLOW
    with pytest.raises(ErrnoError) as e:
        uds.ancillary.send_control(a, b, 100, MSG_CONTROL.pack(b"", 2000))
    assert e.value.errno == Errno.ENOMEM
    calls.clear()
    connect.close(uds, b)
    assert calls == [(PfsVfsCall.PUT_FILP, 7), (PfsVfsCall.PUT_FILP, 7)]
    assert uds.ancillary.in_flight == 0


def test_backlog_is_at_most_64_and_listen_again_grows_it():
    """listen(sd, n) takes n as given up to 64 (UDS_SOMAXCONN); a second listen
    may grow it; a connect that finds the backlog full is refused."""
    uds = FakeUds()
    srv = uds.table.alloc(1)
    srv.type, srv.addr = SOCK_STREAM, b"/tmp/s"
    connect.do_listen(uds, srv, 2)
    connect.do_listen(uds, srv, 1)                  # does not shrink it
    assert srv.backlog_size == 2
    connect.do_listen(uds, srv, 1000)
    for i in range(64):
        c = uds.table.alloc(10 + i)
        c.type = SOCK_STREAM
        assert connect.do_connect(uds, c, b"/tmp/s", Waiter(10 + i, DevRequest.DEV_IOCTL),
                                  False) is transfer.WAIT
    late = uds.table.alloc(99)
    late.type = SOCK_STREAM
    assert _errno(connect.do_connect, uds, late, b"/tmp/s",
                  Waiter(99, DevRequest.DEV_IOCTL), False) == Errno.ECONNREFUSED
