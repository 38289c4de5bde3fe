"""GDB remote serial protocol framing: $data#checksum, acks, the 0x03 interrupt.

A `Connection` wraps one gdb's socket: `poll()` takes what arrived without
waiting (the machine runs meanwhile; only an interrupt matters then),
`next_packet()` waits for a whole packet while the machine is held.
"""
import socket


class Disconnected(Exception):
    """gdb closed the connection."""


def checksum(data: bytes) -> int:
    return sum(data) & 0xFF


def frame(data: bytes) -> bytes:
    return b"$" + data + b"#" + b"%02x" % checksum(data)


def escape_binary(data: bytes) -> bytes:
    """Escape # $ } * for a binary reply (qXfer)."""
    out = bytearray()
    for b in data:
        if b in (0x23, 0x24, 0x7D, 0x2A):
            out += bytes((0x7D, b ^ 0x20))
        else:
            out.append(b)
    return bytes(out)


def unescape_binary(data: bytes) -> bytes:
    """The payload of an X packet: } escapes the next byte (xor 0x20)."""
    out = bytearray()
    it = iter(data)
    for b in it:
        if b == 0x7D:
            out.append(next(it, 0x20) ^ 0x20)
        else:
            out.append(b)
    return bytes(out)


class Connection:
    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self._buf = bytearray()
        self.interrupted = False     # gdb sent 0x03 (Ctrl-C)
        self.ack = True              # until QStartNoAckMode

    def fileno(self) -> int:
        return self.sock.fileno()

    def _fill(self, block: bool) -> None:
        self.sock.setblocking(block)
        try:
            data = self.sock.recv(65536)
        except BlockingIOError:
            return
        except OSError:
            raise Disconnected() from None
        if not data:
            raise Disconnected()
        self._buf += data

    def poll(self) -> None:
        """Take what arrived without waiting; note a Ctrl-C."""
        self._fill(False)
        self._take_interrupts()

    def _take_interrupts(self) -> None:
        # Outside a packet, 0x03 is an interrupt request; acks are dropped.
        while self._buf and self._buf[0] != ord("$"):
            if self._buf[0] == 3:
                self.interrupted = True
            del self._buf[0]

    def next_packet(self) -> bytes:
        """Wait for one whole packet, acknowledge it, return its data."""
        while True:
            self._take_interrupts()
            end = self._buf.find(b"#")
            if self._buf and end >= 0 and len(self._buf) >= end + 3:
                data = bytes(self._buf[1:end])
                sent = bytes(self._buf[end + 1:end + 3])
                del self._buf[:end + 3]
                good = sent.lower() == b"%02x" % checksum(data)
                if self.ack:
                    self.sock.sendall(b"+" if good else b"-")
                if good:
                    return data
                continue
            self._fill(True)

    def send(self, data: bytes) -> None:
        try:
            self.sock.setblocking(True)
            self.sock.sendall(frame(data))
        except OSError:
            raise Disconnected() from None

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass
