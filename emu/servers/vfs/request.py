"""Requests to file system servers (MINIX's request.c): one builder per REQ_*.

Each function fills an m9 message with the fields <minix/vfsif.h> names,
sends it to the server with sendrec (a traced message), and turns the reply
into results or an ErrnoError. Every buffer travels as a grant: path names
and other small strings are VFS's own bytearrays (grant_buffer); file data,
stat buffers and directory entries are grants of the user's memory
(grant_user), so the server copies straight into the process as MINIX's
magic grants do. Grants are revoked as soon as the reply is in.
"""
from dataclasses import dataclass

from emu.abi import endpoints as ep
from emu.abi import vfsif as V
from emu.abi.errno import Errno
from emu.abi.message import MESSAGE_SIZE, Message
from emu.abi.ucred import pack_ucred
from emu.kernel.grants import READ, WRITE
from emu.servers.server import ErrnoError

FsRequest = V.FsRequest
_LOOKUP, _PUTNODE, _STAT, _CREATE = (int(FsRequest.REQ_LOOKUP), int(FsRequest.REQ_PUTNODE),
                                     int(FsRequest.REQ_STAT), int(FsRequest.REQ_CREATE))
_READ, _WRITE = int(FsRequest.REQ_READ), int(FsRequest.REQ_WRITE)
_ZERO = bytes(MESSAGE_SIZE)
_VFS = ep.VFS


@dataclass(slots=True)
class NodeDetails:
    """What a server says about an inode (MINIX's node_details)."""
    fs_e: int
    inode_nr: int
    mode: int = 0
    size: int = 0
    uid: int = 0
    gid: int = 0
    dev: int = 0


def _lo_hi(value: int) -> tuple[int, int]:
    return value & 0xFFFFFFFF, (value >> 32) & 0xFFFFFFFF


def _join(lo: int, hi: int) -> int:
    return (lo & 0xFFFFFFFF) | ((hi & 0xFFFFFFFF) << 32)


def _u16(value: int) -> int:
    return value & 0xFFFF


def fs_sendrec(vfs, fs_e: int, m: Message) -> Message:
    return vfs.sys.sendrec(ep.VFS, fs_e, m)


def _check(reply: Message) -> Message:
    r = reply.m_type
    if r < 0:
        raise ErrnoError(-r)
    return reply


# A reply's m9 body in one unpack (the node fields of every lookup, create and
# readsuper): a stat costs two requests (bench/: stat of a 4-component path).
_M9 = V.M9_U
_I_INO, _I_MODE, _I_LO, _I_HI, _I_UID, _I_GID, _I_DEV, _I_OFFSET, _I_SYMLOOP = (
    V.m9_index(f) for f in (V.RES_INODE_NR, V.RES_MODE, V.RES_FILE_SIZE_LO, V.RES_FILE_SIZE_HI,
                            V.RES_UID, V.RES_GID, V.RES_DEV, V.RES_OFFSET, V.RES_SYMLOOP))


def _node(reply: Message, fs_e: int, dev: bool = False) -> NodeDetails:
    v = _M9.unpack_from(reply, 8)
    return NodeDetails(fs_e, v[_I_INO], v[_I_MODE], v[_I_LO] | (v[_I_HI] << 32), v[_I_UID],
                       v[_I_GID], v[_I_DEV] if dev else 0)


def _request(m_type: int, body: list) -> Message:
    """A request from a whole m9 body (values placed with vfsif.m9_index, each
    fitting its field unsigned): one pack on the hot paths (bench/: stat of a
    4-component path, create+write+close)."""
    m = Message(_ZERO)
    V.HEAD_M9_U.pack_into(m, 4, m_type, *body)
    return m


# Where the hot requests' fields go in the m9 body.
_Q_INODE, _Q_GRANT, _Q_GRANT2, _Q_LEN, _Q_SIZE, _Q_DIR, _Q_ROOT, _Q_FLAGS, _Q_UID, _Q_GID, \
    _Q_UCRED, _Q_COUNT, _Q_MODE, _Q_POS_LO, _Q_POS_HI, _Q_NBYTES = (
        V.m9_index(f) for f in (
            V.REQ_INODE_NR, V.REQ_GRANT, V.REQ_GRANT2, V.REQ_PATH_LEN, V.REQ_PATH_SIZE,
            V.REQ_DIR_INO, V.REQ_ROOT_INO, V.REQ_FLAGS, V.REQ_UID, V.REQ_GID, V.REQ_UCRED_SIZE,
            V.REQ_COUNT, V.REQ_MODE, V.REQ_SEEK_POS_LO, V.REQ_SEEK_POS_HI, V.REQ_NBYTES))


