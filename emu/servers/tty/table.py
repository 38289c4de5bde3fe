"""The TTY's dispatch table: call number -> (handler, who may send it).

A driver acts only for VFS, on the process VFS names: every driver request
comes from VFS, the interrupt notification from HARDWARE. A user process
cannot reach the TTY at all (the kernel's IPC mask refuses it), and a server
other than VFS is refused here. Sender rules: emu/servers/server.py.
"""
from emu.abi.com import NOTIFY_MESSAGE, DevRequest
from emu.servers.server import Senders
from emu.servers.tty import devio, select

VFS, KERNEL = Senders.VFS, Senders.KERNEL

CALLS = {
    DevRequest.DEV_OPEN: (devio.do_open, VFS),
    DevRequest.DEV_CLOSE: (devio.do_close, VFS),
    DevRequest.DEV_READ: (devio.do_read, VFS),
    DevRequest.DEV_WRITE: (devio.do_write, VFS),
    DevRequest.DEV_IOCTL: (devio.do_ioctl, VFS),
    DevRequest.CANCEL: (devio.do_cancel, VFS),
    DevRequest.DEV_SELECT: (select.do_select, VFS),
    NOTIFY_MESSAGE: (devio.do_notify, KERNEL),
}
