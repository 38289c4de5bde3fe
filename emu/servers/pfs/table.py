"""PFS's dispatch table: request number -> (handler, who may send it) (MINIX's
pfs/table.c). The pipe requests come only from VFS; UDS (issue 8) adds the
driver protocol for /dev/uds here. Sender rules: emu/servers/server.py."""
from emu.abi.com import DevRequest
from emu.abi.vfsif import FsRequest as R
from emu.servers.pfs import pipe
from emu.servers.pfs.uds import devio
from emu.servers.server import Senders

VFS = Senders.VFS

CALLS = {
    R.REQ_NEWNODE: (pipe.do_newnode, VFS),
    R.REQ_READ: (pipe.do_read, VFS),
    R.REQ_WRITE: (pipe.do_write, VFS),
    R.REQ_PUTNODE: (pipe.do_putnode, VFS),
    R.REQ_STAT: (pipe.do_stat, VFS),
    R.REQ_SYNC: (pipe.do_sync, VFS),
    R.REQ_CHMOD: (pipe.do_chmod, VFS),
    R.REQ_CHOWN: (pipe.do_chown, VFS),
    # /dev/uds (major 18): the character driver protocol.
    DevRequest.DEV_OPEN: (devio.do_open, VFS),
    DevRequest.DEV_CLOSE: (devio.do_close, VFS),
    DevRequest.DEV_READ: (devio.do_read, VFS),
    DevRequest.DEV_WRITE: (devio.do_write, VFS),
    DevRequest.DEV_IOCTL: (devio.do_ioctl, VFS),
    DevRequest.DEV_SELECT: (devio.do_select, VFS),
    DevRequest.CANCEL: (devio.do_cancel, VFS),
}
