"""The calls PFS makes back into VFS while VFS waits on it (MINIX 3.1.8's
PFS-VFS protocol for Unix domain sockets).

They run on behalf of the user process VFS is serving in that driver request
(`vfs.serving`, set around every driver sendrec in device.py), never one the
message names: PFS cannot make VFS act for anybody else. The table accepts
them only as nested calls (Senders.NESTED: the server VFS is waiting on), and
each handler checks that server is PFS.

CHECK_PERMS: the socket file a path names must exist and be readable and
writable by the process; its absolute canonical path (symlinks followed,
no "." or "..") goes back in PFS's buffer.

Descriptor passing (SCM_RIGHTS) names open files by their filp id:
VERIFY_FD   the serving process's fd -> its filp id (EBADF)
SET_FILP    take an in-flight reference to a filp (it stays open while queued)
COPY_FILP   install a filp in the serving process's lowest free fd (EMFILE)
            with a reference of its own -> the fd
PUT_FILP    drop an in-flight reference (the last one closes the file; a
            socket's close may come back here for what was in flight to it)
CANCEL_FD   undo a COPY_FILP: free the serving process's fd again
Each completes or fails whole: no reference is taken on a failed call.
"""
from emu.abi import endpoints as ep
from emu.abi import vfsif as V
from emu.abi.errno import Errno
from emu.abi.fcntl import PATH_MAX, R_OK, S_IFLNK, S_IFMT, SYMLOOP_MAX, W_OK
from emu.abi.message import Message
from emu.abi.stat import DIRENT_HEADER, DIRENT_NAME_OFFSET
from emu.abi.uds import SUN_PATH_MAX
from emu.servers.server import ErrnoError
from emu.servers.vfs.filedes import close_fd, get_filp, install_fd
from emu.servers.vfs.path import last_dir, lookup_in
from emu.servers.vfs.protect import forbidden
from emu.servers.vfs.request import req_getdents_vfs, req_rdlink

# CHECK_PERMS (m2): the process (checked against vfs.serving), a grant of
# PFS's path buffer (SUN_PATH_MAX bytes), the path's length.
CP_ENDPT, CP_GRANT, CP_LEN = "m2_i1", "m2_i2", "m2_i3"
# The descriptor calls (m2): the process, an fd, a filp id.
NC_ENDPT, NC_FD, NC_FILP = "m2_i1", "m2_i2", "m2_i3"
DIR_CHUNK = 4096


def _serving(vfs, m: Message):
    """The process VFS is calling PFS for; ECALLDENIED unless PFS is asking."""
    if m.m_source != ep.PFS or vfs.serving is None:
        raise ErrnoError(Errno.ECALLDENIED)
    fp = vfs.fprocs.get(vfs.serving)
    if fp is None or getattr(m, CP_ENDPT) != vfs.serving:
        raise ErrnoError(Errno.EPERM)
    return fp


def _from_pfs(vfs, m: Message) -> None:
    if m.m_source != ep.PFS:
        raise ErrnoError(Errno.ECALLDENIED)


def _filp(vfs, m: Message):
    filp = vfs.filps.get(getattr(m, NC_FILP))
    if filp is None or filp.count <= 0:
        raise ErrnoError(Errno.EINVAL)
    return filp


def do_verify_fd(vfs, m: Message):
    fp = _serving(vfs, m)
    return get_filp(fp, getattr(m, NC_FD)).id


def do_set_filp(vfs, m: Message):
    _from_pfs(vfs, m)
    _filp(vfs, m).count += 1
    return 0


def do_copy_filp(vfs, m: Message):
    fp = _serving(vfs, m)
    filp = _filp(vfs, m)
    fd = fp.lowest_free_fd()
    if fd is None:
        raise ErrnoError(Errno.EMFILE)
    filp.count += 1
    return install_fd(fp, fd, filp)


def do_put_filp(vfs, m: Message):
    _from_pfs(vfs, m)
    vfs.put_filp(_filp(vfs, m))
    return 0


def do_cancel_fd(vfs, m: Message):
    fp = _serving(vfs, m)
    close_fd(vfs, fp, getattr(m, NC_FD))
    return 0


