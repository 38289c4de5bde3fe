"""sync, fsync and utime (MINIX's misc.c and time.c)."""
from emu.abi.errno import Errno
from emu.abi.fcntl import W_OK
from emu.abi.message import Message
from emu.servers.server import ErrnoError
from emu.servers.vfs.filedes import get_filp
from emu.servers.vfs.path import eat_path, fetch_name
from emu.servers.vfs.protect import SU_UID, forbidden, read_only
from emu.servers.vfs.request import req_sync, req_utime


def sync_all(vfs) -> None:
    """Write every file system's dirty blocks back (sync, and at shutdown)."""
    for vmp in list(vfs.vmnts):
        req_sync(vfs, vmp.fs_e)


def do_sync(vfs, m: Message):
    vfs.caller(m)
    sync_all(vfs)
    return 0


def do_fsync(vfs, m: Message):
    fp = vfs.caller(m)
    filp = get_filp(fp, m.m1_i1)
    if filp.vnode is None:
        raise ErrnoError(Errno.EINVAL)
    req_sync(vfs, filp.vnode.fs_e)
    return 0


def do_utime(vfs, m: Message):
    """utime(path, times): m2_i1 length, m2_l1/m2_l2 the times; utime(path,
    NULL): m2_i1 0 and m2_i2 the length (the current time for both)."""
    fp = vfs.caller(m)
    now_request = m.m2_i1 == 0
    length = m.m2_i2 if now_request else m.m2_i1
    vp = eat_path(vfs, fp, fetch_name(vfs, fp.endpoint, m.m2_p1, length))
    try:
        owner = fp.uid in (SU_UID, vp.uid)
        if now_request:
            if not owner:
                forbidden(fp, vp, W_OK)   # anyone who may write the file may touch it
            actime = modtime = vfs.now()
        else:
            if not owner:
                raise ErrnoError(Errno.EPERM)
            actime, modtime = m.m2_l1, m.m2_l2
        read_only(vp)
        req_utime(vfs, vp.fs_e, vp.inode_nr, actime, modtime)
    finally:
        vfs.vnodes.put(vp)
    return 0
