"""The disk driver's dispatch table: the block-device requests it serves."""
from emu.abi.com import DevRequest
from emu.servers.disk import diocntl, driver

CALLS = {
    DevRequest.DEV_OPEN: driver.do_open,
    DevRequest.DEV_CLOSE: driver.do_close,
    DevRequest.DEV_READ_S: driver.do_read,
    DevRequest.DEV_WRITE_S: driver.do_write,
    DevRequest.DEV_IOCTL_S: diocntl.do_ioctl,
}
