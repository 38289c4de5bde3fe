"""The SYSTEM task's string port I/O (sys_insw/sys_outsw): whole blocks in one
call; bad arguments are EINVAL for the calling server, never a crash."""
from types import SimpleNamespace

import pytest

from emu.abi.errno import Errno
from emu.kernel.system import SystemTask
from emu.machine.portbus import PortBus
from emu.servers.server import ErrnoError


class Fifo:
    NAME = "fifo"

    def __init__(self):
        self.data = bytearray()

    def read_words(self, port, count):
        out, self.data[:2 * count] = bytes(self.data[:2 * count]), b""
        return out.ljust(2 * count, b"\0")

    def write_words(self, port, data):
        self.data += data


def system_task():
    bus = PortBus()
    bus.register(0x170, 1, Fifo())
    kernel = SimpleNamespace(machine=SimpleNamespace(bus=bus), trace=SimpleNamespace(kcall=False),
                             ipc=SimpleNamespace(server_send=None, server_sendrec=None),
                             procs=SimpleNamespace(by_endpoint={}))
    return SystemTask(kernel)


def test_insw_outsw_round_trip():
    sys = system_task()
    sys.outsw(0x170, b"abcdef")
    sys.outsw(0x170, memoryview(b"gh"))
    assert sys.insw(0x170, 3) == b"abcdef"
    assert sys.insw(0x170, 2) == b"gh\0\0"
    assert sys.insw(0x170, 0) == b""


def test_bad_string_io_is_einval():
    sys = system_task()
    with pytest.raises(ErrnoError) as e:
        sys.insw(0x170, -1)
    assert e.value.errno == Errno.EINVAL
    with pytest.raises(ErrnoError) as e:
        sys.outsw(0x170, b"odd")
    assert e.value.errno == Errno.EINVAL
