"""Permissions MFS checks itself (search permission during lookup), REQ_CHMOD, REQ_CHOWN.

Every other permission decision is VFS's; MFS applies the caller's ids that
VFS sends with a lookup, as MINIX's forbidden() does: root may search any
directory and execute a file only if some x bit is set.
"""
from dataclasses import dataclass, field

from emu.abi import minixfs as fs
from emu.abi.errno import Errno
from emu.abi.vfsif import REQ_GID, REQ_INODE_NR, REQ_MODE, REQ_UID, RES_MODE
from emu.servers.mfs.inode import MInode
from emu.servers.mfs.msg import arg, reply
from emu.servers.server import ErrnoError

R_BIT, W_BIT, X_BIT = 0o4, 0o2, 0o1
SU_UID = 0


@dataclass(slots=True)
class Credentials:
    uid: int
    gid: int
    groups: list = field(default_factory=list)


def forbidden(mfs, ip: MInode, access: int, cred: Credentials) -> None:
    """Raise EACCES unless `cred` has `access` (R/W/X bits) to ip; EROFS for writes."""
    bits = ip.mode
    if cred.uid == SU_UID:
        perm = R_BIT | W_BIT
        if ip.type == fs.I_DIRECTORY or bits & 0o111:
            perm |= X_BIT
    else:
        if cred.uid == ip.uid:
            shift = 6
        elif cred.gid == ip.gid or ip.gid in cred.groups:
            shift = 3
        else:
            shift = 0
        perm = (bits >> shift) & 0o7
    if perm & access != access:
        raise ErrnoError(Errno.EACCES)
    if access & W_BIT:
        mfs.writable()


def do_chmod(mfs, m):
    mfs.writable()
    ip = mfs.held_inode(arg(m, REQ_INODE_NR))
    ip.mode = (ip.mode & ~fs.ALL_MODES) | (arg(m, REQ_MODE) & fs.ALL_MODES)
    ip.ctime = mfs.now()
    mfs.inodes.write(ip)
    return reply(**{RES_MODE: ip.mode})


def do_chown(mfs, m):
    mfs.writable()
    ip = mfs.held_inode(arg(m, REQ_INODE_NR))
    ip.uid = arg(m, REQ_UID)
    ip.gid = arg(m, REQ_GID) & 0xFFFF
    ip.mode &= ~(fs.I_SET_UID_BIT | fs.I_SET_GID_BIT)
    ip.ctime = mfs.now()
    mfs.inodes.write(ip)
    return reply(**{RES_MODE: ip.mode})
