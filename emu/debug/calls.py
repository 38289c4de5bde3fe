"""The trace as calls and messages: which reply answers which request, what
nests in what, and which message was delivered where.

A call is a SENDREC: a process's system call to PM or VFS, a server's request
to another server (VFS asking MFS or a driver), or one guest asking another.
It ends at its reply (at once, or a revive after a suspension), or without
one at the caller's exit or exec. A server serves a request synchronously, so
the requests it makes meanwhile nest inside it: the "context" stack. A
message is every send (request, reply, one-way send, notify) with the event
that delivered it. The summary, grep's filters, the Perfetto export and the
HTML chart all read this one model. Generic over message types: names and
fields come from emu.abi's CALLS and emu.debug.decode.
"""
import re
from collections import deque
from dataclasses import dataclass, field

from emu.abi import com
from emu.abi.errno import Errno
from emu.abi.message import Message
from emu.debug import decode

_LABEL = re.compile(r"^(?P<name>.*)\[(?P<pid>\d+)\]$")
_DEV_REPLIES = frozenset(int(v) for v in com.DevReply)


def split_label(label: str) -> tuple[str, int | None]:
    """'hello[3]' -> ('hello', 3); a server's or task's name -> (name, None)."""
    m = _LABEL.match(label)
    if m is None:
        return label, None
    return m.group("name"), int(m.group("pid"))


def lane_key(label: str) -> str:
    """A process keeps its lane across exec (its name changes, its pid does not)."""
    _, pid = split_label(label)
    return f"pid {pid}" if pid is not None else label


def is_process(label: str) -> bool:
    return split_label(label)[1] is not None


def m_type(raw_hex: str) -> int:
    return int.from_bytes(bytes.fromhex(raw_hex[8:16]), "little", signed=True)


def reply_status(raw_hex: str) -> int:
    """The result a reply carries: its m_type, or REP_STATUS of a driver's TASK_REPLY."""
    t = m_type(raw_hex)
    if t in _DEV_REPLIES:
        return getattr(Message(bytes.fromhex(raw_hex)), com.REP_STATUS)
    return t


def errno_of(status: int | None) -> str | None:
    """'EPIPE' for -32; None for a success or a value that is no errno."""
    if status is None or status >= 0:
        return None
    try:
        return Errno(-status).name
    except ValueError:
        return None


def event_call_name(e: dict) -> str | None:
    """The call or message type an ipc event is about, as decode names it."""
    if e.get("cat") != "ipc":
        return None
    ev = e["ev"]
    if "m" in e and ev in ("send", "sendrec", "sendnb", "receive"):
        return decode.call_name((e["dst_ep"], m_type(e["m"])))
    if ev in ("reply", "revive", "suspend") and e.get("call") is not None:
        return decode.call_name(tuple(e["call"]))
    if ev == "notify":
        return "notify"
    return None


@dataclass(eq=False)
class Call:
    id: int
    caller: str            # label at the time of the request
    callee: str
    name: str
    request: int           # event index of the request
    parent: "Call | None"  # the call its caller was serving when it asked
    reply: int | None = None
    end: int | None = None           # reply, or what ended it without one
    suspended: bool = False
    status: int | None = None
    outcome: str = ""      # "", "exit", "exec", "unfinished"
    served_until: int | None = None  # a server's handling: reply or suspend
    last_inside: int = 0             # last event seen while it was being served
    caller_ep: int | None = None

    @property
    def top(self) -> "Call":
        c = self
        while c.parent is not None:
            c = c.parent
        return c

    @property
    def depth(self) -> int:
        d, c = 0, self.parent
        while c is not None:
            d, c = d + 1, c.parent
        return d

    @property
    def errno(self) -> str | None:
        return errno_of(self.status) if not is_process(self.callee) else None


@dataclass(eq=False)
class Msg:
    id: int
    kind: str              # request, reply, send, notify
    src: str
    dst: str
    sent: int              # event index
    text: str
    delivered: int | None = None
    call: Call | None = None
    raw: str | None = None  # the 36 bytes, hex
    owner: Call | None = None


