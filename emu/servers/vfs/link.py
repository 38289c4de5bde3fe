"""Names and sizes (MINIX's link.c): link, unlink, rmdir, rename, symlink,
readlink, truncate, ftruncate.

VFS checks write and search permission on the directories involved (and the
sticky bit), keeps both names on one file system (EXDEV), and leaves the
directory surgery to the file system server.
"""
from emu.abi import vfsif as V
from emu.abi.errno import Errno
from emu.abi.fcntl import S_ISVTX, W_OK, X_OK
from emu.abi.message import Message
from emu.servers.server import ErrnoError
from emu.servers.vfs.filedes import get_filp, writable
from emu.servers.vfs.path import eat_path, fetch_name, last_dir, lookup_in, m1_name, m3_name
from emu.servers.vfs.protect import SU_UID, forbidden, read_only
from emu.servers.vfs.read import MAX_FILE_POS
from emu.servers.vfs.request import (req_ftrunc, req_link, req_rdlink, req_rename, req_rmdir,
                                     req_slink, req_unlink)


def _two_names(vfs, fp, m: Message) -> tuple[bytes, bytes]:
    """link, rename, symlink: m1_i1/m1_p1 and m1_i2/m1_p2."""
    return (fetch_name(vfs, fp.endpoint, m.m1_p1, m.m1_i1),
            fetch_name(vfs, fp.endpoint, m.m1_p2, m.m1_i2))


def do_link(vfs, m: Message):
    fp = vfs.caller(m)
    existing, new = _two_names(vfs, fp, m)
    vp = eat_path(vfs, fp, existing)
    try:
        if vp.is_dir():
            raise ErrnoError(Errno.EPERM)
        dirp, name = last_dir(vfs, fp, new)
        try:
            if dirp.fs_e != vp.fs_e:
                raise ErrnoError(Errno.EXDEV)
            forbidden(fp, dirp, W_OK | X_OK)
            req_link(vfs, dirp.fs_e, dirp.inode_nr, name, vp.inode_nr)
        finally:
            vfs.vnodes.put(dirp)
    finally:
        vfs.vnodes.put(vp)
    return 0


def _sticky_check(vfs, fp, dirp, name: bytes) -> None:
    """In a sticky directory only the owner of the file or directory (or root) may remove it."""
    if not dirp.mode & S_ISVTX or fp.uid in (SU_UID, dirp.uid):
        return
    vp = lookup_in(vfs, fp, dirp, name, V.PATH_RET_SYMLINK)
    if vp is None:
        return
    owner = vp.uid
    vfs.vnodes.put(vp)
    if owner != fp.uid:
        raise ErrnoError(Errno.EPERM)


def _remove(vfs, m: Message, directory: bool):
    fp = vfs.caller(m)
    dirp, name = last_dir(vfs, fp, m3_name(vfs, fp, m))
    try:
        forbidden(fp, dirp, W_OK | X_OK)
        _sticky_check(vfs, fp, dirp, name)
        if directory:
            if name == b".":
                raise ErrnoError(Errno.EINVAL)
            _not_busy(vfs, dirp, name, fp)
            vfs.vnodes.may_unlink(dirp.fs_e, directories=True)
            req_rmdir(vfs, dirp.fs_e, dirp.inode_nr, name)
        else:
            vfs.vnodes.may_unlink(dirp.fs_e, directories=False)
            req_unlink(vfs, dirp.fs_e, dirp.inode_nr, name)
    finally:
        vfs.vnodes.put(dirp)
    return 0


def _not_busy(vfs, dirp, name: bytes, fp) -> None:
    """A mount point or a mounted root cannot be removed (EBUSY)."""
    vp = lookup_in(vfs, fp, dirp, name, V.PATH_RET_SYMLINK)
    if vp is None:
        return
    try:
        if vp.mounted_here is not None or any(v.root is vp for v in vfs.vmnts):
            raise ErrnoError(Errno.EBUSY)
    finally:
        vfs.vnodes.put(vp)


