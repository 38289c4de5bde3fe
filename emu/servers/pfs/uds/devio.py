"""/dev/uds's driver requests (MINIX's uds_open/close/read/write/ioctl/cancel/select).

VFS sends the character driver protocol; every socket call arrives as an
ioctl on the socket's own minor (the libc turns socket calls into ioctls, as
3.1.8's does). A call that must wait answers SUSPEND and is finished later
by a DEV_REVIVE to VFS. Each request's argument size comes from its code.
"""
from emu.abi import uds as U
from emu.abi.com import (COUNT, DEV_REPLY, DEV_REQUEST, DEVICE, FLG_OP_NONBLOCK, IO_ENDPT,
                         POSITION, SUSPEND, DevReply, DevRequest)
from emu.abi.errno import Errno
from emu.abi.ioctl import IOC_IN, IOC_OUT, IOCPARM_MASK
from emu.abi.message import Message
from emu.servers.server import ErrnoError
from emu.abi.select import SEL_NOTIFY, SEL_OPS
from emu.servers.pfs.uds import addr, connect, options, select, transfer
from emu.servers.pfs.uds.table import Waiter


_TASK_REPLY = int(DevReply.TASK_REPLY)
_pack_reply = DEV_REPLY.pack_into


def _reply(endpoint: int, status: int) -> Message:
    return DEV_REPLY.new(_TASK_REPLY, endpoint, status)


def _status(result) -> int:
    return SUSPEND if result is transfer.WAIT else result


def do_open(pfs, m: Message):
    endpoint = getattr(m, IO_ENDPT)
    if getattr(m, DEVICE) != 0:
        return _reply(endpoint, -Errno.ENXIO)
    try:
        sock = pfs.uds.table.alloc(endpoint)
    except ErrnoError as e:
        return _reply(endpoint, -e.errno)
    return _reply(endpoint, sock.minor)          # the clone's minor


def do_close(pfs, m: Message):
    uds = pfs.uds
    minor = getattr(m, DEVICE)
    sock = uds.table.slots[minor] if 0 < minor < len(uds.table.slots) else None
    if sock is not None:
        connect.close(uds, sock)
    return _reply(getattr(m, IO_ENDPT), 0)


def _rw(pfs, m: Message, call: int, op):
    # Hot path: every read and write of a socket (bench/: UDS ping-pong).
    _, minor, endpoint, count, _, _, address, op_flags = DEV_REQUEST.unpack(m)
    try:
        sock = pfs.uds.table.get(minor)
        if not sock.type:
            raise ErrnoError(Errno.EINVAL)
        flags = sock.next_flags.pop(endpoint, 0) if sock.next_flags else 0
        w = Waiter(endpoint, call, address, count, 0, flags)
        nonblock = bool(op_flags & FLG_OP_NONBLOCK or flags & U.MSG_DONTWAIT)
        status = op(pfs.uds, sock, w, nonblock)
        if status is transfer.WAIT:
            status = SUSPEND
    except ErrnoError as e:
        status = -e.errno
        if status == -Errno.EPIPE and call == _DEV_WRITE:
            transfer.sigpipe(pfs.uds, w)
    _pack_reply(m, 0, _TASK_REPLY, endpoint, status)     # answered in place
    return m


_DEV_READ, _DEV_WRITE = int(DevRequest.DEV_READ), int(DevRequest.DEV_WRITE)


def do_read(pfs, m: Message):
    return _rw(pfs, m, _DEV_READ, transfer.read)


def do_write(pfs, m: Message):
    return _rw(pfs, m, _DEV_WRITE, transfer.write)


def do_cancel(pfs, m: Message):
    uds = pfs.uds
    endpoint = m.m2_i2
    for sock in uds.table.slots:
        if sock is not None:
            transfer.cancel(sock, endpoint)
    return _reply(endpoint, -Errno.EINTR)


def do_ioctl(pfs, m: Message):
    endpoint = getattr(m, POSITION)       # the caller: IO_ENDPT may be another process
    request = getattr(m, COUNT) & 0xFFFFFFFF
    try:
        status = _status(_ioctl(pfs.uds, endpoint, getattr(m, DEVICE), request, m.m2_p1,
                                bool(m.m2_s1 & FLG_OP_NONBLOCK)))
    except ErrnoError as e:
        status = -e.errno
    return _reply(endpoint, status)


def _ioctl(uds, endpoint: int, minor: int, request: int, address: int, nonblock: bool):
    sock = uds.table.get(minor)
    handler = _IOCTLS.get(request)
    if handler is None:
        raise ErrnoError(Errno.EBADIOCTL)
    fn, needs_type = handler
    if needs_type and not sock.type:
        raise ErrnoError(Errno.EINVAL)
    size = (request >> 16) & IOCPARM_MASK
    arg = uds.sys.copy_from(endpoint, address, size) if request & IOC_IN else b""
    result = fn(uds, sock, endpoint, arg, Waiter(endpoint, DevRequest.DEV_IOCTL, address,
                                                  0, request), nonblock)
    if isinstance(result, tuple):          # (what goes back, the call's status)
        result, status = result
    else:
        status = 0
    if isinstance(result, bytes):
        if request & IOC_OUT:
            uds.sys.copy_to(endpoint, address, result[:size])
        return status
    return result


