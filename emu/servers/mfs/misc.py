"""REQ_SYNC, REQ_PUTNODE, REQ_MOUNTPOINT, REQ_UNMOUNT: references, mounts and write-back."""
from emu.abi import minixfs as fs
from emu.abi.errno import Errno
from emu.abi.vfsif import REQ_COUNT, REQ_INODE_NR
from emu.servers.mfs.msg import arg, reply
from emu.servers.server import ErrnoError


def do_sync(mfs, m):
    mfs.sync()
    return reply()


def do_putnode(mfs, m):
    """VFS drops `count` references to an inode at once (MINIX's fs_putnode)."""
    ip = mfs.inodes.find(arg(m, REQ_INODE_NR))
    count = arg(m, REQ_COUNT)
    if ip is None:
        raise ErrnoError(Errno.EINVAL, f"inode {arg(m, REQ_INODE_NR)} is not in use")
    if count <= 0 or count > ip.count:
        raise ErrnoError(Errno.EINVAL, f"putnode count {count} of {ip.count}")
    ip.count -= count - 1
    mfs.inodes.put(ip)
    return reply()


def do_mountpoint(mfs, m):
    ip = mfs.inodes.find(arg(m, REQ_INODE_NR))
    if ip is None:
        raise ErrnoError(Errno.EINVAL)
    if ip.mountpoint:
        raise ErrnoError(Errno.EBUSY)
    if ip.type != fs.I_DIRECTORY:
        raise ErrnoError(Errno.ENOTDIR)
    ip.mountpoint = True
    return reply()


def do_unmount(mfs, m):
    """Only VFS's reference to the root may be left; then write back and close the device."""
    if mfs.inodes.busy() > 1:
        raise ErrnoError(Errno.EBUSY)
    mfs.unmount()
    return reply()
