"""The GDB remote stub: gdb debugs the guest processes over a socket (-s, -gdb, -S).

Each guest process is a gdb thread (its pid is the thread id). The stub is
all-stop: while gdb holds the machine the kernel's main loop is parked in
`_hold`, serving packets, so no process runs and virtual time stands still.
It runs again on c/s/vCont, D (detach) or when gdb goes away. The socket is
polled only at clock ticks and when the system is idle, so a run with -s and
nobody attached costs nothing measurable (bench/: compute with -s).
"""
import os
import socket

from emu.abi.signals import Signal, signal_name
from emu.debug.gdbstub import target
from emu.debug.gdbstub.breakpoints import Breakpoints
from emu.debug.gdbstub.packets import Connection, Disconnected, escape_binary, unescape_binary
from emu.debug.gdbstub.watchpoints import KIND_NAMES, Watchpoints
from emu.kernel.addrspace import MemoryFault
from emu.kernel.proc import RTS

# gdb's own signal numbers (gdb/signals.def), by name.
GDB_SIGNALS = {"SIGHUP": 1, "SIGINT": 2, "SIGQUIT": 3, "SIGILL": 4, "SIGTRAP": 5, "SIGABRT": 6,
               "SIGEMT": 7, "SIGFPE": 8, "SIGKILL": 9, "SIGBUS": 10, "SIGSEGV": 11,
               "SIGSYS": 12, "SIGPIPE": 13, "SIGALRM": 14, "SIGTERM": 15}
SUPPORTED = (b"PacketSize=4000;qXfer:features:read+;swbreak+;hwbreak+;vContSupported+;"
             b"QStartNoAckMode+")
RESUME = object()     # a handler's answer: the machine runs again


class GdbAddressError(ValueError):
    pass


def listen(spec: str) -> socket.socket:
    """QEMU's -gdb device: tcp::PORT, tcp:HOST:PORT or unix:PATH."""
    kind, _, rest = spec.partition(":")
    if kind == "tcp":
        host, _, port = rest.rpartition(":")
        if not port.isdigit():
            raise GdbAddressError(f"-gdb {spec}: expected tcp::PORT or tcp:HOST:PORT")
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((host or "127.0.0.1", int(port)))
    elif kind == "unix" and rest:
        if os.path.exists(rest):
            os.unlink(rest)
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.bind(rest)
    else:
        raise GdbAddressError(f"-gdb {spec}: expected tcp::PORT, tcp:HOST:PORT or unix:PATH")
    s.listen(1)
    s.setblocking(False)
    return s


def thread_id(p) -> int:
    return p.pid if p.pid else 0x10000 + p.slot


