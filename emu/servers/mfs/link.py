"""Names and sizes: REQ_LINK, REQ_UNLINK, REQ_RMDIR, REQ_RENAME, REQ_RDLINK, REQ_FTRUNC (link.c).

Walks up a directory tree (rename's "not into itself" check) are bounded by
the number of inodes, so a corrupt `..` chain that loops is EIO, not a hang.
"""
from emu.abi import minixfs as fs
from emu.abi.errno import Errno
from emu.abi.vfsif import (REQ_DIR_INO, REQ_GRANT, REQ_INODE_NR, REQ_MEM_SIZE,
                           REQ_REN_GRANT_NEW, REQ_REN_GRANT_OLD, REQ_REN_LEN_NEW,
                           REQ_REN_LEN_OLD, REQ_REN_NEW_DIR, REQ_REN_OLD_DIR, REQ_TRC_END_HI,
                           REQ_TRC_END_LO, REQ_TRC_START_HI, REQ_TRC_START_LO, RES_NBYTES)
from emu.servers.mfs.inode import Corrupt, MInode
from emu.servers.mfs.msg import arg, reply
from emu.servers.mfs.path import (DELETE, ENTER, IS_EMPTY, LOOK_UP, advance, last_dir_entry,
                                  search_dir)
from emu.servers.mfs.read import read_bytes, write_bytes
from emu.servers.server import ErrnoError


def do_link(mfs, m):
    mfs.writable()
    ip = mfs.held_inode(arg(m, REQ_INODE_NR))
    name = last_dir_entry(mfs, m)
    dirp = mfs.held_inode(arg(m, REQ_DIR_INO))
    if ip.type == fs.I_DIRECTORY:
        raise ErrnoError(Errno.EPERM, "link to a directory")
    if ip.nlinks >= fs.LINK_MAX:
        raise ErrnoError(Errno.EMLINK)
    if dirp.nlinks == 0:
        raise ErrnoError(Errno.ENOENT)
    search_dir(mfs, dirp, name, ENTER, ip.num)
    ip.nlinks += 1
    ip.ctime = mfs.now()
    mfs.inodes.write(ip)
    return reply()


def _unlink_file(mfs, dirp: MInode, ip: MInode, name: bytes) -> None:
    search_dir(mfs, dirp, name, DELETE)
    ip.nlinks -= 1
    ip.ctime = mfs.now()
    mfs.inodes.write(ip)


def _remove_dir(mfs, dirp: MInode, ip: MInode, name: bytes) -> None:
    if ip.type != fs.I_DIRECTORY:
        raise ErrnoError(Errno.ENOTDIR)
    if name in (b".", b".."):
        raise ErrnoError(Errno.EINVAL)
    search_dir(mfs, ip, b"", IS_EMPTY)
    if ip.num == fs.ROOT_INODE or ip.mountpoint:
        raise ErrnoError(Errno.EBUSY)
    _unlink_file(mfs, dirp, ip, name)
    # The removed directory's "." and its ".." (a link of the parent) go too.
    ip.nlinks = 0
    mfs.inodes.write(ip)
    if dirp.nlinks > 0:
        dirp.nlinks -= 1
    mfs.inodes.write(dirp)


def _unlink(mfs, m, rmdir: bool):
    mfs.writable()
    dirp = mfs.held_inode(arg(m, REQ_INODE_NR))
    name = last_dir_entry(mfs, m)
    ip = advance(mfs, dirp, name, None)
    try:
        if ip.mountpoint:
            raise ErrnoError(Errno.EBUSY)
        if rmdir:
            _remove_dir(mfs, dirp, ip, name)
        else:
            if ip.type == fs.I_DIRECTORY:
                raise ErrnoError(Errno.EPERM, "unlink of a directory")
            _unlink_file(mfs, dirp, ip, name)
    finally:
        mfs.inodes.put(ip)
    return reply()


def do_unlink(mfs, m):
    return _unlink(mfs, m, rmdir=False)


def do_rmdir(mfs, m):
    return _unlink(mfs, m, rmdir=True)


def _is_ancestor(mfs, anc: MInode, dirp: MInode) -> bool:
    """Is `anc` dirp or above it? Follows `..` up to the root, at most ninodes steps."""
    ino = dirp.num
    for _ in range(mfs.sb.ninodes + 1):
        if ino == anc.num:
            return True
        if ino == fs.ROOT_INODE:
            return False
        ip = mfs.inodes.get(ino)
        try:
            parent = search_dir(mfs, ip, b"..", LOOK_UP)
        finally:
            mfs.inodes.put(ip)
        if parent == ino:
            return False
        ino = parent
    raise Corrupt("directory loop in the .. chain")


