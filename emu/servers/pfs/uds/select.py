"""Select readiness of a socket (MINIX's uds_select): which calls would not block.

Readable: data, end of file, an error, or (listening) a pending connection.
Writable: a write of the whole buffer (32768 bytes) would not block, or
would fail at once. As 3.1.8 decides it, with its never-ending reads fixed.
"""
from emu.abi.select import SEL_ERR, SEL_RD, SEL_WR
from emu.abi.uds import SOCK_DGRAM, UDS_BUF
from emu.servers.pfs.uds.table import Socket


def readable(sock: Socket) -> bool:
    if sock.has_data() or sock.shut_rd or sock.error:
        return True
    if sock.listening:
        return bool(sock.backlog)
    if sock.type == SOCK_DGRAM or sock.connecting is not None:
        return False
    peer = sock.peer
    if peer is None:
        return True          # end of file, or ENOTCONN: either way at once
    return peer.shut_wr


def writable(sock: Socket) -> bool:
    if sock.shut_wr or sock.error:
        return True
    if sock.type == SOCK_DGRAM:
        return True
    if sock.listening or sock.connecting is not None:
        return False
    peer = sock.peer
    if peer is None or peer.shut_rd:
        return True          # EPIPE or ENOTCONN at once
    return peer.room() >= UDS_BUF and not peer.writers


def ready(sock: Socket) -> int:
    ops = 0
    if readable(sock):
        ops |= SEL_RD
    if writable(sock):
        ops |= SEL_WR
    if sock.error:
        ops |= SEL_ERR
    return ops