@dataclass
class Analysis:
    """Feed events in order (`feed`), then `finish`; or read `owner` as you go."""
    keep: bool = True                  # False: a streaming filter keeps no history
    calls: list = field(default_factory=list)
    messages: list = field(default_factory=list)
    owners: list = field(default_factory=list)   # per event: the process call it serves
    index: int = -1
    context: list = field(default_factory=list)  # calls being served right now
    open_calls: dict = field(default_factory=dict)   # caller lane -> [Call] awaiting replies
    undelivered: dict = field(default_factory=dict)  # (src lane, dst lane) -> deque[Msg]
    _ids: int = 0

    def _new_id(self) -> int:
        self._ids += 1
        return self._ids

    # -- the context stack ----------------------------------------------------
    def _leave_all(self) -> None:
        """A guest runs again (or starts a call): no server is serving anything."""
        for c in self.context:
            if c.served_until is None:
                c.served_until = c.last_inside
        self.context.clear()

    def _leave(self, call: Call, at: int) -> None:
        if call in self.context:
            while self.context:
                c = self.context.pop()
                if c.served_until is None:
                    c.served_until = at
                if c is call:
                    break

    # -- events ---------------------------------------------------------------
    def feed(self, e: dict) -> Call | None:
        """Take the next event; returns the process call it belongs to, if any."""
        self.index += 1
        i = self.index
        owner = None
        cat, ev = e["cat"], e["ev"]
        if (cat == "trap" and ev == "ipc") or (cat == "sched" and ev == "switch"):
            self._leave_all()
        elif cat == "ipc":
            owner = self._ipc(i, e, ev)
        elif cat == "proc" and ev in ("exit", "exec"):
            owner = self._proc_end(i, e, ev)
        if owner is None and self.context:
            owner = self.context[0].top
        for c in self.context:
            c.last_inside = i
        if self.keep:
            self.owners.append(owner)
        return owner

    def _ipc(self, i: int, e: dict, ev: str) -> Call | None:
        if ev in ("send", "sendrec", "sendnb") and "m" in e:
            return self._send(i, e, ev)
        if ev in ("reply", "revive") and "m" in e:
            return self._reply(i, e)
        if ev == "suspend":
            call = self._awaiting(lane_key(e["proc"]), None)
            if call is not None:
                call.suspended = True
                self._leave(call, i)
                return call.top
            return None
        if ev == "receive" and "m" in e:
            return self._receive(i, e)
        if ev == "notify":
            msg = self._message("notify", e["src"], e["dst"], i, "notify" + (
                f"(arg={e['arg']:#x})" if e.get("arg") else "()"), None)
            self._route(msg, i)
            return None
        return None

    def _send(self, i: int, e: dict, ev: str) -> Call | None:
        src, dst = e["src"], e["dst"]
        if is_process(src) and not is_process(dst):
            self._leave_all()           # a system call starts at the top level
        parent = self.context[-1] if self.context else None
        text = decode.request(e["m"], e["dst_ep"])
        msg = self._message("request" if ev == "sendrec" else "send", src, dst, i, text, e["m"])
        if ev == "sendrec":
            call = Call(self._new_id(), src, dst, decode.call_name((e["dst_ep"], m_type(e["m"]))),
                        i, parent, last_inside=i, caller_ep=e.get("src_ep"))
            msg.call = call
            self.open_calls.setdefault(lane_key(src), []).append(call)
            if self.keep:
                self.calls.append(call)
            if not is_process(dst):
                self.context.append(call)
        self._route(msg, i)
        top = parent.top if parent is not None else (msg.call if msg.call else None)
        msg.owner = top
        return top

    def _reply(self, i: int, e: dict) -> Call | None:
        src, dst = e["src"], e["dst"]
        call = self._awaiting(lane_key(dst), lane_key(src))
        text = decode.reply(e["m"], tuple(e["call"]) if e.get("call") is not None else None)
        msg = self._message("reply", src, dst, i, text, e["m"])
        msg.delivered = i
        if call is not None:
            self._close(call, i, reply_status(e["m"]))
            msg.call = call
            self._leave(call, i)
            msg.owner = call.top
            return call.top
        msg.owner = self.context[0].top if self.context else None
        return msg.owner

    def _receive(self, i: int, e: dict) -> Call | None:
        src, dst = lane_key(e["src"]), lane_key(e["dst"])
        msg = None
        queue = self.undelivered.get((src, dst))
        if queue:
            notify = m_type(e["m"]) == com.NOTIFY_MESSAGE
            for candidate in queue:
                if candidate.raw == e["m"] or (notify and candidate.kind == "notify"):
                    msg = candidate
                    break
            if msg is not None:
                queue.remove(msg)
        if msg is None:   # sent before the trace began, or by the kernel itself
            msg = self._message("send", e["src"], e["dst"], i,
                                decode.request(e["m"], e["dst_ep"]), e["m"])
        msg.delivered = i
        call = self._awaiting(dst, src)
        if call is not None and msg.call is not call:   # a guest's answer to a guest's sendrec
            self._close(call, i, m_type(e["m"]))
            msg.kind = "reply"
            msg.call = call
            return call.top
        return msg.call.top if msg.call is not None else None

    def _proc_end(self, i: int, e: dict, ev: str) -> Call | None:
        """A process that exits or execs gets no reply to the call it is in."""
        key = lane_key(e["proc"])
        calls = self.open_calls.pop(key, [])
        for call in calls:
            call.end = i
            call.outcome = ev
        for queue_key in [k for k in self.undelivered if k[1] == key and ev == "exit"]:
            del self.undelivered[queue_key]
        return calls[0].top if calls else None

    # -- helpers --------------------------------------------------------------
    def _awaiting(self, caller: str, callee: str | None) -> Call | None:
        """The innermost call `caller` awaits (from `callee`, if given)."""
        for call in reversed(self.open_calls.get(caller, ())):
            if callee is None or lane_key(call.callee) == callee:
                return call
        return None

    def _close(self, call: Call, i: int, status: int) -> None:
        call.reply = call.end = i
        call.status = status
        calls = self.open_calls.get(lane_key(call.caller), [])
        if call in calls:
            calls.remove(call)

    def _message(self, kind: str, src: str, dst: str, i: int, text: str, raw) -> Msg:
        msg = Msg(self._new_id(), kind, src, dst, i, text, raw=raw)
        if self.keep:
            self.messages.append(msg)
        return msg

    def _route(self, msg: Msg, i: int) -> None:
        """A server takes a message at once; a process when it receives it."""
        if not is_process(msg.dst):
            msg.delivered = i
        else:
            self.undelivered.setdefault((lane_key(msg.src), lane_key(msg.dst)),
                                        deque()).append(msg)

    def finish(self) -> "Analysis":
        """End of trace: a server's message to a process that no receive event
        took was delivered at once (the process was waiting for it)."""
        self._leave_all()
        for (src, _), queue in self.undelivered.items():
            for msg in queue:
                if not is_process(msg.src) and msg.kind != "notify":
                    msg.delivered = msg.sent
        self.undelivered.clear()
        for calls in self.open_calls.values():
            for call in calls:
                call.end = self.index
                call.outcome = "unfinished"
        return self


def analyze(events: list[dict]) -> Analysis:
    a = Analysis()
    for e in events:
        a.feed(e)
    return a.finish()
