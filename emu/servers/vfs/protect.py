"""Permissions (MINIX's protect.c): forbidden(), chmod, chown, umask, access.

Owner, group and other rwx bits decide, with root's rules: root may read and
write anything, but may execute a file only if some x bit is set (and may
search every directory). Writes to a file system mounted read-only are EROFS.
"""
from emu.abi import vfsif as V
from emu.abi.errno import Errno
from emu.abi.fcntl import (ALLPERMS, F_OK, R_OK, S_IFMT, S_ISGID, W_OK, X_OK, S_IFBLK,
                           S_IFCHR, S_IFIFO, S_IFSOCK)
from emu.abi.message import Message
from emu.servers.server import ErrnoError
from emu.servers.vfs.filedes import get_filp
from emu.servers.vfs.path import eat_path, m1_name, m3_name
from emu.servers.vfs.request import req_chmod, req_chown

SU_UID = 0
_X_BITS = 0o111
_SPECIAL = (S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK)


def forbidden(fp, vp, access: int, real_ids: bool = False) -> None:
    """Raise EACCES (or EROFS) unless the process may access vp this way."""
    uid, gid = (fp.ruid, fp.rgid) if real_ids else (fp.uid, fp.gid)
    mode = vp.mode
    if uid == SU_UID:
        perm = 7 if vp.is_dir() or mode & _X_BITS else 6
    elif uid == vp.uid:
        perm = (mode >> 6) & 7
    elif gid == vp.gid or vp.gid in fp.groups:
        perm = (mode >> 3) & 7
    else:
        perm = mode & 7
    if access & ~perm & 7:
        raise ErrnoError(Errno.EACCES)
    if access & W_OK:
        read_only(vp)


def read_only(vp) -> None:
    """EROFS for a change on a read-only mount (device nodes may still be written)."""
    if vp.vmnt is not None and vp.vmnt.readonly and (vp.mode & S_IFMT) not in _SPECIAL:
        raise ErrnoError(Errno.EROFS)


def _owner_or_root(fp, vp) -> None:
    if fp.uid != SU_UID and fp.uid != vp.uid:
        raise ErrnoError(Errno.EPERM)


def _chmod(vfs, fp, vp, mode: int) -> int:
    _owner_or_root(fp, vp)
    read_only(vp)
    mode &= ALLPERMS
    if fp.uid != SU_UID and not fp.in_group(vp.gid):
        mode &= ~S_ISGID          # only members of the file's group may set set-gid
    vp.mode = req_chmod(vfs, vp.fs_e, vp.inode_nr, mode)
    return 0


def do_chmod(vfs, m: Message):
    fp = vfs.caller(m)
    vp = eat_path(vfs, fp, m3_name(vfs, fp, m))
    try:
        return _chmod(vfs, fp, vp, m.m3_i2)
    finally:
        vfs.vnodes.put(vp)


def do_fchmod(vfs, m: Message):
    fp = vfs.caller(m)
    filp = get_filp(fp, m.m1_i1)
    if filp.vnode is None:
        raise ErrnoError(Errno.EINVAL)
    return _chmod(vfs, fp, filp.vnode, m.m1_i2)


def _chown(vfs, fp, vp, uid: int, gid: int) -> int:
    uid = vp.uid if uid == -1 else uid & 0xFFFF
    gid = vp.gid if gid == -1 else gid & 0xFFFF
    read_only(vp)
    if fp.uid != SU_UID:
        # A user may only give a file of their own to one of their own groups.
        if vp.uid != fp.uid or uid != vp.uid or not fp.in_group(gid):
            raise ErrnoError(Errno.EPERM)
    vp.mode = req_chown(vfs, vp.fs_e, vp.inode_nr, uid, gid)
    vp.uid, vp.gid = uid, gid
    return 0


def do_chown(vfs, m: Message):
    fp = vfs.caller(m)
    vp = eat_path(vfs, fp, m1_name(vfs, fp, m))
    try:
        return _chown(vfs, fp, vp, m.m1_i2, m.m1_i3)
    finally:
        vfs.vnodes.put(vp)


def do_fchown(vfs, m: Message):
    fp = vfs.caller(m)
    filp = get_filp(fp, m.m1_i1)
    if filp.vnode is None:
        raise ErrnoError(Errno.EINVAL)
    return _chown(vfs, fp, filp.vnode, m.m1_i2, m.m1_i3)


def do_umask(vfs, m: Message):
    fp = vfs.caller(m)
    old = fp.umask
    fp.umask = m.m1_i1 & 0o777
    return old


def do_access(vfs, m: Message):
    """Check with the real ids, as a set-uid program asks on its user's behalf."""
    fp = vfs.caller(m)
    mode = m.m3_i2
    if mode & ~(R_OK | W_OK | X_OK | F_OK):
        raise ErrnoError(Errno.EINVAL)
    vp = eat_path(vfs, fp, m3_name(vfs, fp, m), V.PATH_NOFLAGS,
                  real_ids=True)
    try:
        if mode:
            forbidden(fp, vp, mode, real_ids=True)
    finally:
        vfs.vnodes.put(vp)
    return 0