def _set_type(uds, sock, endpoint, arg, w, nonblock):
    kind = U.INT.unpack(arg)[0]
    if sock.type:
        raise ErrnoError(Errno.EINVAL)
    if kind not in (U.SOCK_STREAM, U.SOCK_DGRAM, U.SOCK_SEQPACKET):
        raise ErrnoError(Errno.EINVAL)
    sock.type = kind
    return 0


def _pair(uds, sock, endpoint, arg, w, nonblock):
    dev = int.from_bytes(arg, "little")
    if (dev >> 8) & 0xFF != U.UDS_MAJOR:
        raise ErrnoError(Errno.EINVAL)
    return connect.do_pair(uds, sock, dev & 0xFF, endpoint)


def _set_flags(sock, endpoint: int, flags: int) -> int:
    """send/recv flags for this process's next read or write on the socket."""
    if flags & ~(U.MSG_PEEK | U.MSG_DONTWAIT | U.MSG_NOSIGNAL | U.MSG_WAITALL):
        raise ErrnoError(Errno.EOPNOTSUPP)
    sock.next_flags[endpoint] = flags
    return 0


def _int(arg: bytes) -> int:
    return U.INT.unpack(arg)[0]


_IOCTLS = {
    U.NWIOSUDSTYPE: (_set_type, False),
    U.NWIOSUDSPAIR: (_pair, True),
    U.NWIOSUDSADDR: (lambda u, s, e, a, w, nb: addr.do_bind(u, s, e, a), True),
    U.NWIOSUDSTADDR: (lambda u, s, e, a, w, nb: addr.do_set_target(u, s, e, a), True),
    U.NWIOGUDSADDR: (lambda u, s, e, a, w, nb: addr.sockname(s), True),
    U.NWIOGUDSPADDR: (lambda u, s, e, a, w, nb: addr.peername(s), True),
    U.NWIOGUDSFADDR: (lambda u, s, e, a, w, nb: addr.source(s), True),
    U.NWIOSUDSBLOG: (lambda u, s, e, a, w, nb: connect.do_listen(u, s, _int(a)), True),
    U.NWIOSUDSCONN: (lambda u, s, e, a, w, nb: connect.do_connect(
        u, s, addr.canonical(u, e, a), w, nb), True),
    U.NWIOSUDSACCEPT: (lambda u, s, e, a, w, nb: connect.do_accept(
        u, s, addr.parse(a), w, nb), False),
    U.NWIOSUDSSHUT: (lambda u, s, e, a, w, nb: connect.do_shutdown(u, s, _int(a)), True),
    U.NWIOSUDSCTRL: (lambda u, s, e, a, w, nb: u.ancillary.send_control(
        s, transfer.destination(u, s, consume=False), e, a), True),
    U.NWIOGUDSCTRL: (lambda u, s, e, a, w, nb: u.ancillary.recv_control(s, e, a), True),
    U.NWIOGUDSSOTYPE: (lambda u, s, e, a, w, nb: options.sotype(s), True),
    U.NWIOGUDSPEERCRED: (lambda u, s, e, a, w, nb: options.peercred(s), True),
    U.NWIOSUDSMSGFLAGS: (lambda u, s, e, a, w, nb: _set_flags(s, e, _int(a)), True),
    U.NWIOGUDSERR: (lambda u, s, e, a, w, nb: options.take_error(s), True),
    U.NWIOGUDSSNDBUF: (lambda u, s, e, a, w, nb: options.bufsize(s), True),
    U.NWIOGUDSRCVBUF: (lambda u, s, e, a, w, nb: options.bufsize(s), True),
    U.NWIOSUDSSNDBUF: (lambda u, s, e, a, w, nb: options.set_bufsize(s, a), True),
    U.NWIOSUDSRCVBUF: (lambda u, s, e, a, w, nb: options.set_bufsize(s, a), True),
}




def do_select(pfs, m: Message):
    """DEV_SELECT (emu/abi/select.py): the operations ready now; with SEL_NOTIFY
    the rest are remembered and reported by a DEV_SEL_REPL when they become ready."""
    uds = pfs.uds
    minor, asked = m.m2_i1, m.m2_i2
    sock = uds.table.slots[minor] if 0 < minor < len(uds.table.slots) else None
    if sock is None:
        return Message.of(DevReply.TASK_REPLY, m2_i1=minor, m2_i2=-Errno.EBADF)
    ready = select.ready(sock) & asked
    if asked & SEL_NOTIFY:
        sock.select_ops |= asked & SEL_OPS & ~ready
    return Message.of(DevReply.TASK_REPLY, m2_i1=minor, m2_i2=ready)