class _Granted:
    """Grants for one request, revoked together when it is answered."""
    __slots__ = ("sys", "ids")

    def __init__(self, sys) -> None:
        self.sys = sys
        self.ids: list[int] = []

    def buffer(self, grantee: int, buf, access: int) -> int:
        gid = self.sys.grant_buffer(ep.VFS, grantee, buf, access)
        self.ids.append(gid)
        return gid

    def user(self, grantee: int, endpoint: int, address: int, length: int, access: int) -> int:
        gid = self.sys.grant_user(ep.VFS, grantee, endpoint, address, length, access)
        self.ids.append(gid)
        return gid

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        for gid in self.ids:
            self.sys.revoke(ep.VFS, gid)


def _name(s: bytes) -> bytearray:
    return bytearray(s + b"\0")


# -- mounting -----------------------------------------------------------------
def req_readsuper(vfs, fs_e: int, label: bytes, dev: int, readonly: bool,
                  isroot: bool) -> NodeDetails:
    buf = _name(label)
    with _Granted(vfs.sys) as g:
        flags = (V.REQ_RDONLY if readonly else 0) | (V.REQ_ISROOT if isroot else 0)
        m = Message.of(FsRequest.REQ_READSUPER, **{
            V.REQ_FLAGS: flags, V.REQ_GRANT: g.buffer(fs_e, buf, READ), V.REQ_DEV: dev,
            V.REQ_PATH_LEN: len(buf)})
        return _node(_check(fs_sendrec(vfs, fs_e, m)), fs_e)


def req_mountpoint(vfs, fs_e: int, inode_nr: int) -> None:
    _check(fs_sendrec(vfs, fs_e, Message.of(FsRequest.REQ_MOUNTPOINT,
                                            **{V.REQ_INODE_NR: inode_nr})))


def req_unmount(vfs, fs_e: int) -> None:
    _check(fs_sendrec(vfs, fs_e, Message.of(FsRequest.REQ_UNMOUNT)))


def req_sync(vfs, fs_e: int) -> None:
    _check(fs_sendrec(vfs, fs_e, Message.of(FsRequest.REQ_SYNC)))


def req_statvfs(vfs, fs_e: int, endpoint: int, address: int, size: int) -> None:
    with _Granted(vfs.sys) as g:
        m = Message.of(FsRequest.REQ_STATVFS,
                       **{V.REQ_GRANT: g.user(fs_e, endpoint, address, size, WRITE)})
        _check(fs_sendrec(vfs, fs_e, m))


# -- lookup -------------------------------------------------------------------
@dataclass(slots=True)
class LookupResult:
    status: int                 # OK, EENTERMOUNT, ELEAVEMOUNT or ESYMLINK
    node: NodeDetails | None
    offset: int = 0             # characters of the path the server consumed
    symloop: int = 0


def req_lookup(vfs, fs_e: int, path_buf: bytearray, path_len: int, dir_ino: int,
               root_ino: int, uid: int, gid: int, flags: int,
               groups: tuple = ()) -> LookupResult:
    """One REQ_LOOKUP; the server may rewrite path_buf (symlinks) in place. A
    process with supplementary groups sends its credentials in a grant
    (PATH_GET_UCRED), so search permission counts every group.

    Hot path (bench/: stat of a 4-component path): one pack, one unpack."""
    sys = vfs.sys
    grants = []
    body = [0] * 9
    grant = sys.grant_buffer(_VFS, fs_e, path_buf, READ | WRITE)
    grants.append(grant)
    body[_Q_GRANT], body[_Q_LEN], body[_Q_SIZE] = grant, path_len, len(path_buf)
    body[_Q_DIR], body[_Q_ROOT] = dir_ino, root_ino
    try:
        if groups:
            cred = bytearray(pack_ucred(uid, gid, list(groups)))
            body[_Q_FLAGS] = flags | V.PATH_GET_UCRED
            body[_Q_GRANT2] = sys.grant_buffer(_VFS, fs_e, cred, READ)
            grants.append(body[_Q_GRANT2])
            body[_Q_UCRED] = len(cred)
        else:
            body[_Q_FLAGS] = flags & ~V.PATH_GET_UCRED
            body[_Q_UID], body[_Q_GID] = uid & 0xFFFF, gid & 0xFFFF
        reply = sys.sendrec(_VFS, fs_e, _request(_LOOKUP, body))
    finally:
        for g in grants:
            sys.revoke(_VFS, g)
    r = reply.m_type
    v = _M9.unpack_from(reply, 8)
    if r == 0:
        return LookupResult(0, NodeDetails(fs_e, v[_I_INO], v[_I_MODE],
                                           v[_I_LO] | (v[_I_HI] << 32), v[_I_UID], v[_I_GID],
                                           v[_I_DEV]))
    if r == V.EENTERMOUNT:
        return LookupResult(r, NodeDetails(fs_e, v[_I_INO]), v[_I_OFFSET],
                            _signed16(v[_I_SYMLOOP]))
    if r in (V.ELEAVEMOUNT, V.ESYMLINK):
        return LookupResult(r, None, v[_I_OFFSET], _signed16(v[_I_SYMLOOP]))
    raise ErrnoError(-r if r < 0 else Errno.EIO)


