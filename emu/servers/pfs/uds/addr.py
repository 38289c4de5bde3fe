"""Socket addresses (MINIX's uds bind/getsockname/getpeername/sendto/recvfrom).

Every path that comes in is checked and canonicalised by VFS (the nested
CHECK_PERMS call): sockets are matched by the absolute canonical path, and
that is what every address going out carries.
"""
from emu.abi.errno import Errno
from emu.abi.uds import AF_UNIX, SOCK_DGRAM, SOCKADDR_UN, SUN_PATH_MAX
from emu.servers.server import ErrnoError
from emu.servers.pfs.uds.table import Socket


def parse(raw: bytes) -> bytes:
    """The path of a struct sockaddr_un; EAFNOSUPPORT for another family."""
    family, path = SOCKADDR_UN.unpack(raw)
    if family != AF_UNIX:
        raise ErrnoError(Errno.EAFNOSUPPORT)
    path = path.split(b"\0", 1)[0]
    if not path:
        raise ErrnoError(Errno.ENOENT)
    return path


def pack(path: bytes) -> bytes:
    return SOCKADDR_UN.pack(AF_UNIX, path[:SUN_PATH_MAX - 1])


def canonical(uds, endpoint: int, raw: bytes) -> bytes:
    path = uds.check_perms(endpoint, parse(raw))
    if len(path) >= SUN_PATH_MAX:
        raise ErrnoError(Errno.ENAMETOOLONG)
    return path


def do_bind(uds, sock: Socket, endpoint: int, raw: bytes) -> int:
    if sock.addr and sock.type != SOCK_DGRAM:
        raise ErrnoError(Errno.EINVAL)
    path = canonical(uds, endpoint, raw)
    other = uds.table.bound(path)
    if other is not None and other is not sock:
        raise ErrnoError(Errno.EADDRINUSE)
    sock.addr = path
    return 0


def do_set_target(uds, sock: Socket, endpoint: int, raw: bytes) -> int:
    if sock.type != SOCK_DGRAM:
        return 0              # a connected socket's sendto ignores the address
    sock.target = canonical(uds, endpoint, raw)
    return 0


def _name(sock: Socket) -> bytes:
    """A socket's address: its bound path or, connected, the server's path
    (as 3.1.8: both ends of a connection report the listener's address)."""
    if sock.addr:
        return sock.addr
    return sock.peer.addr if sock.peer is not None else b""


def sockname(sock: Socket) -> bytes:
    return pack(_name(sock))


def peername(sock: Socket) -> bytes:
    if sock.peer is None:
        raise ErrnoError(Errno.ENOTCONN)
    return pack(_name(sock.peer))


def source(sock: Socket) -> bytes:
    return pack(sock.source)