def do_rename(mfs, m):
    mfs.writable()
    old_name = last_dir_entry(mfs, m, REQ_REN_GRANT_OLD, REQ_REN_LEN_OLD)
    new_name = last_dir_entry(mfs, m, REQ_REN_GRANT_NEW, REQ_REN_LEN_NEW)
    old_dir = mfs.held_inode(arg(m, REQ_REN_OLD_DIR))
    new_dir = mfs.held_inode(arg(m, REQ_REN_NEW_DIR))
    if old_name in (b".", b"..") or new_name in (b".", b".."):
        raise ErrnoError(Errno.EINVAL)
    old_ip = advance(mfs, old_dir, old_name, None)
    new_ip = None
    try:
        if old_ip.mountpoint:
            raise ErrnoError(Errno.EBUSY)
        if new_dir.nlinks == 0:
            raise ErrnoError(Errno.ENOENT)
        is_dir = old_ip.type == fs.I_DIRECTORY
        if is_dir and _is_ancestor(mfs, old_ip, new_dir):
            raise ErrnoError(Errno.EINVAL, "rename into itself")
        try:
            new_ip = advance(mfs, new_dir, new_name, None)
        except ErrnoError as e:
            if e.errno != Errno.ENOENT:
                raise
        if new_ip is not None:
            if new_ip.num == old_ip.num:
                return reply()          # the same file: nothing to do
            if new_ip.mountpoint:
                raise ErrnoError(Errno.EBUSY)
            if is_dir and new_ip.type != fs.I_DIRECTORY:
                raise ErrnoError(Errno.ENOTDIR)
            if not is_dir and new_ip.type == fs.I_DIRECTORY:
                raise ErrnoError(Errno.EISDIR)
            if new_ip.type == fs.I_DIRECTORY:
                _remove_dir(mfs, new_dir, new_ip, new_name)
            else:
                _unlink_file(mfs, new_dir, new_ip, new_name)
        elif is_dir and new_dir.num != old_dir.num and new_dir.nlinks >= fs.LINK_MAX:
            raise ErrnoError(Errno.EMLINK)
        search_dir(mfs, new_dir, new_name, ENTER, old_ip.num)
        search_dir(mfs, old_dir, old_name, DELETE)
        now = mfs.now()
        old_ip.ctime = now
        if is_dir and new_dir.num != old_dir.num:
            _set_dotdot(mfs, old_ip, new_dir.num)
            old_dir.nlinks -= 1
            new_dir.nlinks += 1
        for d in (old_dir, new_dir):
            d.mtime = d.ctime = now
            mfs.inodes.write(d)
        mfs.inodes.write(old_ip)
    finally:
        mfs.inodes.put(new_ip)
        mfs.inodes.put(old_ip)
    return reply()


def _set_dotdot(mfs, ip: MInode, parent: int) -> None:
    raw = read_bytes(mfs, ip, 0, ip.size)
    for off in range(0, len(raw) - fs.DIR_ENTRY_SIZE + 1, fs.DIR_ENTRY_SIZE):
        ino, name = fs.unpack_dirent(raw, off)
        if ino and name == b"..":
            write_bytes(mfs, ip, off, fs.ZONE_NUM.pack(parent))
            mfs.dirindex.drop(ip.num)
            return
    search_dir(mfs, ip, b"..", ENTER, parent)


def do_rdlink(mfs, m):
    ip = mfs.held_inode(arg(m, REQ_INODE_NR))
    if ip.type != fs.I_SYMBOLIC_LINK:
        raise ErrnoError(Errno.EINVAL)
    size = arg(m, REQ_MEM_SIZE)
    if size < 0:
        raise ErrnoError(Errno.EINVAL)
    if ip.size >= mfs.sb.block_size:
        raise Corrupt(f"symlink inode {ip.num} of size {ip.size}")
    text = read_bytes(mfs, ip, 0, min(size, ip.size))
    if text:
        mfs.sys.safecopy_to(mfs.endpoint, m.m_source, arg(m, REQ_GRANT), 0, text)
    return reply(**{RES_NBYTES: len(text)})


def do_ftrunc(mfs, m):
    """Truncate to REQ_TRC_START, or free [start, end) when an end is given."""
    mfs.writable()
    ip = mfs.held_inode(arg(m, REQ_INODE_NR))
    if ip.type not in (fs.I_REGULAR, fs.I_DIRECTORY, fs.I_SYMBOLIC_LINK):
        raise ErrnoError(Errno.EINVAL)
    if arg(m, REQ_TRC_START_HI) or arg(m, REQ_TRC_END_HI):
        raise ErrnoError(Errno.EFBIG)
    start = arg(m, REQ_TRC_START_LO) & 0xFFFFFFFF
    end = arg(m, REQ_TRC_END_LO) & 0xFFFFFFFF
    if start > mfs.sb.max_file_size():
        raise ErrnoError(Errno.EFBIG)
    if end == 0:
        mfs.zones.truncate(ip, start)
    else:
        _free_range(mfs, ip, start, min(end, ip.size))
        mfs.dirindex.drop(ip.num)
    ip.mtime = ip.ctime = mfs.now()
    mfs.inodes.write(ip)
    return reply()


def _free_range(mfs, ip: MInode, start: int, end: int) -> None:
    """Zero [start, end) of the file: whole blocks become holes, partial ones zeros."""
    bs = mfs.sb.block_size
    pos = start
    while pos < end:
        n, off = divmod(pos, bs)
        chunk = min(bs - off, end - pos)
        z = mfs.zones.read_map(ip, n)
        if z:
            if chunk == bs:
                mfs.zones.write_map(ip, n, 0)
                mfs.zones.free_zone(z)
            else:
                blk = mfs.cache.get(z)
                blk[off:off + chunk] = bytes(chunk)
                mfs.cache.mark_dirty(z)
        pos += chunk
