"""The disk driver's dispatch table: the block-device requests it serves.

Every sender reaches the handlers, which check it themselves first
(AtWini.check_sender: VFS and the file-system servers only) with their own
trace event; the table form is the one emu/servers/server.py reads."""
from emu.abi.com import DevRequest
from emu.servers.disk import diocntl, driver
from emu.servers.server import Senders

CHECKED_BY_DRIVER = Senders.USER | Senders.KERNEL | Senders.ANY_SERVER

CALLS = {
    DevRequest.DEV_OPEN: (driver.do_open, CHECKED_BY_DRIVER),
    DevRequest.DEV_CLOSE: (driver.do_close, CHECKED_BY_DRIVER),
    DevRequest.DEV_READ_S: (driver.do_read, CHECKED_BY_DRIVER),
    DevRequest.DEV_WRITE_S: (driver.do_write, CHECKED_BY_DRIVER),
    DevRequest.DEV_IOCTL_S: (diocntl.do_ioctl, CHECKED_BY_DRIVER),
}
