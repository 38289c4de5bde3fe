"""The TTY's dispatch table (driver requests and interrupt notifications)."""
from emu.abi.com import NOTIFY_MESSAGE, DevRequest
from emu.servers.tty import devio

CALLS = {
    DevRequest.DEV_OPEN: devio.do_open,
    DevRequest.DEV_CLOSE: devio.do_close,
    DevRequest.DEV_READ: devio.do_read,
    DevRequest.DEV_WRITE: devio.do_write,
    DevRequest.DEV_IOCTL: devio.do_ioctl,
    DevRequest.CANCEL: devio.do_cancel,
    NOTIFY_MESSAGE: devio.do_notify,
}
