"""open, creat, mknod, mkdir (MINIX's open.c): names become open files.

common_open resolves (or creates) the node, checks permissions for the
access mode, opens a device node with its driver, and only then takes a
descriptor and a filp, so a failure leaves nothing behind.
"""
from emu.abi import vfsif as V
from emu.abi.errno import Errno
from emu.abi.fcntl import (O_ACCMODE, O_RDONLY, O_RDWR, O_WRONLY, PATH_MAX, R_OK, S_IFBLK,
                           S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG, S_IFSOCK,
                           SYMLOOP_MAX, W_OK, X_OK, OpenFlag)
from emu.abi.message import Message
from emu.servers.server import ErrnoError
from emu.servers.vfs.device import dev_close, dev_open, major, minor
from emu.servers.vfs.filedes import install_fd
from emu.servers.vfs.filp import FILP_BLOCK, FILP_CHAR, FILP_FS, FILP_PIPE
from emu.servers.vfs.path import eat_path, last_dir, lookup_in, m1_name, m3_name
from emu.servers.vfs.pipe import fifo_open, open_count
from emu.servers.vfs.protect import SU_UID, forbidden, read_only
from emu.servers.vfs.request import req_create, req_ftrunc, req_mkdir, req_mknod, req_rdlink

_ACCESS = {O_RDONLY: R_OK, O_WRONLY: W_OK, O_RDWR: R_OK | W_OK}
# Plain ints: IntFlag arithmetic goes through the enum machinery on every
# open (bench/: create+write+close of 1,000 files).
_O_CREAT, _O_EXCL, _O_TRUNC = int(OpenFlag.O_CREAT), int(OpenFlag.O_EXCL), int(OpenFlag.O_TRUNC)
_FILP_DROPS = ~(O_ACCMODE | _O_CREAT | _O_EXCL | _O_TRUNC)


def do_open(vfs, m: Message):
    fp = vfs.caller(m)
    flags = m.m1_i2                  # m1_i2 and m3_i2 are the same word
    if flags & _O_CREAT:             # m1: length, flags, mode, name
        path, mode = m1_name(vfs, fp, m), m.m1_i3
    else:                            # m3: length, flags, name
        path, mode = m3_name(vfs, fp, m), 0
    return common_open(vfs, fp, path, flags, mode)


def do_creat(vfs, m: Message):
    fp = vfs.caller(m)
    path = m3_name(vfs, fp, m)
    return common_open(vfs, fp, path, O_WRONLY | OpenFlag.O_CREAT | OpenFlag.O_TRUNC, m.m3_i2)


def common_open(vfs, fp, path: bytes, flags: int, mode: int) -> int:
    accmode = flags & O_ACCMODE
    if accmode not in _ACCESS:
        raise ErrnoError(Errno.EINVAL)
    fd = fp.lowest_free_fd()
    if fd is None:
        raise ErrnoError(Errno.EMFILE)
    created = False
    if flags & _O_CREAT:
        bits = S_IFREG | (mode & 0o7777 & ~fp.umask)
        vp, created = new_node(vfs, fp, path, bits, exclusive=bool(flags & _O_EXCL))
    else:
        vp = eat_path(vfs, fp, path)
    try:
        filp = open_vnode(vfs, fp, vp, flags, check=not created)
    except BaseException:
        vfs.vnodes.put(vp)
        raise
    install_fd(fp, fd, filp)
    if filp.kind == FILP_PIPE:
        return fifo_open(vfs, fp, fd, filp)
    return fd


