"""Directories and status (MINIX's stadir.c): chdir, fchdir, chroot, stat,
fstat, lstat, statvfs, fstatvfs.

stat goes straight from the file system server into the caller's buffer (a
grant of the user's memory). A descriptor opened before any file system was
mounted (the console of a process started without a disk) has no vnode; its
status is what VFS knows of it.
"""
from emu.abi import vfsif as V
from emu.abi.errno import Errno
from emu.abi.fcntl import S_IFCHR, S_IFSOCK, UDS_MAJOR, X_OK
from emu.abi.message import Message
from emu.abi.stat import STAT, STATVFS, pack_stat
from emu.servers.server import ErrnoError
from emu.servers.vfs.filedes import get_filp
from emu.servers.vfs.filp import FILP_CHAR
from emu.servers.vfs.path import eat_path, m1_name, m3_name
from emu.servers.vfs.protect import SU_UID, forbidden
from emu.servers.vfs.request import req_stat, req_statvfs


def _change_dir(vfs, fp, vp, which: str) -> None:
    """Make vp the process's working (or root) directory; takes the caller's reference."""
    try:
        if not vp.is_dir():
            raise ErrnoError(Errno.ENOTDIR)
        forbidden(fp, vp, X_OK)
    except ErrnoError:
        vfs.vnodes.put(vp)
        raise
    if which == "cwd":
        old, fp.cwd = fp.cwd, vp
    else:
        old, fp.root = fp.root, vp
    vfs.vnodes.put(old)


def do_chdir(vfs, m: Message):
    fp = vfs.caller(m)
    _change_dir(vfs, fp, eat_path(vfs, fp, m3_name(vfs, fp, m)), "cwd")
    return 0


def do_fchdir(vfs, m: Message):
    fp = vfs.caller(m)
    filp = get_filp(fp, m.m1_i1)
    if filp.vnode is None:
        raise ErrnoError(Errno.ENOTDIR)
    _change_dir(vfs, fp, vfs.vnodes.dup(filp.vnode), "cwd")
    return 0


def do_chroot(vfs, m: Message):
    fp = vfs.caller(m)
    if fp.uid != SU_UID:
        raise ErrnoError(Errno.EPERM)
    _change_dir(vfs, fp, eat_path(vfs, fp, m3_name(vfs, fp, m)), "root")
    return 0


def _stat_path(vfs, m: Message, flags: int):
    fp = vfs.caller(m)
    vp = eat_path(vfs, fp, m1_name(vfs, fp, m), flags)
    try:
        req_stat(vfs, vp.fs_e, vp.inode_nr, fp.endpoint, m.m1_p2, STAT.size)
    finally:
        vfs.vnodes.put(vp)
    return 0


def do_stat(vfs, m: Message):
    return _stat_path(vfs, m, V.PATH_NOFLAGS)


def do_lstat(vfs, m: Message):
    return _stat_path(vfs, m, V.PATH_RET_SYMLINK)


def do_fstat(vfs, m: Message):
    fp = vfs.caller(m)
    filp = get_filp(fp, m.m1_i1)
    vp = filp.vnode
    if filp.major == UDS_MAJOR and filp.kind == FILP_CHAR:
        # A socket: each clone of /dev/uds is its own device (major 18, minor = slot).
        now = vfs.now()
        dev = (UDS_MAJOR << 8) | filp.minor
        vfs.sys.copy_to(fp.endpoint, m.m1_p1, pack_stat(
            dev, 0, S_IFSOCK | 0o666, 1, fp.uid, fp.gid, dev, 0, now, now, now))
        return 0
    if vp is not None:
        req_stat(vfs, vp.fs_e, vp.inode_nr, fp.endpoint, m.m1_p1, STAT.size)
        return 0
    now = vfs.now()
    vfs.sys.copy_to(fp.endpoint, m.m1_p1, pack_stat(
        0, 0, S_IFCHR | 0o620, 1, 0, 0, (filp.major << 8) | filp.minor, 0, now, now, now))
    return 0


def do_statvfs(vfs, m: Message):
    fp = vfs.caller(m)
    vp = eat_path(vfs, fp, m1_name(vfs, fp, m))
    try:
        req_statvfs(vfs, vp.fs_e, fp.endpoint, m.m1_p2, STATVFS.size)
    finally:
        vfs.vnodes.put(vp)
    return 0


def do_fstatvfs(vfs, m: Message):
    fp = vfs.caller(m)
    filp = get_filp(fp, m.m1_i1)
    if filp.vnode is None:
        raise ErrnoError(Errno.EINVAL)
    req_statvfs(vfs, filp.vnode.fs_e, fp.endpoint, m.m1_p1, STATVFS.size)
    return 0
