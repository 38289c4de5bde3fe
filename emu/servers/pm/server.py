"""The process manager server: its state and the helpers its handlers share."""
from emu.abi import endpoints as ep
from emu.abi.com import PmRequest
from emu.abi.errno import Errno
from emu.abi.message import Message
from emu.servers.pm.mproc import INIT_PID, MProc, ProcessTable
from emu.servers.pm.table import CALLS
from emu.servers.server import ErrnoError, Server


class ProcessManager(Server):
    name = "pm"
    endpoint = ep.PM
    CALLS = CALLS

    def __init__(self, sys) -> None:
        super().__init__(sys)
        self.procs = ProcessTable()
        self.alarm_timer: tuple | None = None   # (kernel timer id, tick) of the CLOCK alarm
        self.trace = sys.trace

    def caller(self, m: Message) -> MProc:
        mp = self.procs.by_ep.get(m.m_source)
        if mp is None:
            raise ErrnoError(Errno.EPERM, f"unknown caller {m.m_source}")
        return mp

    def tell_vfs(self, m: Message) -> None:
        self.sys.sendrec(ep.PM, ep.VFS, m)

    def start_init(self, image: bytes, argv: list[bytes], envp: list[bytes], name: str,
                   console: bool = True) -> int:
        """Start the first user process (pid 1) from an executable image; with
        `console` it starts with the console on fds 0, 1 and 2 (else, like
        /sbin/init, it opens /dev/console itself)."""
        endpoint = self.sys.spawn(image, argv, envp, name, INIT_PID)
        mp = MProc(INIT_PID, 0, endpoint, name, pgrp=INIT_PID, sid=INIT_PID)
        self.procs.add(mp)
        self.tell_vfs(Message.of(PmRequest.PM_INIT, m1_i1=endpoint, m1_i2=1 if console else 0,
                                 m1_i3=INIT_PID))
        return endpoint