def do_check_perms(vfs, m: Message):
    fp = _serving(vfs, m)
    length = getattr(m, CP_LEN)
    if not 0 < length < SUN_PATH_MAX:
        raise ErrnoError(Errno.EINVAL if length <= 0 else Errno.ENAMETOOLONG)
    gid = getattr(m, CP_GRANT)
    path = vfs.sys.safecopy_from(ep.VFS, ep.PFS, gid, 0, length)
    path = bytes(path).split(b"\0", 1)[0]
    if not path:
        raise ErrnoError(Errno.ENOENT)
    canon = canonical_path(vfs, fp, path)
    if len(canon) >= SUN_PATH_MAX:
        raise ErrnoError(Errno.ENAMETOOLONG)
    vfs.sys.safecopy_to(ep.VFS, ep.PFS, gid, 0, canon + b"\0")
    return len(canon)


def canonical_path(vfs, fp, path: bytes) -> bytes:
    """The absolute path of the file `path` names, after checking the caller
    may read and write it (EACCES), following symlinks (ELOOP)."""
    relative_to = None
    for _ in range(SYMLOOP_MAX + 1):
        dirp, name = last_dir(vfs, fp, path, relative_to)
        if relative_to is not None:
            vfs.vnodes.put(relative_to)
        relative_to = None
        try:
            vp = lookup_in(vfs, fp, dirp, name, V.PATH_RET_SYMLINK)
            if vp is None:
                raise ErrnoError(Errno.ENOENT)
            try:
                if vp.mode & S_IFMT == S_IFLNK:
                    path = req_rdlink(vfs, vp.fs_e, vp.inode_nr, PATH_MAX)
                    relative_to, dirp = dirp, None
                    continue
                forbidden(fp, vp, R_OK | W_OK)
                if name in (b".", b".."):
                    raise ErrnoError(Errno.EINVAL)
                base = dir_path(vfs, fp, dirp)
            finally:
                vfs.vnodes.put(vp)
        finally:
            if dirp is not None:
                vfs.vnodes.put(dirp)
        return (base.rstrip(b"/") + b"/" + name) if base != b"/" else b"/" + name
    if relative_to is not None:
        vfs.vnodes.put(relative_to)
    raise ErrnoError(Errno.ELOOP)


def dir_path(vfs, fp, dirp) -> bytes:
    """The absolute path of a directory vnode, found by walking `..` up to the
    process's root and looking each directory's name up in its parent."""
    parts: list[bytes] = []
    cur = vfs.vnodes.dup(dirp)
    try:
        for _ in range(PATH_MAX // 2):
            if _same(cur, fp.root):
                return b"/" + b"/".join(reversed(parts))
            vmp = vfs.vmnts.by_fs(cur.fs_e)
            if vmp is not None and _same(cur, vmp.root) and vmp.mounted_on is not None:
                nxt = vfs.vnodes.dup(vmp.mounted_on)      # a mounted root: its mount point
                vfs.vnodes.put(cur)
                cur = nxt
                continue
            parent = lookup_in(vfs, fp, cur, b"..")
            if parent is None or _same(parent, cur):
                if parent is not None:
                    vfs.vnodes.put(parent)
                return b"/" + b"/".join(reversed(parts))
            try:
                parts.append(_name_in(vfs, parent, cur.inode_nr))
            except BaseException:
                vfs.vnodes.put(parent)
                raise
            vfs.vnodes.put(cur)
            cur = parent
        raise ErrnoError(Errno.ENAMETOOLONG)
    finally:
        vfs.vnodes.put(cur)


def _same(a, b) -> bool:
    return a is not None and b is not None and a.fs_e == b.fs_e and a.inode_nr == b.inode_nr


def _name_in(vfs, dirp, inode_nr: int) -> bytes:
    pos = 0
    while True:
        pos2, data = req_getdents_vfs(vfs, dirp.fs_e, dirp.inode_nr, pos, DIR_CHUNK)
        if not data or pos2 == pos:
            raise ErrnoError(Errno.ENOENT, "directory not found in its parent")
        off = 0
        while off + DIRENT_NAME_OFFSET <= len(data):
            ino, _doff, reclen = DIRENT_HEADER.unpack_from(data, off)
            if reclen <= 0:
                break
            name = data[off + DIRENT_NAME_OFFSET:off + reclen].split(b"\0", 1)[0]
            if ino == inode_nr and name not in (b".", b".."):
                return name
            off += reclen
        pos = pos2
