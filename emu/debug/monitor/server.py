"""The monitor socket (`--monitor unix:PATH`): live viewers of a running system.

A viewer (`minixemu attach PATH`) gets JSON lines: trace events as they
happen and snapshots of the process table and the servers; it sends
commands: pause, step (run until the next message, then pause), resume,
regs (a process's registers and the code bytes at EIP). The monitor is a
trace-bus consumer, subscribed only while a viewer is attached, plus a
control channel polled at clock ticks and when idle; a pause takes effect at
the next slice boundary, a step pauses inside the trap that carried the
message (nothing moves while a viewer looks). Viewers never
change what the machine does, only when (in host time) it does it, so the
output and the -D trace are the same with and without them. A viewer that
cannot keep up loses events rather than slowing the machine.
"""
import json
import os
import select
import socket
import time

from emu.kernel.addrspace import MemoryFault
from emu.kernel.proc import RTS
from emu.machine.unicorn_lib import X86

CATEGORIES = {"ipc", "proc", "signal", "fault", "deny"}
MESSAGE_EVENTS = {"send", "sendrec", "sendnb", "reply", "revive", "notify", "receive"}
BACKLOG_LIMIT = 1 << 20       # bytes queued for one viewer before its events are dropped
SNAPSHOT_INTERVAL = 0.2       # host seconds between snapshots while running
REGISTERS = ("eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "esp", "eip", "eflags")


class MonitorAddressError(ValueError):
    pass


class Viewer:
    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        sock.setblocking(False)
        self.out = bytearray()
        self.inbuf = bytearray()
        self.dropped = 0

    def queue(self, obj: dict) -> None:
        if len(self.out) > BACKLOG_LIMIT and obj.get("type") == "event":
            self.dropped += 1
            return
        self.out += json.dumps(obj, separators=(",", ":")).encode() + b"\n"

    def flush(self) -> bool:
        """Send what the socket takes now; False if the viewer went away."""
        try:
            while self.out:
                n = self.sock.send(self.out)
                del self.out[:n]
        except BlockingIOError:
            pass
        except OSError:
            return False
        return True

    def commands(self) -> list[dict] | None:
        """Commands that arrived; None if the viewer went away."""
        try:
            data = self.sock.recv(65536)
        except BlockingIOError:
            data = None
        except OSError:
            return None
        if data == b"":
            return None
        if data:
            self.inbuf += data
        out = []
        while b"\n" in self.inbuf:
            line, _, rest = bytes(self.inbuf).partition(b"\n")
            self.inbuf = bytearray(rest)
            try:
                out.append(json.loads(line))
            except ValueError:
                pass
        return out


class Monitor:
    def __init__(self, kernel, trace, spec: str, start_paused: bool = False) -> None:
        kind, _, path = spec.partition(":")
        if kind != "unix" or not path:
            raise MonitorAddressError(f"--monitor {spec}: expected unix:PATH")
        self.path = path
        if os.path.exists(path):
            os.unlink(path)
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(path)
        self.listener.listen(8)
        self.listener.setblocking(False)
        self.kernel = kernel
        self.trace = trace
        self.viewers: list[Viewer] = []
        self.paused = False
        self.stepping = False
        self.ended: int | None = None
        self._last_snapshot = 0.0
        kernel.debuggers.append(self)
        if start_paused:
            self.paused = True
            kernel.hold = self._hold

    # -- the kernel's side ---------------------------------------------------------
    def fds(self) -> list[int]:
        return [self.listener.fileno()] + [v.sock.fileno() for v in self.viewers]

    def holds_idle_system(self) -> bool:
        return False

    def poll(self) -> None:
        self._accept()
        for v in list(self.viewers):
            cmds = v.commands()
            if cmds is None:
                self._drop(v)
                continue
            for c in cmds:
                self._command(v, c)
        now = time.monotonic()
        if self.viewers and now - self._last_snapshot >= SNAPSHOT_INTERVAL:
            self._last_snapshot = now
            self._broadcast(self.snapshot())
        self._flush()

    def system_ended(self, status: int) -> None:
        self.ended = status
        self._broadcast(self.snapshot())
        self._broadcast({"type": "end", "status": status, "reason": self.kernel.halt_reason})
        for v in self.viewers:
            v.sock.setblocking(True)
            v.flush()
            v.sock.close()
        self.viewers.clear()
        self.listener.close()
        try:
            os.unlink(self.path)
        except OSError:
            pass

    # -- viewers -------------------------------------------------------------------
    def _accept(self) -> None:
        while True:
            try:
                sock, _ = self.listener.accept()
            except (BlockingIOError, OSError):
                return
            if not self.viewers:
                self.trace.subscribe(self._on_event, CATEGORIES)
            v = Viewer(sock)
            self.viewers.append(v)
            v.queue(self.snapshot())

    def _drop(self, v: Viewer) -> None:
        self.viewers.remove(v)
        try:
            v.sock.close()
        except OSError:
            pass
        if not self.viewers:
            self.trace.unsubscribe(self._on_event)
            if self.paused and self.ended is None:
                self.paused = False     # nobody left to resume it: it runs on

    def _broadcast(self, obj: dict) -> None:
        for v in self.viewers:
            v.queue(obj)

    def _flush(self) -> None:
        for v in list(self.viewers):
            if not v.flush():
                self._drop(v)

    def _on_event(self, event: dict) -> None:
        self._broadcast({"type": "event", "event": event})
        if self.stepping and event["cat"] == "ipc" and event["ev"] in MESSAGE_EVENTS:
            # One message: pause right here, inside the call that sent it. The
            # machine is frozen mid-trap and goes on exactly as it would have.
            self.stepping = False
            self.paused = True
            self._hold()

    def _command(self, v: Viewer, c: dict) -> None:
        cmd = c.get("cmd")
        if cmd == "pause" and not self.paused:
            self.paused = True
            self.kernel.hold = self._hold
        elif cmd == "resume":
            self.paused = self.stepping = False
        elif cmd == "step":
            self.paused, self.stepping = False, True
        elif cmd == "regs":
            v.queue(self.registers(c.get("pid")))

    # -- the machine paused ------------------------------------------------------------
    def _hold(self) -> None:
        """Paused: serve viewers (and wait for the first, after -S) until one
        resumes or steps, or the last one leaves."""
        self._broadcast(self.snapshot())
        self._flush()
        waited_for_one = bool(self.viewers)
        while self.paused:
            ready, _, _ = select.select(self.fds(), [], [])
            had = bool(self.viewers)
            self.poll()
            if had or self.viewers:
                waited_for_one = True
            if waited_for_one and not self.viewers:
                self.paused = False
        self._broadcast(self.snapshot())
        self._flush()

    # -- what viewers see --------------------------------------------------------------
    def snapshot(self) -> dict:
        kernel = self.kernel
        procs = []
        for p in kernel.procs.live():
            blocked = ""
            if p.flags & (RTS.SENDING | RTS.RECEIVING):
                blocked = kernel.blocked_on(p)
            state = RTS.names(p.flags).lower()
            if p is kernel.current:
                state = "running (in a trap)"   # a step pauses inside the call
            elif p.flags & RTS.DEBUG:
                state = "stopped by gdb"
            procs.append({"pid": p.pid, "ep": p.endpoint, "name": p.name,
                          "state": state, "blocked": blocked})
        servers = []
        for endpoint, server in sorted(kernel.ipc.servers.items()):
            waiting = [p.label for p in kernel.procs.live()
                       if p.flags & RTS.RECEIVING and p.reply_pending and p.getfrom == endpoint]
            servers.append({"ep": endpoint, "name": kernel.ipc.name_of(endpoint),
                            "serving": waiting})
        return {"type": "state", "t": self.trace.now(), "paused": self.paused,
                "ended": self.ended, "procs": procs, "servers": servers}

    def registers(self, pid) -> dict:
        for p in self.kernel.procs.live():
            if p.pid == pid and p.cpu is not None:
                regs = {r: p.cpu.reg(getattr(X86, f"UC_X86_REG_{r.upper()}")) for r in REGISTERS}
                eip = regs["eip"]
                code = b""
                for n in (64, 32, 16, 1):
                    try:
                        code = p.mem.read(eip, n)
                        break
                    except MemoryFault:   # an unmapped EIP shows no code
                        continue
                return {"type": "regs", "pid": pid, "name": p.name, "regs": regs,
                        "code": code.hex()}
        return {"type": "regs", "pid": pid, "error": "no such process"}
