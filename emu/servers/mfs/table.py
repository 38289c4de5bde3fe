"""MFS's dispatch table: VFS/FS request number -> handler (MINIX's table.c)."""
from emu.abi.vfsif import FsRequest as R
from emu.servers.mfs import link, misc, open, path, protect, read, stadir, super

CALLS = {
    R.REQ_READSUPER: super.do_readsuper,
    R.REQ_LOOKUP: path.do_lookup,
    R.REQ_PUTNODE: misc.do_putnode,
    R.REQ_CREATE: open.do_create,
    R.REQ_MKNOD: open.do_mknod,
    R.REQ_MKDIR: open.do_mkdir,
    R.REQ_SLINK: open.do_slink,
    R.REQ_READ: read.do_read,
    R.REQ_WRITE: read.do_write,
    R.REQ_PEEK: read.do_peek,
    R.REQ_GETDENTS: read.do_getdents,
    R.REQ_STAT: stadir.do_stat,
    R.REQ_STATVFS: stadir.do_statvfs,
    R.REQ_UTIME: stadir.do_utime,
    R.REQ_CHMOD: protect.do_chmod,
    R.REQ_CHOWN: protect.do_chown,
    R.REQ_FTRUNC: link.do_ftrunc,
    R.REQ_LINK: link.do_link,
    R.REQ_UNLINK: link.do_unlink,
    R.REQ_RMDIR: link.do_rmdir,
    R.REQ_RENAME: link.do_rename,
    R.REQ_RDLINK: link.do_rdlink,
    R.REQ_SYNC: misc.do_sync,
    R.REQ_MOUNTPOINT: misc.do_mountpoint,
    R.REQ_UNMOUNT: misc.do_unmount,
}
