"""Pipe and FIFO inodes in PFS (MINIX's pfs/open.c, read.c, inode.c, stadir.c).

A PipeInode is a byte queue of at most PIPE_BUF bytes: REQ_WRITE appends,
REQ_READ takes from the front, and both reply with the bytes left
(RES_SEEK_POS_LO), so VFS always knows the pipe's size without asking. PFS
never waits and never decides who may go: a write that does not fit is
EFBIG, a read of an empty pipe moves nothing (VFS's pipe_check made sure
neither happens). REQ_PUTNODE drops VFS's references; the last one frees
the inode and its bytes.
"""
import struct
from dataclasses import dataclass, field

from emu.abi import stat
from emu.abi import vfsif as V
from emu.abi.errno import Errno
from emu.abi.fcntl import PIPE_BUF, S_IFIFO, S_IFMT
from emu.abi.message import LAYOUTS, Message
from emu.servers.mfs.msg import arg, reply
from emu.servers.server import ErrnoError


@dataclass(slots=True, eq=False)
class PipeInode:
    num: int
    mode: int
    uid: int
    gid: int
    dev: int                  # the FIFO's device on MFS, or NO_DEV for pipe()
    data: bytearray = field(default_factory=bytearray)
    count: int = 1            # references VFS holds (REQ_PUTNODE counts them off)
    atime: int = 0
    mtime: int = 0
    ctime: int = 0


def do_newnode(pfs, m):
    """A fresh pipe inode (pipe(), or the data side of a FIFO VFS opens)."""
    mode = arg(m, V.REQ_MODE) & 0xFFFF
    if mode & S_IFMT != S_IFIFO:
        raise ErrnoError(Errno.EIO, "PFS holds only pipes")
    uid, gid = arg(m, V.REQ_UID) & 0xFFFF, arg(m, V.REQ_GID) & 0xFFFF
    ip = pfs.new_inode(mode, uid, gid, arg(m, V.REQ_DEV))
    ip.atime = ip.mtime = ip.ctime = pfs.sys.boot_time() + pfs.sys.uptime() // 60
    return reply(0, **{V.RES_INODE_NR: ip.num, V.RES_MODE: ip.mode, V.RES_FILE_SIZE_LO: 0,
                       V.RES_FILE_SIZE_HI: 0, V.RES_UID: ip.uid, V.RES_GID: ip.gid,
                       V.RES_DEV: ip.dev})


# The read/write request and reply in one unpack and one pack each (bench/:
# pipe throughput; named fields cost a fifth of the request).
_RW_FIELDS = (V.REQ_INODE_NR, V.REQ_GRANT, V.REQ_SEEK_POS_HI, V.REQ_SEEK_POS_LO, V.REQ_NBYTES)
assert [LAYOUTS[f][0] for f in _RW_FIELDS] == [8, 12, 16, 20, 24]
assert (LAYOUTS[V.RES_SEEK_POS_HI][0], LAYOUTS[V.RES_SEEK_POS_LO][0],
        LAYOUTS[V.RES_NBYTES][0]) == (16, 20, 24)
_unpack_rw = struct.Struct("<ii5i").unpack_from
_pack_reply = struct.Struct("<i8x3i").pack_into      # at 4: m_type; at 16: seek hi, lo, nbytes
_EMPTY = bytes(36)


def _rw_reply(left: int, n: int) -> Message:
    m = Message(_EMPTY)
    _pack_reply(m, 4, 0, 0, left, n)
    return m


def do_read(pfs, m):
    # Hot path: bench/ pipe throughput (one request per read of a pipe).
    _, _, ino, gid, _, _, count = _unpack_rw(m, 0)
    ip = pfs.inode(ino)
    data = ip.data
    n = min(count, len(data))
    if n < 0:
        raise ErrnoError(Errno.EINVAL)
    if n:
        pfs.sys.safecopy_to(pfs.endpoint, m.m_source, gid, 0, memoryview(data)[:n])
        del data[:n]
    return _rw_reply(len(data), n)


def do_write(pfs, m):
    # Hot path: bench/ pipe throughput (one request per write to a pipe).
    _, _, ino, gid, _, _, n = _unpack_rw(m, 0)
    ip = pfs.inode(ino)
    if n < 0:
        raise ErrnoError(Errno.EINVAL)
    if len(ip.data) + n > PIPE_BUF:
        raise ErrnoError(Errno.EFBIG)
    if n:
        ip.data += pfs.sys.safecopy_from(pfs.endpoint, m.m_source, gid, 0, n)
    return _rw_reply(len(ip.data), n)


def do_putnode(pfs, m):
    ip = pfs.inode(arg(m, V.REQ_INODE_NR))
    count = arg(m, V.REQ_COUNT)
    if count <= 0 or count > ip.count:
        raise ErrnoError(Errno.EINVAL)
    ip.count -= count
    if ip.count == 0:
        del pfs.inodes[ip.num]
    return reply()


def do_stat(pfs, m):
    """fstat() of a pipe: a FIFO of the bytes now in it (MINIX's pfs stadir.c)."""
    ip = pfs.inode(arg(m, V.REQ_INODE_NR))
    raw = stat.STAT.pack(0, ip.num, ip.mode, 1, ip.uid, ip.gid, stat.NO_DEV, len(ip.data),
                         ip.atime, ip.mtime, ip.ctime)
    pfs.sys.safecopy_to(pfs.endpoint, m.m_source, arg(m, V.REQ_GRANT), 0, raw)
    return reply()


def do_sync(pfs, m):
    return reply()      # nothing to write back: pipes live in memory
