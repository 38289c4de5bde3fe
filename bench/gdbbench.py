"""The debugger's costs, measured by driving the gdb stub over its socket.

A small remote-protocol client in a thread plays gdb (no gdb needed): it
single-steps a running computation (the price of stepi, and of `next`,
which is many of them), or sets a write watchpoint on a global and lets the
program compute (the price a watch puts on code that never touches it).
"""
import socket
import threading
import time
from pathlib import Path

from elftools.elf.elffile import ELFFile

from emu.boot import System, SystemConfig
from emu.debug.gdbstub import GdbStub
from emu.debug.gdbstub.packets import frame
from emu.machine.console import HostConsole


def symbol(elf_path: Path, name: str) -> int:
    with open(elf_path, "rb") as f:
        for sym in ELFFile(f).get_section_by_name(".symtab").iter_symbols():
            if sym.name == name:
                return sym["st_value"]
    raise KeyError(name)


class StubClient:
    """Just enough of gdb's side of the protocol: no-ack mode, one packet at a time."""

    def __init__(self, path: Path) -> None:
        deadline = time.monotonic() + 30
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(str(path))
                break
            except OSError:
                self.sock.close()
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.01)
        self.buf = b""
        self.ack = True
        self.request(b"QStartNoAckMode")
        self.ack = False

    def request(self, data: bytes) -> bytes:
        self.sock.sendall(frame(data))
        return self.reply()

    def reply(self) -> bytes:
        while True:
            start = self.buf.find(b"$")
            end = self.buf.find(b"#", start)
            if start >= 0 and end >= 0 and len(self.buf) >= end + 3:
                data = self.buf[start + 1:end]
                self.buf = self.buf[end + 3:]
                if self.ack:
                    self.sock.sendall(b"+")
                return data
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("the stub closed the connection")
            self.buf += chunk

    def close(self) -> None:
        self.sock.close()


def _debugged_run(elf_path: Path, argv: list[str], sock: Path, client) -> None:
    """Run the program stopped at its first instruction (-S) with `client(StubClient)`
    playing gdb in a thread; raise whatever the client raised."""
    system = System(SystemConfig(quiet_firmware=True), HostConsole())
    errors = []

    def play():
        c = StubClient(sock)
        try:
            client(c)
        except BaseException as e:   # noqa: BLE001 - reported by the caller
            errors.append(e)
        finally:
            c.close()
    try:
        system.power_on()
        system.start(elf_path.read_bytes(), argv)
        GdbStub(system.kernel, f"unix:{sock}", stop_at_start=True)
        thread = threading.Thread(target=play)
        thread.start()
        status = system.run()
        thread.join()
    finally:
        system.close()
    if errors:
        raise errors[0]
    if status != 0:
        raise RuntimeError(f"{argv} exited {status}")


def packet_time(elf_path: Path, argv: list[str], at: str, packet: bytes, n: int,
                sock: Path) -> float:
    """Seconds per `packet` and its answer, sent n times from the first
    instruction of function `at` on: `s` is a single step (answered by a stop
    reply), `g` (read the registers) the protocol's own round trip."""
    address = symbol(elf_path, at)
    result = {}

    def client(c: StubClient) -> None:
        c.request(b"?")
        if c.request(b"Z0,%x,1" % address) != b"OK":
            raise RuntimeError("breakpoint refused")
        c.request(b"c")
        c.request(b"z0,%x,1" % address)
        t0 = time.perf_counter()
        for _ in range(n):
            r = c.request(packet)
            if packet == b"s" and not r.startswith(b"T05"):
                raise RuntimeError(f"a step answered {r!r}")
        result["t"] = time.perf_counter() - t0
        c.sock.sendall(frame(b"D"))
        c.reply()
    _debugged_run(elf_path, argv, sock, client)
    return result["t"] / n


def watch_time(elf_path: Path, argv: list[str], variable: str, sock: Path) -> float:
    """Wall time of a run with a write watchpoint on `variable` from the first
    instruction on; the one hit is answered by removing it and continuing."""
    address = symbol(elf_path, variable)
    result = {}

    def client(c: StubClient) -> None:
        c.request(b"?")
        if c.request(b"Z2,%x,4" % address) != b"OK":
            raise RuntimeError("watchpoint refused")
        t0 = time.perf_counter()
        r = c.request(b"c")
        if b"watch:" not in r:
            raise RuntimeError(f"the watchpoint never fired: {r!r}")
        c.request(b"z2,%x,4" % address)
        r = c.request(b"c")
        result["t"] = time.perf_counter() - t0
        if not r.startswith(b"W00"):
            raise RuntimeError(f"the run ended with {r!r}")
    _debugged_run(elf_path, argv, sock, client)
    return result["t"]
