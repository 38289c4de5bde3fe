"""The TTY server: character driver for the serial lines.

Minor 0 is the console on COM1 (the host's stdin and stdout); minor 17 is
tty01 on COM2, whose output is the host's stderr (`minixemu run` gives it to
the first process as fd 2). VFS sends DEV_READ/DEV_WRITE/DEV_IOCTL for user
processes; the TTY copies the data to or from the user with the kernel's copy
calls, and answers at once or suspends a read until a line is typed, reviving
the reader through VFS. A UART's interrupt arrives as a HARDWARE notification.
A line whose host end is not a terminal (a pipe, a file) answers the terminal
ioctls with ENOTTY, so isatty() in the guest tells the truth. A terminal's
^C, ^\\ and ^Z go to its foreground process group with sys.kill_pgrp, which
PM acts on once the current calls are done (job control: devio.do_ioctl's
TIOCSPGRP, the controlling terminal: devio.do_open; background processes
and SIGTTIN/SIGTTOU: jobctl.py).
"""
from emu.abi import endpoints as ep
from emu.abi.com import DevReply
from emu.abi.errno import Errno
from emu.abi.message import Message
from emu.servers.server import ErrnoError, Server
from emu.servers.tty.line import TtyLine
from emu.servers.tty.select import notify_ready
from emu.servers.tty.table import CALLS
from emu.servers.tty.uart import COM1, COM1_IRQ, COM2, COM2_IRQ, SerialPort

CONSOLE = 0
TTY01 = 17          # MINIX numbers its serial lines from minor 16 (tty00)


class Tty(Server):
    name = "tty"
    endpoint = ep.TTY
    CALLS = CALLS

    def __init__(self, sys, echo: bool = False, map_nl_to_crnl: bool = False,
                 terminals: tuple[bool, bool] = (True, True),
                 winsize: tuple[int, int] | None = None) -> None:
        """`winsize`: the console's (rows, columns), the host terminal's when
        the console is one (TIOCGWINSZ); 24x80 otherwise."""
        super().__init__(sys)
        self.lines = {CONSOLE: TtyLine(echo, map_nl_to_crnl), TTY01: TtyLine(False, False)}
        self.ports = {CONSOLE: SerialPort(sys, COM1), TTY01: SerialPort(sys, COM2)}
        self.lines[CONSOLE].is_terminal, self.lines[TTY01].is_terminal = terminals
        if winsize is not None:
            self.lines[CONSOLE].winsize = (winsize[0], winsize[1], 0, 0)
        self.port = self.ports[CONSOLE]
        self.select_ops: dict[int, int] = {}   # minor -> ops a select waits for (select.py)

    def init(self) -> None:
        """Program the UARTs and take their interrupts (the driver's start-up)."""
        for minor, port in self.ports.items():
            port.init()
            if not port.carrier():
                self.lines[minor].hang_up()
        self.sys.irq_set_policy(COM1_IRQ, self.endpoint)
        self.sys.irq_set_policy(COM2_IRQ, self.endpoint)

    def line(self, m: Message) -> TtyLine:
        line = self.lines.get(m.m2_i1)
        if line is None:
            raise ErrnoError(Errno.ENXIO)
        return line

    @staticmethod
    def reply(endpoint: int, status: int) -> Message:
        return Message.of(DevReply.TASK_REPLY, m2_i1=endpoint, m2_i2=status)

    def port_of(self, m: Message) -> SerialPort:
        return self.ports[m.m2_i1]

    # -- interrupts --------------------------------------------------------------
    def poll_hardware(self) -> None:
        for minor, port in self.ports.items():
            line = self.lines[minor]
            port.acknowledge()
            data = port.read_available(line.room())
            if data:
                line.receive(data)
            if not line.hung_up and not port.carrier():
                line.hang_up()
            if line.echo_out:
                port.write(line.process_output(bytes(line.echo_out)))
                line.echo_out.clear()
            if line.signals:
                self.send_signals(line)
            self.try_pending_read(line)
            if self.select_ops:
                notify_ready(self, minor, line)

    def send_signals(self, line: TtyLine) -> None:
        """The ISIG characters typed: signals for the foreground process group
        (none if no session has made the line its controlling terminal)."""
        signals, line.signals = line.signals, []
        if line.pgrp > 0:
            for sig in signals:
                self.sys.kill_pgrp(line.pgrp, sig)

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