def open_vnode(vfs, fp, vp, flags: int, check: bool = True):
    """A filp for a vnode the caller holds a reference to (which the filp takes).

    check=False: the file was just created (no permission check, and nothing
    to truncate, as MINIX's common_open)."""
    accmode = flags & O_ACCMODE
    access = _ACCESS[accmode]
    ftype = vp.mode & S_IFMT
    kind, dev_major, dev_minor = FILP_FS, 0, 0
    if check:
        forbidden(fp, vp, access)
    if ftype == S_IFREG:
        if flags & _O_TRUNC and access & W_OK and check:
            read_only(vp)
            req_ftrunc(vfs, vp.fs_e, vp.inode_nr, 0, 0)
            vp.size = 0
    elif ftype == S_IFDIR:
        if access & W_OK:
            raise ErrnoError(Errno.EISDIR)
    elif ftype in (S_IFCHR, S_IFBLK):
        dev_major, dev_minor = major(vp.sdev), minor(vp.sdev)
        kind = FILP_CHAR if ftype == S_IFCHR else FILP_BLOCK
        dev_minor = dev_open(vfs, fp.endpoint, dev_major, dev_minor,
                             accmode | (flags & OpenFlag.O_NOCTTY),
                             fp.sid if fp.sid == fp.pid else 0)
    elif ftype == S_IFIFO:
        kind = FILP_PIPE
    elif ftype == S_IFSOCK:
        raise ErrnoError(Errno.ENXIO)
    try:
        filp = vfs.filps.alloc(accmode, flags & _FILP_DROPS, vp, kind, dev_major, dev_minor)
    except ErrnoError:
        if kind in (FILP_CHAR, FILP_BLOCK):
            dev_close(vfs, dev_major, dev_minor)
        raise
    if kind == FILP_PIPE:
        open_count(vfs, vp, accmode)
    return filp


def new_node(vfs, fp, path: bytes, bits: int, exclusive: bool, relative_to=None,
             symloop: int = 0):
    """The regular file a path names, created if missing: (vnode, created).

    A last component that is a symlink is followed, and a dangling one
    creates its target (POSIX); with O_EXCL any existing name is EEXIST."""
    dirp, name = last_dir(vfs, fp, path, relative_to)
    try:
        vp = lookup_in(vfs, fp, dirp, name, V.PATH_RET_SYMLINK)
        if vp is not None and vp.mode & S_IFMT == S_IFLNK and not exclusive:
            try:
                target = req_rdlink(vfs, vp.fs_e, vp.inode_nr, PATH_MAX)
            finally:
                vfs.vnodes.put(vp)
            if symloop >= SYMLOOP_MAX:
                raise ErrnoError(Errno.ELOOP)
            return new_node(vfs, fp, target, bits, exclusive, dirp, symloop + 1)
        if vp is not None:
            if exclusive:
                vfs.vnodes.put(vp)
                raise ErrnoError(Errno.EEXIST)
            return vp, False
        forbidden(fp, dirp, W_OK | X_OK)
        node = req_create(vfs, dirp.fs_e, dirp.inode_nr, bits, fp.uid, fp.gid, name)
        vp = vfs.vnodes.enter(node.fs_e, node.inode_nr, node.mode, node.size, node.uid,
                              node.gid, 0, dirp.vmnt)
        return vp, True
    finally:
        vfs.vnodes.put(dirp)


def _make_in_dir(vfs, fp, path: bytes, make) -> int:
    dirp, name = last_dir(vfs, fp, path)
    try:
        forbidden(fp, dirp, W_OK | X_OK)
        make(dirp, name)
    finally:
        vfs.vnodes.put(dirp)
    return 0


def do_mknod(vfs, m: Message):
    fp = vfs.caller(m)
    path = m1_name(vfs, fp, m)
    mode, dev = m.m1_i2, m.m1_i3
    ftype = mode & S_IFMT or S_IFREG
    if ftype not in (S_IFREG, S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK):
        raise ErrnoError(Errno.EINVAL)
    if ftype not in (S_IFIFO, S_IFSOCK) and fp.uid != SU_UID:   # 3.1.8: sockets too
        raise ErrnoError(Errno.EPERM)
    bits = ftype | (mode & 0o7777 & ~fp.umask)
    return _make_in_dir(vfs, fp, path, lambda d, name: req_mknod(
        vfs, d.fs_e, d.inode_nr, name, fp.uid, fp.gid, bits, dev & 0xFFFF))


def do_mkdir(vfs, m: Message):
    fp = vfs.caller(m)
    path = m1_name(vfs, fp, m)
    bits = S_IFDIR | (m.m1_i2 & 0o7777 & ~fp.umask)
    return _make_in_dir(vfs, fp, path, lambda d, name: req_mkdir(
        vfs, d.fs_e, d.inode_nr, name, fp.uid, fp.gid, bits))
