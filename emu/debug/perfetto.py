"""`minixemu trace perfetto`: the trace as Chrome/Perfetto trace-event JSON.

One track (a thread, "tid") per process and per server. A call is a complete
slice ("X") on its caller's track from request to reply; a server's work on
a request is a slice on the server's track, and the requests it makes
meanwhile nest inside it. Every delivered message is a flow ("s" -> "f")
from a short "send" slice on the sender's track to a short "receive" slice
on the receiver's. Signals, faults, process events and interrupts are
instants ("i").

Virtual time is in ns, and many events share one instant (a server's work
costs no time until it sends). So that their order and nesting show, each
event is drawn at `display = max(t, previous display + STEP)` ns: never
earlier than it happened, a few ns later at most while events crowd. The
exact time of every slice is in its args (t_ns).
"""
import json

from emu.debug.calls import Analysis, is_process, lane_key, split_label

STEP = 6     # display ns per event: room for a send slice before and a receive slice after
PID = 1
_DRAWN = frozenset({"ipc", "proc", "signal", "fault", "irq", "deny"})


class Tracks:
    """Lane keys -> tids: processes first (by pid), then servers, then the kernel."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.tids: dict[str, int] = {}

    def tid(self, label: str) -> int:
        key = lane_key(label)
        if key not in self.tids:
            name, pid = split_label(label)
            self.tids[key] = 1000 + pid if pid is not None else 100 + len(
                [k for k in self.tids if not k.startswith("pid ")])
            self.names[key] = label
        elif is_process(label) and label not in self.names[key].split(" -> "):
            self.names[key] += f" -> {split_label(label)[0]}"   # renamed by exec
        return self.tids[key]

    def metadata(self) -> list[dict]:
        out = [{"ph": "M", "pid": PID, "tid": 0, "name": "process_name",
                "args": {"name": "minixemu"}}]
        for key, tid in sorted(self.tids.items(), key=lambda kv: kv[1]):
            out.append({"ph": "M", "pid": PID, "tid": tid, "name": "thread_name",
                        "args": {"name": self.names[key]}})
            out.append({"ph": "M", "pid": PID, "tid": tid, "name": "thread_sort_index",
                        "args": {"sort_index": tid - 1000 if tid >= 1000 else 100_000 + tid}})
        return out


def display_times(events: list) -> list[int]:
    d, out = None, []
    for e in events:
        if e["cat"] in _DRAWN:
            d = e["t"] if d is None else max(e["t"], d + STEP)
        else:
            d = e["t"] if d is None else max(e["t"], d)
        out.append(d)
    return out


def _us(ns: int) -> float:
    return ns / 1000


def export(events: list, a: Analysis) -> str:
    d = display_times(events)
    tracks = Tracks()
    slices, flows, instants = [], [], []

    def slice_(label, name, cat, start, end, args):
        slices.append({"ph": "X", "pid": PID, "tid": tracks.tid(label), "name": name,
                       "cat": cat, "ts": _us(start), "dur": _us(end - start), "args": args})

    for c in a.calls:
        end = c.end if c.end is not None else c.request
        kind = "syscall" if is_process(c.caller) and not is_process(c.callee) else (
            "ipc" if is_process(c.callee) else "request")
        args = {"t_ns": events[c.request]["t"], "to": c.callee, "depth": c.depth}
        if c.reply is not None:
            args["reply_t_ns"] = events[c.reply]["t"]
            args["status"] = c.status
        if c.errno:
            args["errno"] = c.errno
        if c.outcome:
            args["outcome"] = c.outcome
        if c.suspended:
            args["suspended"] = True
        slice_(c.caller, c.name, kind, d[c.request], max(d[end], d[c.request] + 4), args)
        if not is_process(c.callee) and c.served_until is not None:
            served = d[c.served_until] if c.served_until == c.reply else d[c.served_until] + 4
            slice_(c.callee, f"{c.name} ({c.caller})", "serve", d[c.request],
                   max(served, d[c.request] + 4), {"t_ns": events[c.request]["t"],
                                                   "for": c.caller})

    for m in a.messages:
        if m.delivered is None:
            continue
        args = {"t_ns": events[m.sent]["t"], "message": m.text, "kind": m.kind}
        sent, got = d[m.sent], d[m.delivered]
        slice_(m.src, f"-> {m.dst}: {_name(m)}", "send", sent - 2, sent, args)
        slice_(m.dst, f"<- {m.src}: {_name(m)}", "receive", got + 1, got + 3,
               dict(args, delivered_t_ns=events[m.delivered]["t"]))
        flows.append({"ph": "s", "pid": PID, "tid": tracks.tid(m.src), "id": m.id,
                      "cat": "message", "name": "message", "ts": _us(sent - 1)})
        flows.append({"ph": "f", "bp": "e", "pid": PID, "tid": tracks.tid(m.dst), "id": m.id,
                      "cat": "message", "name": "message", "ts": _us(got + 2)})

    for i, e in enumerate(events):
        inst = _instant(e)
        if inst is not None:
            label, name = inst
            instants.append({"ph": "i", "s": "t", "pid": PID, "tid": tracks.tid(label),
                             "name": name, "cat": e["cat"], "ts": _us(d[i] + 4),
                             "args": {k: v for k, v in e.items() if k not in ("cat", "ev")}})

    body = slices + flows + instants
    body.sort(key=lambda x: (x["ts"], -x.get("dur", 0), _PHASE_ORDER[x["ph"]]))
    doc = {"traceEvents": tracks.metadata() + body,
           "otherData": {"source": "minixemu trace perfetto", "time": "virtual",
                         "note": "events that share a virtual instant are drawn a few ns "
                                 "apart; args.t_ns holds the exact virtual time"}}
    return json.dumps(doc, separators=(",", ":")) + "\n"


_PHASE_ORDER = {"X": 0, "s": 1, "f": 1, "i": 2}


def _name(m) -> str:
    text = m.text
    cut = text.find("(")
    return text[:cut] if cut > 0 else text.split(" ")[0]


def _instant(e: dict):
    cat, ev = e["cat"], e["ev"]
    if cat == "signal":
        return e.get("proc", "kernel"), f"{e.get('signal', ev)} ({ev})"
    if cat == "fault":
        return e.get("proc", "kernel"), f"fault {ev}: {e.get('reason', '')}"
    if cat == "irq":
        return "irq", f"irq {e.get('irq', 0)} -> {e['to']}" if ev == "hard_int" else (
            f"clock x{e.get('ticks', 1)}" if ev == "clock" else ev)
    if cat == "proc" and isinstance(e.get("proc") or e.get("child"), str):
        label = e.get("proc") or e.get("child")
        return label, f"{ev} {label}"
    if cat == "deny":
        return e.get("src", "kernel"), f"denied: {e.get('dst')}"
    return None