def _signed16(value: int) -> int:
    return value - 0x10000 if value & 0x8000 else value


def req_putnode(vfs, fs_e: int, inode_nr: int, count: int) -> None:
    body = [0] * 9
    body[_Q_INODE], body[_Q_COUNT] = inode_nr, count
    vfs.sys.sendrec(_VFS, fs_e, _request(_PUTNODE, body))


# -- creating and removing names ------------------------------------------------
def req_create(vfs, fs_e: int, dir_ino: int, mode: int, uid: int, gid: int,
               name: bytes) -> NodeDetails:
    # Hot path (bench/: create+write+close of 1,000 files).
    buf = _name(name)
    sys = vfs.sys
    grant = sys.grant_buffer(_VFS, fs_e, buf, READ)
    body = [0] * 9
    body[_Q_INODE], body[_Q_MODE], body[_Q_UID], body[_Q_GID] = (
        dir_ino, mode & 0xFFFF, uid & 0xFFFF, gid & 0xFFFF)
    body[_Q_GRANT], body[_Q_LEN] = grant, len(buf)
    try:
        reply = sys.sendrec(_VFS, fs_e, _request(_CREATE, body))
    finally:
        sys.revoke(_VFS, grant)
    return _node(_check(reply), fs_e)


def req_mknod(vfs, fs_e: int, dir_ino: int, name: bytes, uid: int, gid: int, mode: int,
              dev: int) -> None:
    buf = _name(name)
    with _Granted(vfs.sys) as g:
        m = Message.of(FsRequest.REQ_MKNOD, **{
            V.REQ_INODE_NR: dir_ino, V.REQ_MODE: mode, V.REQ_DEV: dev, V.REQ_UID: uid,
            V.REQ_GID: gid, V.REQ_GRANT: g.buffer(fs_e, buf, READ), V.REQ_PATH_LEN: len(buf)})
        _check(fs_sendrec(vfs, fs_e, m))


def req_mkdir(vfs, fs_e: int, dir_ino: int, name: bytes, uid: int, gid: int,
              mode: int) -> None:
    buf = _name(name)
    with _Granted(vfs.sys) as g:
        m = Message.of(FsRequest.REQ_MKDIR, **{
            V.REQ_INODE_NR: dir_ino, V.REQ_MODE: mode, V.REQ_UID: uid, V.REQ_GID: gid,
            V.REQ_GRANT: g.buffer(fs_e, buf, READ), V.REQ_PATH_LEN: len(buf)})
        _check(fs_sendrec(vfs, fs_e, m))


def req_link(vfs, fs_e: int, dir_ino: int, name: bytes, inode_nr: int) -> None:
    buf = _name(name)
    with _Granted(vfs.sys) as g:
        m = Message.of(FsRequest.REQ_LINK, **{
            V.REQ_INODE_NR: inode_nr, V.REQ_DIR_INO: dir_ino,
            V.REQ_GRANT: g.buffer(fs_e, buf, READ), V.REQ_PATH_LEN: len(buf)})
        _check(fs_sendrec(vfs, fs_e, m))


def _dir_name_request(vfs, request: int, fs_e: int, dir_ino: int, name: bytes) -> None:
    buf = _name(name)
    with _Granted(vfs.sys) as g:
        m = Message.of(request, **{V.REQ_INODE_NR: dir_ino,
                                   V.REQ_GRANT: g.buffer(fs_e, buf, READ),
                                   V.REQ_PATH_LEN: len(buf)})
        _check(fs_sendrec(vfs, fs_e, m))


def req_unlink(vfs, fs_e: int, dir_ino: int, name: bytes) -> None:
    _dir_name_request(vfs, FsRequest.REQ_UNLINK, fs_e, dir_ino, name)


def req_rmdir(vfs, fs_e: int, dir_ino: int, name: bytes) -> None:
    _dir_name_request(vfs, FsRequest.REQ_RMDIR, fs_e, dir_ino, name)


