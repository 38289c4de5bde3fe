"""The host end of the serial console: guest output to stdout, stdin to the guest.

Output is buffered and flushed at slice boundaries (and before any trace line
is printed), so a chatty guest costs one host write per slice, not per byte.
Input is read only when the kernel asks: with a pipe or a file that happens at
deterministic points (when the system is idle), so the same input gives the
same run; end of input drops the line's carrier, which the TTY sees as a
hang-up (reads return end of file).
"""
import os
import select


class HostConsole:
    def __init__(self, output=None, input_fd: int | None = None, input_data: bytes | None = None,
                 interactive: bool | None = None) -> None:
        self._output = output            # a binary file object (sys.stdout.buffer)
        self._out = bytearray()
        self._in_fd = input_fd
        self._in_data = bytearray(input_data or b"")
        self.eof = input_fd is None and input_data is None
        if interactive is None:
            interactive = input_fd is not None and os.isatty(input_fd)
        self.interactive = interactive

    # -- output (the UART's backend) ---------------------------------------------
    def write(self, data: bytes) -> None:
        self._out += data

    def flush(self) -> None:
        """Send buffered output to the host (kept for take_output() if there is no host)."""
        if self._out and self._output is not None:
            self._output.write(bytes(self._out))
            self._output.flush()
            self._out.clear()

    def take_output(self) -> bytes:
        """Everything written so far (for a console with no host output)."""
        data = bytes(self._out)
        self._out.clear()
        return data

    # -- input -------------------------------------------------------------------
    def poll(self) -> bytes:
        """Input available right now, without waiting."""
        if self._in_data:
            data = bytes(self._in_data)
            self._in_data.clear()
            if self._in_fd is None:
                self.eof = True
            return data
        if self._in_fd is None or self.eof:
            if self._in_fd is None:
                self.eof = True
            return b""
        ready, _, _ = select.select([self._in_fd], [], [], 0)
        return self._read() if ready else b""

    def wait(self) -> bytes:
        """Block until input (or end of input) arrives."""
        if self._in_fd is None or self.eof:
            return self.poll()
        select.select([self._in_fd], [], [])
        return self._read()

    def _read(self) -> bytes:
        try:
            data = os.read(self._in_fd, 4096)
        except OSError:
            data = b""
        if not data:
            self.eof = True
        return data
