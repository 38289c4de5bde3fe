"""The host's terminal while the guest runs: raw mode in, restored on the way out,
and QEMU's console escapes (Ctrl-a x quits, Ctrl-a h lists them).

When stdin is a terminal the guest's TTY does the echoing, line editing and
^C/^Z, so the host's line discipline must keep out of the way: `raw_terminal`
puts the host terminal in raw mode (ISIG off, so ^C reaches the guest) and
always puts the saved attributes back, however the emulator leaves: a normal
exit, an exception, KeyboardInterrupt, SIGTERM or SIGHUP (turned into an
exception so the `finally` runs).
"""
import os
import signal
import termios
import tty
from contextlib import contextmanager

ESCAPE = 0x01            # Ctrl-a, QEMU's default escape character (-echr)
ESCAPE_HELP = (b"\r\nC-a h    print this help\r\n"
               b"C-a x    sync the file systems and exit the emulator (status 0)\r\n"
               b"C-a C-a  send C-a to the guest\r\n")


class HostTerminated(Exception):
    """SIGTERM or SIGHUP reached the emulator while the host terminal was raw."""

    def __init__(self, signo: int) -> None:
        super().__init__(f"terminated by signal {signo}")
        self.signo = signo


@contextmanager
def raw_terminal(fd: int = 0):
    """Raw mode on `fd` for the body when it is a terminal; the previous
    attributes come back on every way out (TCSADRAIN: pending output first)."""
    try:
        saved = termios.tcgetattr(fd)
    except (termios.error, OSError):
        yield False          # not a terminal (a pipe, a file): nothing to do
        return
    old_handlers = {}

    def terminated(signo, _frame):
        raise HostTerminated(signo)
    for signo in (signal.SIGTERM, signal.SIGHUP):
        try:
            old_handlers[signo] = signal.signal(signo, terminated)
        except (ValueError, OSError):     # not the main thread
            pass
    try:
        tty.setraw(fd, termios.TCSADRAIN)
        yield True
    finally:
        try:
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)
        except (termios.error, OSError):
            pass
        for signo, handler in old_handlers.items():
            signal.signal(signo, handler)


class EscapeFilter:
    """QEMU's console escapes, taken out of the host's input before the UART
    sees it. Ctrl-a x asks to quit (`quit` becomes True), Ctrl-a h writes the
    list to the host, Ctrl-a Ctrl-a is one Ctrl-a for the guest; any other
    character after Ctrl-a is dropped with it, as QEMU does."""

    def __init__(self, show) -> None:
        self.show = show          # writes bytes to the host's terminal
        self.quit = False
        self._escaped = False

    def filter(self, data: bytes) -> bytes:
        if not self._escaped and ESCAPE not in data:
            return data           # the common case: nothing to look at
        out = bytearray()
        for byte in data:
            if self._escaped:
                self._escaped = False
                if byte == ESCAPE:
                    out.append(ESCAPE)
                elif byte in (ord("x"), ord("X")):
                    self.quit = True
                    break         # what follows Ctrl-a x is not the guest's
                elif byte in (ord("h"), ord("H"), ord("?")):
                    self.show(ESCAPE_HELP)
            elif byte == ESCAPE:
                self._escaped = True
            else:
                out.append(byte)
        return bytes(out)


def host_window_size(fds=(0, 1)) -> tuple[int, int] | None:
    """(rows, columns) of the host terminal, if one of `fds` is a terminal."""
    for fd in fds:
        try:
            size = os.get_terminal_size(fd)
        except OSError:
            continue
        if size.lines and size.columns:
            return size.lines, size.columns
    return None
