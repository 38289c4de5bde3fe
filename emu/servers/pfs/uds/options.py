"""Socket options PFS answers (getsockopt/setsockopt): SO_TYPE, SO_PEERCRED,
SO_SNDBUF and SO_RCVBUF (32768; larger is ENOSYS, smaller is accepted and ignored)."""
from emu.abi.errno import Errno
from emu.abi.uds import INT, UCRED, UDS_BUF
from emu.servers.server import ErrnoError
from emu.servers.pfs.uds.table import Socket


def sotype(sock: Socket) -> bytes:
    return INT.pack(sock.type)


def peercred(sock: Socket) -> bytes:
    if sock.peer is None:
        raise ErrnoError(Errno.ENOTCONN)
    return UCRED.pack(*sock.peer_cred)


def take_error(sock: Socket) -> bytes:
    """SO_ERROR: the pending error (a refused non-blocking connect), cleared."""
    error, sock.error = sock.error, 0
    return INT.pack(error)


def bufsize(sock: Socket) -> bytes:
    return INT.pack(UDS_BUF)


def set_bufsize(sock: Socket, raw: bytes) -> int:
    if INT.unpack(raw)[0] > UDS_BUF:
        raise ErrnoError(Errno.ENOSYS)
    return 0
