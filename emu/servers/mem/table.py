"""MEM's dispatch table: driver requests, from VFS only (emu/servers/server.py)."""
from emu.abi.com import DevRequest
from emu.servers.mem import devio
from emu.servers.server import Senders

VFS = Senders.VFS

CALLS = {
    DevRequest.DEV_OPEN: (devio.do_open, VFS),
    DevRequest.DEV_CLOSE: (devio.do_close, VFS),
    DevRequest.DEV_READ: (devio.do_read, VFS),
    DevRequest.DEV_WRITE: (devio.do_write, VFS),
    DevRequest.DEV_IOCTL: (devio.do_ioctl, VFS),
    DevRequest.CANCEL: (devio.do_cancel, VFS),
    DevRequest.DEV_SELECT: (devio.do_select, VFS),
}
