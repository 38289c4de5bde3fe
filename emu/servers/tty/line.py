"""The line discipline of one terminal: termios, input editing, echo, reads.

Input arrives as raw bytes from the hardware; in canonical mode it is edited
(erase, kill) and released a line at a time, with VEOF ending a read early.
One read can wait at a time; when it can be satisfied the TTY copies the
data to the reader and revives it through VFS.
"""
from dataclasses import dataclass

from emu.abi import ioctl as T


@dataclass
class PendingRead:
    endpoint: int     # the user process
    address: int      # its buffer
    count: int


MAX_INPUT = 4096   # bytes a line holds for readers; beyond it input waits in the UART


class TtyLine:
    def __init__(self, echo: bool, map_nl_to_crnl: bool) -> None:
        cc = bytearray(T.NCCS)
        cc[T.VEOF], cc[T.VERASE], cc[T.VINTR], cc[T.VKILL] = 0x04, 0x08, 0x03, 0x15
        cc[T.VQUIT], cc[T.VSUSP], cc[T.VSTART], cc[T.VSTOP], cc[T.VMIN] = 0x1C, 0x1A, 0x11, 0x13, 1
        self.iflag = T.ICRNL
        self.oflag = T.OPOST | (T.ONLCR if map_nl_to_crnl else 0)
        self.cflag = T.CREAD | T.CS8 | T.HUPCL
        self.lflag = T.ICANON | T.ISIG | T.IEXTEN | T.ECHOE | T.ECHOK \
            | (T.ECHO if echo else 0)
        self.speed = T.B115200
        self.cc = cc
        self.winsize = (24, 80, 0, 0)
        self.editing = bytearray()   # the line being typed (canonical mode)
        self.ready = bytearray()     # input a read may take
        self.eof_positions: list[int] = []   # VEOF marks: offsets in `ready` a read stops at
        self.hung_up = False
        self.is_terminal = True      # False: the host end is a pipe or a file (ENOTTY)
        self.pending: PendingRead | None = None
        self.echo_out = bytearray()  # echo to send to the hardware

    # -- termios ---------------------------------------------------------------
    def get_termios(self) -> bytes:
        return T.TERMIOS.pack(self.iflag, self.oflag, self.cflag, self.lflag, self.speed,
                              self.speed, bytes(self.cc))

    def set_termios(self, raw: bytes) -> None:
        iflag, oflag, cflag, lflag, ispeed, _ospeed, cc = T.TERMIOS.unpack(raw)
        was_canonical = self.lflag & T.ICANON
        self.iflag, self.oflag, self.cflag, self.lflag, self.speed = iflag, oflag, cflag, lflag, ispeed
        self.cc = bytearray(cc)
        if was_canonical and not lflag & T.ICANON:
            self.ready += self.editing   # a half-typed line becomes readable
            self.editing.clear()

    # -- output ----------------------------------------------------------------
    def process_output(self, data: bytes) -> bytes:
        if self.oflag & T.OPOST and self.oflag & T.ONLCR and b"\n" in data:
            return data.replace(b"\n", b"\r\n")
        return data

    # -- input -----------------------------------------------------------------
    def room(self) -> int:
        """How many more input bytes the line takes now (flow control: the rest
        stays in the UART, and the host's input stays unread). A canonical line
        longer than the buffer keeps draining, its excess dropped: a reader
        waiting for its end must not wait forever."""
        free = MAX_INPUT - len(self.ready) - len(self.editing)
        if free <= 0 and self.lflag & T.ICANON and not self.ready:
            return 1
        return max(0, free)

    def receive(self, data: bytes) -> None:
        canonical = self.lflag & T.ICANON
        for byte in data:
            if self.iflag & T.ISTRIP:
                byte &= 0x7F
            if byte == 0x0D:
                if self.iflag & T.IGNCR:
                    continue
                if self.iflag & T.ICRNL:
                    byte = 0x0A
            elif byte == 0x0A and self.iflag & T.INLCR:
                byte = 0x0D
            if canonical:
                self._canonical(byte)
            else:
                self.ready.append(byte)
                self._echo(byte)

    def _canonical(self, byte: int) -> None:
        cc = self.cc
        if byte == cc[T.VERASE] or byte == 0x7F:
            if self.editing:
                self.editing.pop()
                if self.lflag & T.ECHO and self.lflag & T.ECHOE:
                    self.echo_out += b"\b \b"
            return
        if byte == cc[T.VKILL]:
            if self.lflag & T.ECHO and self.lflag & T.ECHOK:
                self.echo_out += b"\b \b" * len(self.editing)
            self.editing.clear()
            return
        if byte == cc[T.VEOF]:
            self.ready += self.editing
            self.editing.clear()
            self.eof_positions.append(len(self.ready))
            return
        if len(self.editing) >= MAX_INPUT and byte != 0x0A:
            return       # an over-long line: drop what does not fit, as MINIX does
        self.editing.append(byte)
        self._echo(byte)
        if byte == 0x0A or (cc[T.VEOL] and byte == cc[T.VEOL]):
            self.ready += self.editing
            self.editing.clear()

    def _echo(self, byte: int) -> None:
        if self.lflag & T.ECHO or (byte == 0x0A and self.lflag & T.ECHONL):
            self.echo_out.append(byte)

    def hang_up(self) -> None:
        self.hung_up = True
        self.ready += self.editing
        self.editing.clear()

    def readable(self) -> bool:
        """Would a read return at once (data, end of file or a hang-up)? For select."""
        if self.hung_up or self.eof_positions:
            return True
        if self.lflag & T.ICANON:
            return b"\n" in self.ready
        return len(self.ready) > 0

    def take_input(self, count: int) -> bytes | None:
        """What a read of `count` bytes returns now, or None if it must wait.

        b"" means end of file (VEOF on an empty line, or the line hung up).
        """
        positions = self.eof_positions
        if self.lflag & T.ICANON:
            if positions:
                end = positions[0]
                if end == 0:
                    positions.pop(0)
                    return b""
                nl = self.ready.find(b"\n", 0, end)
                n = min(count, nl + 1 if nl >= 0 else end)
                data = bytes(self.ready[:n])
                del self.ready[:n]
                positions[:] = [p - n for p in positions]
                if positions[0] == 0:
                    positions.pop(0)     # the VEOF that ended this read goes with it
                return data
            nl = self.ready.find(b"\n")
            if nl >= 0:
                n = min(count, nl + 1)
            elif self.hung_up:
                n = min(count, len(self.ready))
            else:
                return None
        else:
            vmin = self.cc[T.VMIN]
            if len(self.ready) < min(max(vmin, 1), count) and not self.hung_up and vmin:
                return None
            n = min(count, len(self.ready))
        data = bytes(self.ready[:n])
        del self.ready[:n]
        return data
