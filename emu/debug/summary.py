"""`minixemu trace summary`: what a trace's processes asked, of whom, for how long.

Tables of calls per process and per server, virtual time in each (a call's
time runs from its request to its reply, suspensions included), errors by
errno and the slowest calls. Printed with rich on a terminal, as plain
aligned text otherwise (a pipe, `| head`, a file).
"""
from collections import Counter, defaultdict
from dataclasses import dataclass

from emu.debug.calls import Analysis, is_process, lane_key

SLOWEST = 10


def fmt_time(ns: int) -> str:
    """Virtual time for people: 840 ns, 12.34 us, 1.500 ms, 2.000000 s."""
    if ns < 1000:
        return f"{ns} ns"
    if ns < 1_000_000:
        return f"{ns / 1000:.2f} us"
    if ns < 1_000_000_000:
        return f"{ns / 1_000_000:.3f} ms"
    return f"{ns / 1_000_000_000:.6f} s"


@dataclass
class Table:
    title: str
    columns: list          # (heading, "l" or "r")
    rows: list

    def plain(self) -> str:
        cells = [[h for h, _ in self.columns]] + [[str(c) for c in row] for row in self.rows]
        widths = [max(len(r[i]) for r in cells) for i in range(len(self.columns))]
        lines = [self.title]
        for row in cells:
            parts = [c.ljust(w) if a == "l" else c.rjust(w)
                     for c, w, (_, a) in zip(row, widths, self.columns)]
            lines.append("  ".join(parts).rstrip())
        return "\n".join(lines)

    def rich(self):
        from rich.table import Table as RichTable
        t = RichTable(title=self.title, title_justify="left", title_style="bold")
        for heading, align in self.columns:
            t.add_column(heading, justify="left" if align == "l" else "right")
        for row in self.rows:
            t.add_row(*(str(c) for c in row))
        return t


def tables(events: list, a: Analysis) -> list[Table]:
    def t(i):
        return events[i]["t"]

    def duration(c) -> int:
        return t(c.end) - t(c.request) if c.end is not None else 0

    calls = a.calls
    by_proc = defaultdict(lambda: [0, 0, 0, Counter()])
    names = {}
    for c in calls:
        if not is_process(c.caller):
            continue
        key = lane_key(c.caller)
        names.setdefault(key, c.caller)
        row = by_proc[key]
        row[0] += 1
        row[1] += c.errno is not None
        row[2] += duration(c)
        row[3][c.name] += 1
    proc_rows = [(names[k], n, err, fmt_time(ns), _most(counter))
                 for k, (n, err, ns, counter) in by_proc.items()]

    by_server = defaultdict(lambda: [0, 0, 0, 0])
    for c in calls:
        if is_process(c.callee):
            continue
        row = by_server[c.callee]
        row[0 if is_process(c.caller) else 1] += 1
        row[2] += c.errno is not None
        row[3] += duration(c)
    server_rows = [(s, p, n, err, fmt_time(ns)) for s, (p, n, err, ns) in by_server.items()]

    by_call = defaultdict(lambda: [0, 0, 0, 0])
    for c in calls:
        row = by_call[(c.name, c.callee if not is_process(c.callee) else "(process)")]
        d = duration(c)
        row[0] += 1
        row[1] += c.errno is not None
        row[2] += d
        row[3] = max(row[3], d)
    call_rows = [(name, server, n, err, fmt_time(ns), fmt_time(ns // n), fmt_time(mx))
                 for (name, server), (n, err, ns, mx) in
                 sorted(by_call.items(), key=lambda kv: (-kv[1][2], kv[0]))]

    by_errno = defaultdict(Counter)
    for c in calls:
        if c.errno is not None:
            by_errno[c.errno][c.name] += 1
    errno_rows = [(err, sum(cnt.values()), _most(cnt))
                  for err, cnt in sorted(by_errno.items(), key=lambda kv: -sum(kv[1].values()))]

    slow = sorted((c for c in calls if c.end is not None),
                  key=lambda c: (-duration(c), c.request))[:SLOWEST]
    slow_rows = [(f"{t(c.request) / 1e9:.6f}", fmt_time(duration(c)), c.caller,
                  c.callee, c.name, _result(c)) for c in slow]
    return [
        Table("System calls by process (virtual time from request to reply)",
              [("process", "l"), ("calls", "r"), ("errors", "r"), ("time in calls", "r"),
               ("most made", "l")], proc_rows),
        Table("Requests by server",
              [("server", "l"), ("from processes", "r"), ("from servers", "r"),
               ("errors", "r"), ("time serving", "r")], server_rows),
        Table("Calls", [("call", "l"), ("server", "l"), ("calls", "r"), ("errors", "r"),
                        ("total", "r"), ("average", "r"), ("max", "r")], call_rows),
        Table("Errors by errno", [("errno", "l"), ("count", "r"), ("calls", "l")],
              errno_rows),
        Table(f"Slowest calls (top {SLOWEST})",
              [("at (s)", "r"), ("took", "r"), ("caller", "l"), ("server", "l"),
               ("call", "l"), ("result", "l")], slow_rows),
    ]


def _most(counter: Counter, n: int = 4) -> str:
    return ", ".join(f"{name} x{count}" for name, count in
                     sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n])


def _result(c) -> str:
    if c.outcome:
        return {"exit": "no reply (exited)", "exec": "no reply (exec)",
                "unfinished": "no reply yet"}[c.outcome]
    if c.errno is not None:
        return f"-1 {c.errno}"
    return str(c.status) + (" (suspended)" if c.suspended else "")


def headline(name: str, events: list, a: Analysis) -> str:
    processes = {lane_key(c.caller) for c in a.calls if is_process(c.caller)}
    span = events[-1]["t"] - events[0]["t"] if events else 0
    return (f"{name}: {len(events)} events, {len(processes)} processes, "
            f"{len(a.calls)} calls, {len(a.messages)} messages, "
            f"{fmt_time(span)} of virtual time")


def print_summary(name: str, events: list, a: Analysis, out) -> None:
    if out.isatty():
        from rich.console import Console
        console = Console(file=out)
        console.print(headline(name, events, a))
        for table in tables(events, a):
            if table.rows:
                console.print(table.rich())
        return
    out.write(headline(name, events, a) + "\n")
    for table in tables(events, a):
        if table.rows:
            out.write("\n" + table.plain() + "\n")
