"""VFS and its drivers: a driver's error reaches the caller as its errno."""
import pytest

from emu.abi.com import DevReply, DevRequest
from emu.abi.errno import Errno
from emu.abi.fcntl import O_RDWR, TTY_MAJOR
from emu.abi.message import Message
from emu.boot import System, SystemConfig
from emu.machine.console import HostConsole
from emu.servers.vfs import device
from emu.abi.errno import ErrnoError
from emu.servers.vfs.filp import FILP_CHAR, Filp


@pytest.fixture
def system(guest):
    s = System(SystemConfig(quiet_firmware=True), HostConsole())
    s.power_on()
    endpoint = s.start(guest("args").read_bytes(), ["args"])
    yield s, s.vfs.fprocs[endpoint]
    s.close()


def test_tty_refusing_a_minor_is_enxio_not_success(system):
    s, fp = system
    with pytest.raises(ErrnoError) as e:
        device.dev_open(s.vfs, fp.endpoint, TTY_MAJOR, 3, O_RDWR)
    assert e.value.errno == Errno.ENXIO
    filp = Filp(0, O_RDWR, 0, None, FILP_CHAR, TTY_MAJOR, 3)
    for request in (DevRequest.DEV_READ, DevRequest.DEV_WRITE, DevRequest.DEV_IOCTL):
        assert device.dev_io(s.vfs, fp, filp, request, 0x08048000, 4) == -Errno.ENXIO


def test_unknown_ioctl_on_a_tty_is_enotty(system):
    """MINIX 3.1.8's tty.c answers an unknown request with ENOTTY, as POSIX asks."""
    s, fp = system
    console = fp.fds[0]
    assert device.dev_io(s.vfs, fp, console, DevRequest.DEV_IOCTL, 0x08048000,
                         0x7FFF1234) == -Errno.ENOTTY


def test_console_still_works_after_the_errors(system):
    s, fp = system
    device.dev_open(s.vfs, fp.endpoint, TTY_MAJOR, 0, O_RDWR)      # no error


def test_driver_status_of_each_kind_of_reply():
    ok = Message.of(DevReply.TASK_REPLY, m2_i1=40, m2_i2=12)
    refused = Message.of(-Errno.ENXIO)
    odd = Message.of(DevReply.DEV_REVIVE, m2_i1=40, m2_i2=12)
    assert device.driver_status(ok) == 12
    assert device.driver_status(refused) == -Errno.ENXIO
    assert device.driver_status(odd) == -Errno.EIO
