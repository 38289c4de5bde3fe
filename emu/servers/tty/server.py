"""The TTY server: character driver for the console (minor 0).

VFS sends it DEV_READ/DEV_WRITE/DEV_IOCTL for user processes; it copies the
data to or from the user with the kernel's copy calls, and answers at once or
suspends a read until a line is typed, reviving the reader through VFS. The
UART's interrupt arrives as a HARDWARE notification.
"""
from emu.abi import endpoints as ep
from emu.abi.com import DevReply
from emu.abi.errno import Errno
from emu.abi.message import Message
from emu.servers.server import ErrnoError, Server
from emu.servers.tty.line import TtyLine
from emu.servers.tty.table import CALLS
from emu.servers.tty.uart import COM1_IRQ, SerialPort

CONSOLE = 0


class Tty(Server):
    name = "tty"
    endpoint = ep.TTY
    CALLS = CALLS

    def __init__(self, sys, echo: bool = False, map_nl_to_crnl: bool = False) -> None:
        super().__init__(sys)
        self.port = SerialPort(sys)
        self.lines = {CONSOLE: TtyLine(echo, map_nl_to_crnl)}

    def init(self) -> None:
        """Program the UART and take its interrupt (the driver's start-up)."""
        self.port.init()
        self.sys.irq_set_policy(COM1_IRQ, self.endpoint)
        if not self.port.carrier():
            self.lines[CONSOLE].hang_up()

    def line(self, m: Message) -> TtyLine:
        line = self.lines.get(m.m2_i1)
        if line is None:
            raise ErrnoError(Errno.ENXIO)
        return line

    @staticmethod
    def reply(endpoint: int, status: int) -> Message:
        return Message.of(DevReply.TASK_REPLY, m2_i1=endpoint, m2_i2=status)

    # -- interrupts --------------------------------------------------------------
    def poll_hardware(self) -> None:
        line = self.lines[CONSOLE]
        self.port.acknowledge()
        data = self.port.read_available()
        if data:
            line.receive(data)
        if not line.hung_up and not self.port.carrier():
            line.hang_up()
        if line.echo_out:
            self.port.write(line.process_output(bytes(line.echo_out)))
            line.echo_out.clear()
        self.try_pending_read(line)

    def try_pending_read(self, line: TtyLine) -> None:
        pending = line.pending
        if pending is None:
            return
        data = line.take_input(pending.count)
        if data is None:
            return
        line.pending = None
        status = len(data)
        try:
            self.sys.copy_to(pending.endpoint, pending.address, data)
        except ErrnoError as e:
            status = -e.errno
        self.sys.send(self.endpoint, ep.VFS,
                      Message.of(DevReply.DEV_REVIVE, m2_i1=pending.endpoint, m2_i2=status))
