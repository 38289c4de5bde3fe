"""Making inodes: REQ_CREATE, REQ_MKNOD, REQ_MKDIR (with . and ..), REQ_SLINK (open.c)."""
from emu.abi import minixfs as fs
from emu.abi.errno import Errno
from emu.abi.vfsif import (REQ_DEV, REQ_GID, REQ_GRANT3, REQ_INODE_NR, REQ_MEM_SIZE, REQ_MODE,
                           REQ_UID, RES_FILE_SIZE_LO, RES_GID, RES_INODE_NR,
                           RES_MODE, RES_UID, m9_index)
from emu.servers.mfs.inode import MInode
from emu.servers.mfs.msg import arg, reply, reply_m9
from emu.servers.mfs.path import DELETE, ENTER, LOOK_UP, last_dir_entry, search_dir
from emu.servers.mfs.read import write_bytes
from emu.servers.server import ErrnoError


def new_node(mfs, dirp: MInode, name: bytes, mode: int, uid: int, gid: int,
             zone0: int = 0) -> MInode:
    """Allocate an inode and enter it in dirp as `name`; returns it with one reference."""
    mfs.writable()
    if dirp.type != fs.I_DIRECTORY:
        raise ErrnoError(Errno.ENOTDIR)
    if dirp.nlinks == 0:
        raise ErrnoError(Errno.ENOENT, "directory was removed")
    if mode & fs.I_TYPE not in fs.INODE_TYPES:
        raise ErrnoError(Errno.EINVAL, f"bad file type {mode & fs.I_TYPE:o}")
    try:
        search_dir(mfs, dirp, name, LOOK_UP)
    except ErrnoError as e:
        if e.errno != Errno.ENOENT:
            raise
    else:
        raise ErrnoError(Errno.EEXIST)
    ip = mfs.inodes.alloc(mode, uid, gid & 0xFFFF)
    ip.nlinks = 1
    ip.zones[0] = zone0
    mfs.inodes.write(ip)
    try:
        search_dir(mfs, dirp, name, ENTER, ip.num)
    except ErrnoError:
        ip.nlinks = 0
        mfs.inodes.write(ip)
        mfs.inodes.put(ip)          # frees it again
        raise
    return ip


def _request(mfs, m) -> tuple[MInode, bytes]:
    name = last_dir_entry(mfs, m)
    return mfs.held_inode(arg(m, REQ_INODE_NR)), name


def do_create(mfs, m):
    dirp, name = _request(mfs, m)
    mode = arg(m, REQ_MODE) & 0xFFFF
    if mode & fs.I_TYPE == 0:
        mode |= fs.I_REGULAR
    ip = new_node(mfs, dirp, name, mode, arg(m, REQ_UID), arg(m, REQ_GID))
    body = [0] * 9      # one pack (bench: create+write+close of 1,000 files)
    body[_R_INO], body[_R_MODE], body[_R_LO], body[_R_UID], body[_R_GID] = (
        ip.num, ip.mode, ip.size, ip.uid, ip.gid)
    return reply_m9(0, body)


_R_INO, _R_MODE, _R_LO, _R_UID, _R_GID = (
    m9_index(f) for f in (RES_INODE_NR, RES_MODE, RES_FILE_SIZE_LO, RES_UID, RES_GID))


def do_mknod(mfs, m):
    dirp, name = _request(mfs, m)
    mode = arg(m, REQ_MODE) & 0xFFFF
    if mode & fs.I_TYPE == 0:
        mode |= fs.I_REGULAR
    if mode & fs.I_TYPE == fs.I_DIRECTORY:
        raise ErrnoError(Errno.EINVAL, "mknod of a directory")
    special = mode & fs.I_TYPE in (fs.I_CHAR_SPECIAL, fs.I_BLOCK_SPECIAL)
    zone0 = arg(m, REQ_DEV) & 0xFFFF if special else 0
    mfs.inodes.put(new_node(mfs, dirp, name, mode, arg(m, REQ_UID), arg(m, REQ_GID), zone0))
    return reply()


def do_mkdir(mfs, m):
    dirp, name = _request(mfs, m)
    if dirp.nlinks >= fs.LINK_MAX:
        raise ErrnoError(Errno.EMLINK)
    mode = fs.I_DIRECTORY | (arg(m, REQ_MODE) & fs.ALL_MODES)
    ip = new_node(mfs, dirp, name, mode, arg(m, REQ_UID), arg(m, REQ_GID))
    try:
        search_dir(mfs, ip, b".", ENTER, ip.num)
        search_dir(mfs, ip, b"..", ENTER, dirp.num)
    except ErrnoError:
        search_dir(mfs, dirp, name, DELETE)
        ip.nlinks = 0
        mfs.inodes.write(ip)
        mfs.inodes.put(ip)
        raise
    ip.nlinks += 1                  # its own "."
    dirp.nlinks += 1                # the new ".."
    dirp.mtime = dirp.ctime = mfs.now()
    mfs.inodes.write(ip)
    mfs.inodes.write(dirp)
    mfs.inodes.put(ip)
    return reply()


def do_slink(mfs, m):
    dirp, name = _request(mfs, m)
    length = arg(m, REQ_MEM_SIZE)
    if length <= 0:
        raise ErrnoError(Errno.ENOENT)
    if length >= mfs.sb.block_size:
        raise ErrnoError(Errno.ENAMETOOLONG)
    text = mfs.sys.safecopy_from(mfs.endpoint, m.m_source, arg(m, REQ_GRANT3), 0, length)
    if b"\0" in text:
        text = text[:text.index(b"\0")]
    if not text:
        raise ErrnoError(Errno.ENOENT)
    ip = new_node(mfs, dirp, name, fs.I_SYMBOLIC_LINK | 0o777, arg(m, REQ_UID),
                  arg(m, REQ_GID))
    try:
        if write_bytes(mfs, ip, 0, text) != len(text):
            raise ErrnoError(Errno.ENOSPC)
    except ErrnoError:
        search_dir(mfs, dirp, name, DELETE)
        ip.nlinks = 0
        mfs.inodes.write(ip)
        mfs.inodes.put(ip)
        raise
    mfs.inodes.put(ip)
    return reply()
