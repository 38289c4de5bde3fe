"""The Chrome trace-event format's rules, as a checker for `trace perfetto`.

From the format's definition (the "Trace Event Format" document) and what
Perfetto's JSON importer relies on: required fields per phase, flows whose
start and end share id, cat and name, each bound inside a slice of its
track, and complete slices that nest properly on each track (never a
partial overlap).
"""
from collections import defaultdict

_REQUIRED = {
    "X": ("name", "cat", "ts", "dur", "pid", "tid"),
    "i": ("name", "ts", "pid", "tid", "s"),
    "s": ("name", "cat", "id", "ts", "pid", "tid"),
    "f": ("name", "cat", "id", "ts", "pid", "tid"),
    "M": ("name", "pid", "args"),
}
_METADATA = {"process_name", "thread_name", "process_sort_index", "thread_sort_index"}


def problems(doc) -> list[str]:
    """Every rule the document breaks, as text (empty: it is valid)."""
    out = []
    if not isinstance(doc, dict) or not isinstance(doc.get("traceEvents"), list):
        return ["not an object with a traceEvents list"]
    slices = defaultdict(list)
    flows = defaultdict(dict)
    named = set()
    for n, e in enumerate(doc["traceEvents"]):
        ph = e.get("ph")
        if ph not in _REQUIRED:
            out.append(f"event {n}: unknown phase {ph!r}")
            continue
        missing = [k for k in _REQUIRED[ph] if k not in e]
        if missing:
            out.append(f"event {n} ({ph}): missing {', '.join(missing)}")
            continue
        if ph != "M":
            if not isinstance(e["ts"], (int, float)) or e["ts"] < 0:
                out.append(f"event {n}: ts {e['ts']!r} is not a time")
            if not isinstance(e["pid"], int) or not isinstance(e["tid"], int):
                out.append(f"event {n}: pid and tid must be integers")
        if ph == "M":
            if e["name"] not in _METADATA:
                out.append(f"event {n}: unknown metadata {e['name']}")
            if e["name"] == "thread_name":
                named.add((e["pid"], e["tid"]))
        elif ph == "X":
            if not isinstance(e["dur"], (int, float)) or e["dur"] < 0:
                out.append(f"event {n}: dur {e['dur']!r} is negative or not a number")
            start = _ns(e["ts"])   # as Perfetto reads it: whole ns, rounded
            slices[(e["pid"], e["tid"])].append((start, start + _ns(e["dur"]), n))
        elif ph == "i":
            if e["s"] not in ("g", "p", "t"):
                out.append(f"event {n}: instant scope {e['s']!r}")
        else:
            key = (e["id"], e["cat"], e["name"])
            if key in flows[ph]:
                out.append(f"event {n}: flow {ph} id {e['id']} appears twice")
            flows[ph][key] = e
    for key, start in flows["s"].items():
        end = flows["f"].get(key)
        if end is None:
            out.append(f"flow id {key[0]}: starts but never ends")
            continue
        if end["ts"] < start["ts"]:
            out.append(f"flow id {key[0]}: ends before it starts")
        for e in (start, end):
            track = slices[(e["pid"], e["tid"])]
            if not any(s < _ns(e["ts"]) < t for s, t, _ in track):
                out.append(f"flow id {key[0]} ({e['ph']}): not inside a slice of its track")
    for key in flows["f"].keys() - flows["s"].keys():
        out.append(f"flow id {key[0]}: ends but never starts")
    for track, items in slices.items():
        if track not in named:
            out.append(f"track {track}: no thread_name metadata")
        out.extend(_overlaps(track, items))
    return out


def _ns(us) -> int:
    return round(us * 1000)


def _overlaps(track, items) -> list[str]:
    """Slices on one track must nest or be disjoint (touching ends are disjoint)."""
    out = []
    stack = []
    for start, end, n in sorted(items, key=lambda x: (x[0], -x[1], x[2])):
        while stack and stack[-1][1] <= start and not (stack[-1][1] == start == end
                                                        and stack[-1][0] < start):
            stack.pop()
        if stack and end > stack[-1][1]:
            out.append(f"track {track}: slice event {n} [{start}, {end}] partly overlaps "
                       f"event {stack[-1][2]} [{stack[-1][0]}, {stack[-1][1]}]")
            continue
        stack.append((start, end, n))
    return out
