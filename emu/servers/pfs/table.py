"""PFS's dispatch table: the driver requests of /dev/uds, from VFS only."""
from emu.abi.com import DevRequest
from emu.servers.pfs.uds import devio
from emu.servers.server import Senders

VFS = Senders.VFS

CALLS = {
    DevRequest.DEV_OPEN: (devio.do_open, VFS),
    DevRequest.DEV_CLOSE: (devio.do_close, VFS),
    DevRequest.DEV_READ: (devio.do_read, VFS),
    DevRequest.DEV_WRITE: (devio.do_write, VFS),
    DevRequest.DEV_IOCTL: (devio.do_ioctl, VFS),
    DevRequest.CANCEL: (devio.do_cancel, VFS),
}
