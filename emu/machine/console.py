"""The host ends of the serial lines: guest output to stdout/stderr, stdin to the guest.

Output is flow-controlled: bytes wait in a small buffer (flushed at slice
boundaries, before any trace line, and whenever it holds OUTPUT_LIMIT bytes),
and a flush waits until the host has taken every byte, even from a
non-blocking stdout. So the guest's write() returns only once the host could
take its data: nothing is lost and host memory does not grow with the output.
A closed pipe (the reader went away, `| head`) raises HostOutputClosed, any
other host I/O error HostIOError; the CLI turns them into a quiet end or one
line. Two HostOutputs that share a terminal or a pipe keep their order:
writing to one first flushes the other.

Input is read only when the kernel asks: with a pipe or a file that happens at
deterministic points (when the system is idle), so the same input gives the
same run; end of input drops the line's carrier, which the TTY sees as a
hang-up (reads return end of file). A terminal's input goes through QEMU's
console escapes first (hostterm.EscapeFilter: Ctrl-a x, Ctrl-a h).
"""
import os
import select

from emu.hostio import HostIOError, HostOutputClosed, host_error
from emu.machine.hostterm import EscapeFilter

OUTPUT_LIMIT = 64 * 1024   # bytes buffered before a guest write waits for the host


class HostOutput:
    """One host output stream (a file descriptor, or none: kept for take_output)."""

    def __init__(self, fd: int | None = None, name: str = "stdout", closed: bool = False) -> None:
        self.fd = fd
        self.name = name
        self.closed = closed      # the host's fd was closed when we started (`>&-`)
        self.peers: list["HostOutput"] = []   # streams whose order relative to ours matters
        self._buf = bytearray()
        self.is_terminal = fd is not None and _isatty(fd)

    def write(self, data: bytes) -> None:
        for peer in self.peers:
            if peer._buf:
                peer.flush()
        self._buf += data
        if len(self._buf) >= OUTPUT_LIMIT:
            self.flush()

    def flush(self) -> None:
        """Hand every buffered byte to the host, waiting while it cannot take more."""
        if not self._buf:
            return
        if self.closed:
            self._buf.clear()
            raise HostIOError(f"{self.name}: closed (bad file descriptor)")
        if self.fd is None:
            return
        data = bytes(self._buf)
        self._buf.clear()
        done = 0
        try:
            while done < len(data):
                try:
                    done += os.write(self.fd, data[done:])
                except BlockingIOError:
                    select.select([], [self.fd], [])
                except InterruptedError:
                    pass
        except OSError as e:
            raise host_error(self.name, e) from None

    def take_output(self) -> bytes:
        """Everything written so far (for a stream with no host fd, in tests)."""
        data = bytes(self._buf)
        self._buf.clear()
        return data


class HostConsole(HostOutput):
    """The console: COM1's output to stdout, and stdin as its input."""

    def __init__(self, output_fd: int | None = None, input_fd: int | None = None,
                 input_data: bytes | None = None, interactive: bool | None = None,
                 output_closed: bool = False) -> None:
        super().__init__(output_fd, "stdout", output_closed)
        self._in_fd = input_fd
        self._in_data = bytearray(input_data or b"")
        self.eof = input_fd is None and input_data is None
        if interactive is None:
            interactive = input_fd is not None and _isatty(input_fd)
        self.interactive = interactive
        self.escapes = EscapeFilter(self._show) if interactive else None

    @property
    def live_input(self) -> bool:
        """Input comes from a host fd that may still deliver (not given data, not ended)."""
        return self._in_fd is not None and not self.eof

    @property
    def quit_requested(self) -> bool:
        """The person at the terminal typed Ctrl-a x."""
        return self.escapes is not None and self.escapes.quit

    def _show(self, text: bytes) -> None:
        """A message of the emulator's own to the host terminal (Ctrl-a h)."""
        self.write(text)
        self.flush()

    # -- input -------------------------------------------------------------------
    def poll(self, limit: int = 4096) -> bytes:
        """Input available right now (at most `limit` bytes), without waiting."""
        if self._in_data:
            data = bytes(self._in_data[:limit])
            del self._in_data[:limit]
            if self._in_fd is None and not self._in_data:
                self.eof = True
            return self.escapes.filter(data) if self.escapes is not None else data
        if self._in_fd is None or self.eof:
            if self._in_fd is None:
                self.eof = True
            return b""
        ready, _, _ = select.select([self._in_fd], [], [], 0)
        return self._read(limit) if ready else b""

    def wait(self, limit: int = 4096, timeout: float | None = None, also=()) -> bytes:
        """Block until input (or end of input) arrives, `timeout` seconds pass, or
        one of the file descriptors in `also` (a debugger's sockets) is readable."""
        if self._in_fd is None or self.eof:
            return self.poll(limit)
        ready, _, _ = select.select([self._in_fd, *also], [], [], timeout)
        return self._read(limit) if self._in_fd in ready else b""

    def _read(self, limit: int) -> bytes:
        try:
            data = os.read(self._in_fd, max(1, limit))
        except OSError:
            data = b""
        if not data:
            self.eof = True
        elif self.escapes is not None:
            data = self.escapes.filter(data)
        return data


def _isatty(fd: int) -> bool:
    try:
        return os.isatty(fd)
    except OSError:
        return False

