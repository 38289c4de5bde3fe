"""`minixemu attach PATH`: the live view of a system started with --monitor.

A terminal UI drawn with rich: the process table (pid, endpoint, name,
state, blocked on whom), the servers and whom each is serving, the message
stream filtered with the trace filters of `-d`/`trace grep`
(tracefilter.py), and on request one process's registers with a capstone
disassembly at EIP. Keys: p pause, s step one message, r resume, f filter,
Tab select a process, Enter registers, q quit (the system runs on).
"""
import json
import os
import select
import socket
import sys
import termios
import tty
from collections import deque

from rich.console import Console, Group
from rich.live import Live
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from emu.debug.textlog import format_event
from emu.debug.tracefilter import parse_filter

HISTORY = 5000          # events kept for re-filtering
KEYS = "p pause  s step  r resume  f filter  Tab process  Enter registers  q quit"


class ViewerState:
    def __init__(self) -> None:
        self.state: dict = {"procs": [], "servers": [], "paused": False, "t": 0}
        self.events: deque = deque(maxlen=HISTORY)
        self.lines: deque = deque(maxlen=200)
        self.filter_text = ""
        self.filter = None
        self.selected = 0
        self.regs: dict | None = None
        self.editing: str | None = None    # the filter being typed
        self.error = ""
        self.end: dict | None = None

    def set_filter(self, text: str) -> None:
        try:
            flt = parse_filter(text.split()) if text.strip() else None
        except ValueError as e:
            self.error = str(e)
            return
        self.error = ""
        self.filter_text, self.filter = text.strip(), flt
        self.lines.clear()
        for e in self.events:
            self._show(e)

    def add_event(self, e: dict) -> None:
        self.events.append(e)
        self._show(e)

    def _show(self, e: dict) -> None:
        if self.filter is None or self.filter(e):
            self.lines.append(format_event(e))

    def selected_pid(self):
        procs = self.state.get("procs") or []
        if not procs:
            return None
        return procs[self.selected % len(procs)]["pid"]


def disassemble(code: bytes, eip: int, count: int = 8) -> list[str]:
    try:
        import capstone
    except ImportError:
        return [f"{eip:08x}: {code[:16].hex(' ')}  (capstone is not installed)"]
    md = capstone.Cs(capstone.CS_ARCH_X86, capstone.CS_MODE_32)
    out = []
    for insn in md.disasm(code, eip):
        mark = "=>" if insn.address == eip else "  "
        out.append(f"{mark} {insn.address:08x}: {insn.mnemonic} {insn.op_str}".rstrip())
        if len(out) >= count:
            break
    return out or [f"{eip:08x}: (no code)"]


def render(v: ViewerState, path: str, height: int):
    st = v.state
    status = "ENDED" if v.end else ("PAUSED" if st.get("paused") else "running")
    head = Text(f"{status}   t={st.get('t', 0) / 1e9:.6f}s   minixemu attach {path}", style="bold",
                no_wrap=True, overflow="ellipsis")
    procs = Table(title="processes", expand=True)
    for col in ("pid", "ep", "name", "state", "blocked on"):
        procs.add_column(col)
    sel = v.selected_pid()
    for p in st.get("procs", []):
        style = "reverse" if p["pid"] == sel else ""
        procs.add_row(str(p["pid"]), str(p["ep"]), p["name"], p["state"], p["blocked"], style=style)
    servers = Table(title="servers", expand=True)
    servers.add_column("ep")
    servers.add_column("server")
    servers.add_column("serving")
    for s in st.get("servers", []):
        servers.add_row(str(s["ep"]), s["name"], ", ".join(s["serving"]) or "idle")
    if v.editing is not None:
        footer = Text(f"filter> {v.editing}")
    elif v.end:
        footer = Text(f"the system ended with status {v.end['status']}   q quit")
    else:
        footer = Text(v.error or KEYS)
    parts = [head, footer, procs, servers]
    if v.regs is not None:
        r = v.regs
        if "error" in r:
            body = Text(r["error"])
        else:
            regs = r["regs"]
            lines = ["  ".join(f"{k}={regs[k]:08x}" for k in list(regs)[:5]),
                     "  ".join(f"{k}={regs[k]:08x}" for k in list(regs)[5:])]
            lines += disassemble(bytes.fromhex(r["code"]), regs["eip"])
            body = Text("\n".join(lines))
        parts.append(Panel(body, title=f"registers of pid {r['pid']}"))
    room = max(3, height - 12 - 2 * len(st.get("procs", [])) - len(st.get("servers", []))
               - (12 if v.regs is not None else 0))
    msgs = list(v.lines)[-room:]
    title = f"messages (filter: {v.filter_text})" if v.filter_text else "messages"
    parts.append(Panel(Text("\n".join(msgs), no_wrap=True, overflow="crop"), title=title))
    return Group(*parts)


def attach(path: str) -> int:
    """Run the viewer until q or the end of the system; 0, or 1 if it cannot connect."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(path)
    except OSError as e:
        print(f"minixemu: attach {path}: {e.strerror}", file=sys.stderr)
        return 1
    v = ViewerState()
    console = Console()
    fd = sys.stdin.fileno()
    old = termios.tcgetattr(fd) if os.isatty(fd) else None
    buf = bytearray()

    def send(obj: dict) -> None:
        try:
            sock.sendall(json.dumps(obj).encode() + b"\n")
        except OSError:
            pass

    try:
        if old is not None:
            tty.setcbreak(fd)
        with Live(render(v, path, console.height), console=console, screen=True,
                  auto_refresh=False) as live:
            connected = True
            while True:
                fds = [fd] + ([sock] if connected else [])
                ready, _, _ = select.select(fds, [], [], 0.5)
                if sock in ready:
                    data = sock.recv(65536)
                    if not data:
                        connected = False
                    buf += data
                    while b"\n" in buf:
                        line, _, rest = bytes(buf).partition(b"\n")
                        buf = bytearray(rest)
                        msg = json.loads(line)
                        kind = msg.get("type")
                        if kind == "event":
                            v.add_event(msg["event"])
                        elif kind == "state":
                            v.state = msg
                        elif kind == "regs":
                            v.regs = msg
                        elif kind == "end":
                            v.end = msg
                if fd in ready:
                    key = os.read(fd, 1).decode("latin-1")
                    if v.editing is not None:
                        if key in ("\r", "\n"):
                            v.set_filter(v.editing)
                            v.editing = None
                        elif key in ("\x7f", "\b"):
                            v.editing = v.editing[:-1]
                        elif key == "\x1b":
                            v.editing = None
                        else:
                            v.editing += key
                    elif key == "q":
                        break
                    elif key == "p":
                        send({"cmd": "pause"})
                    elif key == "s":
                        send({"cmd": "step"})
                    elif key == "r":
                        send({"cmd": "resume"})
                    elif key == "f":
                        v.editing = v.filter_text
                    elif key == "\t":
                        v.selected += 1
                    elif key in ("\r", "\n"):
                        if v.regs is not None:
                            v.regs = None
                        elif v.selected_pid() is not None:
                            send({"cmd": "regs", "pid": v.selected_pid()})
                live.update(render(v, path, console.height), refresh=True)
    finally:
        if old is not None:
            termios.tcsetattr(fd, termios.TCSADRAIN, old)
        sock.close()
    return 0
