"""The strace-like text trace (`-d ipc,trap,...`), one line per event, to stderr.

    [    0.000412] ipc    hello[1] -> pm         getpid()
    [    0.000412] ipc    pm -> hello[1]         getpid = 1 (ppid=0)
"""
from emu.abi.endpoints import FIRST_USER_SLOT
from emu.abi.ipc import IpcCall
from emu.debug import decode
from emu.hostio import host_error


def _time(t: int) -> str:
    return f"[{t // 1_000_000_000:5d}.{t % 1_000_000_000 // 1000:06d}]"


def _rest(event: dict, skip=()) -> str:
    return " ".join(f"{k}={_value(v)}" for k, v in event.items()
                    if k not in ("t", "cat", "ev") and k not in skip and v is not None)


def _value(v) -> str:
    if isinstance(v, list):
        return "[" + ", ".join(map(str, v)) + "]"
    return str(v)


def format_event(e: dict, depth: int = 0) -> str:
    """One line; `depth` indents a message sent while another is being served."""
    cat, ev = e["cat"], e["ev"]
    head = f"{_time(e['t'])} {cat:<6} " + "  " * depth
    if cat == "ipc":
        if ev in ("send", "sendrec", "sendnb") and "m" in e:
            route = f"{e['src']} -> {e['dst']}"
            call = "" if ev == "sendrec" else f"[{ev}] "
            return head + f"{route:<24} {call}{decode.request(e['m'], e['dst_ep'])}"
        if ev in ("reply", "revive"):
            route = f"{e['src']} -> {e['dst']}"
            note = "  (revived)" if ev == "revive" else ""
            return head + f"{route:<24} {decode.reply(e['m'], e.get('call'))}{note}"
        if ev == "suspend":
            what = decode.call_name(e.get("call"))
            return head + f"{e['proc']:<24} suspended in {what} until {e['server']} replies"
        if ev == "receive":
            route = f"{e['dst']} <- {e['src']}"
            return head + f"{route:<24} received {decode.request(e['m'], e['dst_ep'])}"
        if ev == "notify":
            route = f"{e['src']} -> {e['dst']}"
            return head + f"{route:<24} notify" + (f"(arg={e['arg']:#x})" if e.get("arg") else "()")
        return head + f"{ev} " + _rest(e)
    if cat == "trap" and ev == "ipc":
        try:
            call = IpcCall(e["ecx"]).name
        except ValueError:
            call = e["ecx"]
        return head + f"{e['proc']} int 0x21 eax={e['eax']} ebx={e['ebx']:#010x} ecx={call}"
    if cat == "sched" and ev == "switch":
        return head + f"switch {e['frm'] or '-'} -> {e['to']}"
    if cat == "sched" and ev == "idle":
        return head + f"idle: every process waits; time jumps to tick {e['tick']}"
    if cat == "fault":
        where = f" {e['address']:#010x}" if e.get("address") is not None else ""
        return head + f"{ev} {e['proc']}: {e['reason']}{where} at eip {e['eip']:#010x}"
    if cat == "deny":
        route = f"{e['src']} -> {e['dst']}"
        what = e["call"] if ev == "ipc" else decode.type_name(e["type"], e["dst_ep"])
        return head + f"{route:<24} {what} refused: {e['reason']}"
    if cat == "dev" and ev in ("ins", "outs"):
        arrow = "->" if ev == "outs" else "<-"
        return head + (f"{e['device']:<5} {ev:<4} {e['port']:#06x} {arrow} "
                       f"{e['count']} x {8 * e['size']}-bit ({e['count'] * e['size']} bytes)")
    if cat == "dev":
        arrow = "->" if ev == "out" else "<-"
        return head + (f"{e['device']:<5} {ev:<3} {e['port']:#06x} {arrow} "
                       f"{e['value']:#0{2 + 2 * e['size']}x}")
    return head + f"{ev} " + _rest(e)


class TextTrace:
    """Writes events as text; nested requests (VFS asking MFS while serving a
    process's open) are indented under the call they serve."""

    def __init__(self, stream, before_write=None) -> None:
        self.stream = stream
        self.before_write = before_write
        self.depth = 0

    def _depth(self, event: dict) -> int:
        """The indentation of this event, and the nesting after it."""
        if event["cat"] != "ipc":
            return self.depth
        ev = event["ev"]
        if ev == "sendrec":
            if event.get("src_ep", 0) >= FIRST_USER_SLOT:   # a system call starts afresh
                self.depth = 0
            depth, self.depth = self.depth, self.depth + 1
            return depth
        if ev == "reply":
            self.depth = max(0, self.depth - 1)
            return self.depth
        if ev == "suspend":
            self.depth = 0
        return self.depth

    def __call__(self, event: dict) -> None:
        if self.before_write is not None:
            self.before_write()
        try:
            self.stream.write(format_event(event, self._depth(event)) + "\n")
            self.stream.flush()
        except OSError as e:
            raise host_error("stderr", e) from None