def req_rename(vfs, fs_e: int, old_dir: int, old_name: bytes, new_dir: int,
               new_name: bytes) -> None:
    old, new = _name(old_name), _name(new_name)
    with _Granted(vfs.sys) as g:
        m = Message.of(FsRequest.REQ_RENAME, **{
            V.REQ_REN_OLD_DIR: old_dir, V.REQ_REN_NEW_DIR: new_dir,
            V.REQ_REN_GRANT_OLD: g.buffer(fs_e, old, READ), V.REQ_REN_LEN_OLD: len(old),
            V.REQ_REN_GRANT_NEW: g.buffer(fs_e, new, READ), V.REQ_REN_LEN_NEW: len(new)})
        _check(fs_sendrec(vfs, fs_e, m))


def req_slink(vfs, fs_e: int, dir_ino: int, name: bytes, target: bytes, uid: int,
              gid: int) -> None:
    buf, tgt = _name(name), bytearray(target)
    with _Granted(vfs.sys) as g:
        m = Message.of(FsRequest.REQ_SLINK, **{
            V.REQ_INODE_NR: dir_ino, V.REQ_UID: uid, V.REQ_GID: gid,
            V.REQ_GRANT: g.buffer(fs_e, buf, READ), V.REQ_PATH_LEN: len(buf),
            V.REQ_GRANT3: g.buffer(fs_e, tgt, READ), V.REQ_MEM_SIZE: len(tgt)})
        _check(fs_sendrec(vfs, fs_e, m))


def req_rdlink(vfs, fs_e: int, inode_nr: int, size: int, endpoint: int = ep.NONE,
               address: int = 0) -> bytes | int:
    """Read a symlink into the user's buffer (returns the count) or, with no
    endpoint, into VFS's own buffer (returns the bytes)."""
    with _Granted(vfs.sys) as g:
        if endpoint == ep.NONE:
            buf = bytearray(size)
            gid = g.buffer(fs_e, buf, WRITE)
        else:
            gid = g.user(fs_e, endpoint, address, size, WRITE)
        m = Message.of(FsRequest.REQ_RDLINK, **{V.REQ_INODE_NR: inode_nr, V.REQ_GRANT: gid,
                                                 V.REQ_MEM_SIZE: size})
        n = getattr(_check(fs_sendrec(vfs, fs_e, m)), V.RES_NBYTES)
    return bytes(buf[:n]) if endpoint == ep.NONE else n


# -- attributes ---------------------------------------------------------------
def req_stat(vfs, fs_e: int, inode_nr: int, endpoint: int, address: int, size: int) -> None:
    # Hot path (bench/: stat of a 4-component path).
    sys = vfs.sys
    grant = sys.grant_user(_VFS, fs_e, endpoint, address, size, WRITE)
    body = [0] * 9
    body[_Q_INODE], body[_Q_GRANT] = inode_nr, grant
    try:
        reply = sys.sendrec(_VFS, fs_e, _request(_STAT, body))
    finally:
        sys.revoke(_VFS, grant)
    _check(reply)


def req_chmod(vfs, fs_e: int, inode_nr: int, mode: int) -> int:
    m = Message.of(FsRequest.REQ_CHMOD, **{V.REQ_INODE_NR: inode_nr, V.REQ_MODE: mode})
    return _u16(getattr(_check(fs_sendrec(vfs, fs_e, m)), V.RES_MODE))


def req_chown(vfs, fs_e: int, inode_nr: int, uid: int, gid: int) -> int:
    m = Message.of(FsRequest.REQ_CHOWN, **{V.REQ_INODE_NR: inode_nr, V.REQ_UID: uid,
                                           V.REQ_GID: gid})
    return _u16(getattr(_check(fs_sendrec(vfs, fs_e, m)), V.RES_MODE))


def req_utime(vfs, fs_e: int, inode_nr: int, actime: int, modtime: int) -> None:
    m = Message.of(FsRequest.REQ_UTIME, **{V.REQ_INODE_NR: inode_nr, V.REQ_ACTIME: actime,
                                           V.REQ_MODTIME: modtime})
    _check(fs_sendrec(vfs, fs_e, m))


def req_ftrunc(vfs, fs_e: int, inode_nr: int, start: int, end: int) -> None:
    slo, shi = _lo_hi(start)
    elo, ehi = _lo_hi(end)
    m = Message.of(FsRequest.REQ_FTRUNC, **{
        V.REQ_INODE_NR: inode_nr, V.REQ_TRC_START_LO: slo, V.REQ_TRC_START_HI: shi,
        V.REQ_TRC_END_LO: elo, V.REQ_TRC_END_HI: ehi})
    _check(fs_sendrec(vfs, fs_e, m))