def do_unlink(vfs, m: Message):
    return _remove(vfs, m, directory=False)


def do_rmdir(vfs, m: Message):
    return _remove(vfs, m, directory=True)


def do_rename(vfs, m: Message):
    fp = vfs.caller(m)
    old, new = _two_names(vfs, fp, m)
    old_dirp, old_name = last_dir(vfs, fp, old)
    try:
        if old_name in (b".", b".."):
            raise ErrnoError(Errno.EINVAL)
        new_dirp, new_name = last_dir(vfs, fp, new)
        try:
            if new_name in (b".", b".."):
                raise ErrnoError(Errno.EINVAL)
            if old_dirp.fs_e != new_dirp.fs_e:
                raise ErrnoError(Errno.EXDEV)
            forbidden(fp, old_dirp, W_OK | X_OK)
            forbidden(fp, new_dirp, W_OK | X_OK)
            _sticky_check(vfs, fp, old_dirp, old_name)
            _sticky_check(vfs, fp, new_dirp, new_name)
            _not_busy(vfs, old_dirp, old_name, fp)
            vfs.vnodes.may_unlink(old_dirp.fs_e, directories=True)   # a replaced target
            req_rename(vfs, old_dirp.fs_e, old_dirp.inode_nr, old_name, new_dirp.inode_nr,
                       new_name)
        finally:
            vfs.vnodes.put(new_dirp)
    finally:
        vfs.vnodes.put(old_dirp)
    return 0


def do_slink(vfs, m: Message):
    """symlink(target, linkpath): m1_p1 the contents, m1_p2 the new name."""
    fp = vfs.caller(m)
    target, path = _two_names(vfs, fp, m)
    dirp, name = last_dir(vfs, fp, path)
    try:
        forbidden(fp, dirp, W_OK | X_OK)
        req_slink(vfs, dirp.fs_e, dirp.inode_nr, name, target, fp.uid, fp.gid)
    finally:
        vfs.vnodes.put(dirp)
    return 0


def do_rdlink(vfs, m: Message):
    """readlink(path, buf, size): m1_p1 path, m1_p2 buffer, m1_i2 its size."""
    fp = vfs.caller(m)
    size = m.m1_i2
    if size <= 0:
        raise ErrnoError(Errno.EINVAL)
    vp = eat_path(vfs, fp, m1_name(vfs, fp, m), V.PATH_RET_SYMLINK)
    try:
        if vp.mode & 0o170000 != 0o120000:
            raise ErrnoError(Errno.EINVAL)
        return req_rdlink(vfs, vp.fs_e, vp.inode_nr, size, fp.endpoint, m.m1_p2)
    finally:
        vfs.vnodes.put(vp)


def truncate_vnode(vfs, vp, length: int) -> None:
    if length < 0:
        raise ErrnoError(Errno.EINVAL)
    if length > MAX_FILE_POS:
        raise ErrnoError(Errno.EFBIG)
    if vp.is_dir():
        raise ErrnoError(Errno.EISDIR)
    if not vp.is_reg():
        raise ErrnoError(Errno.EINVAL)
    read_only(vp)
    req_ftrunc(vfs, vp.fs_e, vp.inode_nr, length, 0)
    vp.size = length


def do_truncate(vfs, m: Message):
    fp = vfs.caller(m)
    vp = eat_path(vfs, fp, fetch_name(vfs, fp.endpoint, m.m2_p1, m.m2_i1))
    try:
        if vp.is_dir():
            raise ErrnoError(Errno.EISDIR)
        forbidden(fp, vp, W_OK)
        truncate_vnode(vfs, vp, m.m2_l1)
    finally:
        vfs.vnodes.put(vp)
    return 0


def do_ftruncate(vfs, m: Message):
    fp = vfs.caller(m)
    filp = get_filp(fp, m.m2_i1)
    if not writable(filp):
        raise ErrnoError(Errno.EBADF)
    if filp.vnode is None:
        raise ErrnoError(Errno.EINVAL)
    truncate_vnode(vfs, filp.vnode, m.m2_l1)
    return 0