class GdbStub:
    def __init__(self, kernel, address: str, stop_at_start: bool = False) -> None:
        self.kernel = kernel
        self.listener = listen(address)
        self.address = address
        self.conn: Connection | None = None
        self.breakpoints = Breakpoints(kernel)
        self.watchpoints = Watchpoints(kernel, self._read_hit)
        self.stop: tuple | None = None   # (proc, gdb signal, extra, fault) of the last stop
        self.running = False              # gdb is waiting for a stop reply
        self.selected = None              # Hg thread: registers and memory
        self._xml = target.target_xml()
        self._passing = False             # handing a fault on to PM (gdb's "C sig")
        kernel.debuggers.append(self)
        kernel.debugger = self
        if stop_at_start:
            self.stop = (None, 5, "", None)
            kernel.hold = self._hold

    # -- the kernel's side ---------------------------------------------------------
    def fds(self) -> list[int]:
        return [self.conn.fileno() if self.conn else self.listener.fileno()]

    def holds_idle_system(self) -> bool:
        """A system with nothing left to run waits for gdb only while gdb is
        not waiting for it (a deadlock under `continue` ends with W as usual)."""
        return self.conn is not None and not self.running

    def poll(self) -> None:
        """At a clock tick or when idle: a new gdb, or Ctrl-C from the current one."""
        if self.conn is None:
            try:
                sock, _ = self.listener.accept()
            except (BlockingIOError, OSError):
                return
            self.conn = Connection(sock)
            self.running = False       # gdb opens with '?'
            self._request(None, GDB_SIGNALS["SIGTRAP"])
            return
        try:
            self.conn.poll()
        except Disconnected:
            self._detach()
            return
        if self.conn.interrupted:
            self.conn.interrupted = False
            self._request(None, GDB_SIGNALS["SIGINT"])

    def catch(self, p, fault) -> bool:
        """A fault or int3 in p: stop it for gdb (True) when gdb is attached."""
        if self.conn is None or self._passing:
            return False
        self.kernel.hold_process(p)
        sig = GDB_SIGNALS.get(signal_name(fault.signal), 11)
        if self.watchpoints.hit(p) is not None:
            # The CPU stopped before a watched access: _hold lets it happen.
            self._request(p, GDB_SIGNALS["SIGTRAP"], "", "watch")
        elif fault.signal == Signal.SIGTRAP and self.breakpoints.hit(p, fault.eip):
            # Ours: EIP goes back onto the breakpoint once the slice has ended.
            self._request(p, sig, "swbreak:;", "rewind")
        else:
            self._request(p, sig, "", fault)
        return True

    def step_done(self, p) -> None:
        self.kernel.hold_process(p)
        self._request(p, GDB_SIGNALS["SIGTRAP"])

    def _read_hit(self, p) -> None:
        """From inside the CPU (a load hook): stop for gdb at the slice's end."""
        self._request(p, GDB_SIGNALS["SIGTRAP"], "", "watch")

    def _finish_watched_access(self, p) -> None:
        """Run the instruction that touched a watched address, with its page
        open, so the stop comes right after it (the hardware's behaviour)."""
        kind, address = self.watchpoints.hit(p)
        self.watchpoints.open(p)
        p.flags &= ~RTS.DEBUG
        try:
            self.kernel.step(p)
        finally:
            if p.cpu is not None and not p.flags & (RTS.SLOT_FREE | RTS.EXITING):
                self.watchpoints.guard(p)
        self.stop = (p, GDB_SIGNALS["SIGTRAP"], f"{KIND_NAMES[kind]}:{address:x};", None)

    def _request(self, p, sig: int, extra: str = "", fault=None) -> None:
        self.stop = (p, sig, extra, fault)
        self.kernel.hold = self._hold

    def on_fork(self, parent, child) -> None:
        self.breakpoints.on_fork(parent, child)
        self.watchpoints.on_new_cpu(child)

    def on_exec(self, p) -> None:
        self.breakpoints.on_exec(p)
        self.watchpoints.on_new_cpu(p)

    def on_exit(self, p) -> None:
        self.breakpoints.on_exit(p)
        self.watchpoints.on_exit(p)

    def system_ended(self, status: int) -> None:
        if self.conn is not None:
            try:
                self.conn.send(b"W%02x" % (status & 0xFF))
            except Disconnected:
                pass
            self.conn.close()
            self.conn = None
        self.close()

    def close(self) -> None:
        try:
            self.listener.close()
        except OSError:
            pass
        if self.address.startswith("unix:"):
            try:
                os.unlink(self.address[5:])
            except OSError:
                pass

    # -- the machine held ------------------------------------------------------------
    def _live(self) -> list:
        return [p for p in self.kernel.procs.live() if p.cpu is not None
                and not p.flags & RTS.EXITING]

    def _thread(self, tid: int):
        for p in self._live():
            if thread_id(p) == tid:
                return p
        return None

    def _hold(self) -> None:
        p, sig, extra, fault = self.stop
        if fault == "watch":
            self._finish_watched_access(p)
            if self.kernel.hold is not None:    # that instruction stopped for another reason
                return
            p, sig, extra, fault = self.stop
        if fault == "rewind":
            target.set_eip(p.cpu, p.cpu.eip - 1)   # onto the int3: gdb expects that with swbreak
            self.stop = (p, sig, extra, None)
        if p is None or p not in self._live():
            last = self.kernel.sched.last
            live = self._live()
            p = last if last in live else (live[0] if live else None)
            self.stop = (p, sig, extra, fault if fault != "rewind" else None)
        if p is not None:
            self.kernel.hold_process(p)
        self.selected = p
        if self.conn is None:         # -S: wait for gdb before the first instruction
            self.listener.setblocking(True)
            try:
                sock, _ = self.listener.accept()
            finally:
                self.listener.setblocking(False)
            self.conn = Connection(sock)
            self.running = False
        try:
            if self.running:
                self.running = False
                self.conn.send(self._stop_reply())
            while True:
                reply = self._handle(self.conn.next_packet())
                if reply is RESUME:
                    return
                self.conn.send(reply)
        except Disconnected:
            self._detach()

    def _stop_reply(self) -> bytes:
        p, sig, extra, _ = self.stop
        if p is None:
            return b"S%02x" % sig
        return f"T{sig:02x}thread:{thread_id(p):x};{extra}".encode()

    def _resume_all(self) -> None:
        self.watchpoints.clear_hits()
        for p in list(self.kernel.procs.live()):
            self.kernel.release_process(p)

    def _detach(self) -> None:
        """gdb detached or went away: no breakpoints left, everything runs on."""
        self.breakpoints.remove_all()
        self.watchpoints.remove_all()
        self._resume_all()
        self.kernel.step_waiter = None
        if self.conn is not None:
            self.conn.close()
        self.conn = None
        self.running = False

    # -- packets -------------------------------------------------------------------
    def _handle(self, pkt: bytes):
        head = pkt[:1]
        try:
            if pkt.startswith(b"qSupported"):
                return SUPPORTED
            if pkt == b"QStartNoAckMode":
                self.conn.send(b"OK")
                self.conn.ack = False
                return self._handle(self.conn.next_packet())
            if pkt.startswith(b"qXfer:features:read:target.xml:"):
                offset, length = (int(x, 16) for x in pkt.split(b":")[-1].split(b","))
                chunk = self._xml[offset:offset + length]
                more = offset + length < len(self._xml)
                return (b"m" if more else b"l") + escape_binary(chunk)
            if pkt == b"?":
                return self._stop_reply()
            if pkt == b"qAttached":
                return b"1"
            if pkt == b"qC":
                p = self.stop[0] if self.stop else None
                return b"QC%x" % thread_id(p) if p is not None else b""
            if pkt == b"qfThreadInfo":
                return b"m" + b",".join(b"%x" % thread_id(p) for p in self._live())
            if pkt == b"qsThreadInfo":
                return b"l"
            if pkt.startswith(b"qThreadExtraInfo,"):
                p = self._thread(int(pkt.split(b",")[1], 16))
                return self._extra_info(p).encode().hex().encode() if p else b"E01"
            if pkt == b"qSymbol::":
                return b"OK"
            if head == b"H":
                return self._do_select(pkt[1:2], pkt[2:])
            if head == b"T":
                return b"OK" if self._thread(int(pkt[1:], 16)) else b"E01"
            if pkt == b"g":
                return self._cpu_or_error(lambda cpu: target.read_all(cpu).hex().encode())
            if head == b"G":
                return self._cpu_or_error(lambda cpu: target.write_all(cpu, bytes.fromhex(pkt[1:].decode())) or b"OK")
            if head == b"p":
                n = int(pkt[1:], 16)
                if n >= target.NUM_REGS:
                    return b"E00"
                return self._cpu_or_error(lambda cpu: target.read_reg(cpu, n).hex().encode())
            if head == b"P":
                n, value = pkt[1:].split(b"=")
                return self._cpu_or_error(
                    lambda cpu: target.write_reg(cpu, int(n, 16), bytes.fromhex(value.decode())) or b"OK")
            if head == b"m":
                return self._do_read_memory(pkt[1:])
            if head in (b"M", b"X"):
                return self._do_write_memory(head, pkt[1:])
            if head in (b"Z", b"z"):
                return self._do_point(head == b"Z", pkt[1:])
            if pkt == b"vCont?":
                return b"vCont;c;C;s;S;t"
            if pkt.startswith(b"vCont;"):
                return self._do_vcont(pkt[6:])
            if head in (b"c", b"C"):
                sig = int(pkt[1:].split(b";")[0], 16) if head == b"C" and len(pkt) > 1 else 0
                return self._do_continue(sig)
            if head == b"s" or head == b"S":
                return self._do_step(self.selected)
            if head == b"D":
                self.conn.send(b"OK")
                self._detach()
                return RESUME
            if pkt == b"k" or pkt.startswith(b"vKill"):
                if head == b"v":
                    self.conn.send(b"OK")      # vKill is answered, k is not
                self._do_kill()
                return RESUME
        except (ValueError, IndexError):
            return b"E01"
        return b""

    def _cpu_or_error(self, fn):
        p = self.selected
        if p is None or p.cpu is None:
            return b"E01"
        return fn(p.cpu)

    def _extra_info(self, p) -> str:
        """pid, name and what the process was doing when the machine stopped."""
        if p.flags & RTS.DEBUG:
            state = "stopped"
        elif p.flags & RTS.STOPPED:
            state = "stopped by a signal"
        elif p.flags & (RTS.SENDING | RTS.RECEIVING):
            state = self.kernel.blocked_on(p)
        else:
            state = RTS.names(p.flags).lower()
        return f"pid {p.pid} {p.name} ({state})"

    def _do_select(self, op: bytes, tid: bytes) -> bytes:
        n = int(tid, 16) if tid not in (b"", b"-1") else -1
        if n in (0, -1):
            return b"OK"
        p = self._thread(n)
        if p is None:
            return b"E01"
        if op == b"g":
            self.selected = p
        return b"OK"

    def _do_read_memory(self, args: bytes) -> bytes:
        addr, length = (int(x, 16) for x in args.split(b","))
        p = self.selected
        if p is None or p.mem is None:
            return b"E01"
        try:
            data = p.mem.read(addr, length)
        except MemoryFault:
            # gdb reads in chunks that may cross into a gap: give what is there.
            data = b""
            for a in range(addr, addr + length):
                try:
                    data += p.mem.read(a, 1)
                except MemoryFault:
                    break
            if not data:
                return b"E14"
        return self.breakpoints.original(p, addr, data).hex().encode()

    def _do_write_memory(self, head: bytes, args: bytes) -> bytes:
        where, _, payload = args.partition(b":")
        addr, length = (int(x, 16) for x in where.split(b","))
        data = unescape_binary(payload) if head == b"X" else bytes.fromhex(payload.decode())
        p = self.selected
        if p is None or p.mem is None or len(data) != length:
            return b"E01"
        try:
            p.mem.write(addr, data, force=True)
        except MemoryFault:
            return b"E14"
        if length:
            p.cpu.flush_code(addr, addr + length)
        return b"OK"

    def _do_point(self, insert: bool, args: bytes) -> bytes:
        kind, addr, length = args.split(b";")[0].split(b",")
        kind, addr, length = int(kind), int(addr, 16), int(length, 16)
        if kind in (0, 1):
            if insert:
                return b"OK" if self.breakpoints.insert(addr) else b"E01"
            self.breakpoints.remove(addr)
            return b"OK"
        if kind in (2, 3, 4):
            if insert:
                self.watchpoints.insert(kind, addr, max(1, length))
            else:
                self.watchpoints.remove(kind, addr, max(1, length))
            return b"OK"
        return b""

    def _do_vcont(self, actions: bytes):
        steps = [a for a in actions.split(b";") if a[:1] in (b"s", b"S")]
        if steps:
            action = steps[0]
            _, _, tid = action.partition(b":")
            p = self._thread(int(tid, 16)) if tid and tid != b"-1" else self.selected
            return self._do_step(p)
        first = actions.split(b";")[0]
        if first[:1] == b"C":
            return self._do_continue(int(first[1:].split(b":")[0], 16))
        if first[:1] == b"c":
            return self._do_continue(0)
        return b"OK"     # t: everything is stopped already (all-stop)

    def _do_continue(self, sig: int):
        """c/C: run everything; C with the fault's signal hands the fault to PM."""
        p, _, _, fault = self.stop if self.stop else (None, 0, "", None)
        if sig and p is not None and fault is not None and fault != "rewind" \
                and GDB_SIGNALS.get(signal_name(fault.signal)) == sig:
            self._passing = True
            try:
                self.kernel.fault(p, fault)
            finally:
                self._passing = False
        self.stop = None
        self._resume_all()
        self.running = True
        return RESUME

    def _do_step(self, p):
        """One instruction of p. A step into a call that blocks ends when the
        call returns; meanwhile the rest of the system runs."""
        if p is None:
            return b"E01"
        kernel = self.kernel
        self.watchpoints.clear_hits()
        p.flags &= ~RTS.DEBUG
        self.running = True
        if p.flags:                      # waiting in a call: the step ends when it returns
            kernel.step_waiter = p
            self._resume_all()
            return RESUME
        kernel.step(p)
        if kernel.hold is not None or kernel.halted:   # a fault, a breakpoint, a watchpoint
            return RESUME
        if p.flags & RTS.SLOT_FREE or p.flags & RTS.EXITING or p.cpu is None:
            self._resume_all()
            return RESUME
        if p.flags & ~RTS.DEBUG:         # the instruction was a call that blocked
            kernel.step_waiter = p
            self._resume_all()
            return RESUME
        kernel.hold_process(p)
        self.stop = (p, GDB_SIGNALS["SIGTRAP"], "", None)
        self.running = False
        return self._stop_reply()

    def _do_kill(self) -> None:
        self.conn.close()
        self.conn = None
        self._resume_all()
        self.kernel.shutdown(137, "killed by gdb")
