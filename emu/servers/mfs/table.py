"""MFS's dispatch table: VFS/FS request number -> (handler, who may send it):
VFS only (MINIX's table.c; sender rules in emu/servers/server.py)."""
from emu.abi.vfsif import FsRequest as R
from emu.servers.mfs import link, misc, open, path, protect, read, stadir, super
from emu.servers.server import Senders

VFS = Senders.VFS

CALLS = {
    R.REQ_READSUPER: (super.do_readsuper, VFS),
    R.REQ_LOOKUP: (path.do_lookup, VFS),
    R.REQ_PUTNODE: (misc.do_putnode, VFS),
    R.REQ_CREATE: (open.do_create, VFS),
    R.REQ_MKNOD: (open.do_mknod, VFS),
    R.REQ_MKDIR: (open.do_mkdir, VFS),
    R.REQ_SLINK: (open.do_slink, VFS),
    R.REQ_READ: (read.do_read, VFS),
    R.REQ_WRITE: (read.do_write, VFS),
    R.REQ_PEEK: (read.do_peek, VFS),
    R.REQ_GETDENTS: (read.do_getdents, VFS),
    R.REQ_STAT: (stadir.do_stat, VFS),
    R.REQ_STATVFS: (stadir.do_statvfs, VFS),
    R.REQ_UTIME: (stadir.do_utime, VFS),
    R.REQ_CHMOD: (protect.do_chmod, VFS),
    R.REQ_CHOWN: (protect.do_chown, VFS),
    R.REQ_FTRUNC: (link.do_ftrunc, VFS),
    R.REQ_LINK: (link.do_link, VFS),
    R.REQ_UNLINK: (link.do_unlink, VFS),
    R.REQ_RMDIR: (link.do_rmdir, VFS),
    R.REQ_RENAME: (link.do_rename, VFS),
    R.REQ_RDLINK: (link.do_rdlink, VFS),
    R.REQ_SYNC: (misc.do_sync, VFS),
    R.REQ_MOUNTPOINT: (misc.do_mountpoint, VFS),
    R.REQ_UNMOUNT: (misc.do_unmount, VFS),
}