# -- data ---------------------------------------------------------------------
def req_readwrite(vfs, fs_e: int, inode_nr: int, pos: int, writing: bool, endpoint: int,
                  address: int, count: int) -> tuple[int, int]:
    """REQ_READ/REQ_WRITE straight from/into the user's buffer: (new pos, bytes).

    Hot path (bench/: 16 MiB read, create+write+close)."""
    sys = vfs.sys
    grant = sys.grant_user(_VFS, fs_e, endpoint, address, count, READ if writing else WRITE)
    body = [0] * 9
    body[_Q_INODE], body[_Q_GRANT], body[_Q_NBYTES] = inode_nr, grant, count
    body[_Q_POS_LO], body[_Q_POS_HI] = _lo_hi(pos)
    try:
        reply = sys.sendrec(_VFS, fs_e, _request(_WRITE if writing else _READ, body))
    finally:
        sys.revoke(_VFS, grant)
    v = _M9.unpack_from(_check(reply), 8)
    return (v[_R_POS_LO] | (v[_R_POS_HI] << 32), v[_R_NBYTES])


_R_POS_LO, _R_POS_HI, _R_NBYTES = (V.m9_index(f) for f in (V.RES_SEEK_POS_LO,
                                                           V.RES_SEEK_POS_HI, V.RES_NBYTES))


def req_read_buffer(vfs, fs_e: int, inode_nr: int, pos: int, buf: bytearray) -> int:
    """REQ_READ into VFS's own buffer (exec reads a program this way)."""
    lo, hi = _lo_hi(pos)
    with _Granted(vfs.sys) as g:
        m = Message.of(FsRequest.REQ_READ, **{
            V.REQ_INODE_NR: inode_nr, V.REQ_GRANT: g.buffer(fs_e, buf, WRITE),
            V.REQ_SEEK_POS_LO: lo, V.REQ_SEEK_POS_HI: hi, V.REQ_NBYTES: len(buf)})
        return getattr(_check(fs_sendrec(vfs, fs_e, m)), V.RES_NBYTES)


def req_getdents(vfs, fs_e: int, inode_nr: int, pos: int, endpoint: int, address: int,
                 size: int) -> tuple[int, int]:
    """Directory entries into the user's buffer: (new pos, bytes)."""
    lo, hi = _lo_hi(pos)
    with _Granted(vfs.sys) as g:
        m = Message.of(FsRequest.REQ_GETDENTS, **{
            V.REQ_INODE_NR: inode_nr, V.REQ_GRANT: g.user(fs_e, endpoint, address, size, WRITE),
            V.REQ_MEM_SIZE: size, V.REQ_SEEK_POS_LO: lo, V.REQ_SEEK_POS_HI: hi})
        reply = _check(fs_sendrec(vfs, fs_e, m))
    return (_join(getattr(reply, V.RES_SEEK_POS_LO), getattr(reply, V.RES_SEEK_POS_HI)),
            getattr(reply, V.RES_NBYTES))


def req_getdents_vfs(vfs, fs_e: int, inode_nr: int, pos: int, size: int) -> tuple[int, bytes]:
    """Directory entries into a VFS buffer: (new pos, the records), for VFS's
    own reverse lookups (pfs_calls.py canonicalises a socket path)."""
    lo, hi = _lo_hi(pos)
    buf = bytearray(size)
    with _Granted(vfs.sys) as g:
        m = Message.of(FsRequest.REQ_GETDENTS, **{
            V.REQ_INODE_NR: inode_nr, V.REQ_GRANT: g.buffer(fs_e, buf, WRITE),
            V.REQ_MEM_SIZE: size, V.REQ_SEEK_POS_LO: lo, V.REQ_SEEK_POS_HI: hi})
        reply = _check(fs_sendrec(vfs, fs_e, m))
    n = getattr(reply, V.RES_NBYTES)
    return (_join(getattr(reply, V.RES_SEEK_POS_LO), getattr(reply, V.RES_SEEK_POS_HI)),
            bytes(buf[:max(0, min(n, size))]))


def req_newnode(vfs, fs_e: int, uid: int, gid: int, mode: int, dev: int) -> NodeDetails:
    """A new inode with no name (pipe(), or the PFS side of a FIFO): REQ_NEWNODE."""
    m = Message.of(FsRequest.REQ_NEWNODE, **{V.REQ_MODE: mode, V.REQ_UID: uid, V.REQ_GID: gid,
                                              V.REQ_DEV: dev})
    return _node(_check(fs_sendrec(vfs, fs_e, m)), fs_e)
