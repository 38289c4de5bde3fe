"""`minixemu trace perfetto`: Chrome/Perfetto trace-event JSON that follows
the format's rules (tests/debug/traceevent_format.py), from real traces."""
import json

import pytest

from emu.debug.calls import analyze, is_process
from emu.debug.tracefile import read_trace
from tests.conftest import minixemu
from tests.debug.traceevent_format import problems


def export(trace, tmp_path):
    out = tmp_path / (trace.stem + ".json")
    r = minixemu("trace", "perfetto", trace, "-o", out)
    assert r.status == 0 and r.out == "" and r.err == "", r.err
    return json.loads(out.read_text())


@pytest.mark.parametrize("name", ["pingpong", "traceio", "faults", "kill"])
def test_export_follows_the_trace_event_format(traces, tmp_path, name):
    doc = export(traces[name], tmp_path)
    assert problems(doc) == []


def test_tracks_slices_and_flows_match_the_trace(traces, tmp_path):
    doc = export(traces["pingpong"], tmp_path)
    events = doc["traceEvents"]
    names = {e["tid"]: e["args"]["name"] for e in events
             if e["ph"] == "M" and e["name"] == "thread_name"}
    assert {"demos-pingpong[1]", "demos-pingpong[2]", "pm", "vfs", "tty"} <= set(names.values())
    tid = {v: k for k, v in names.items()}
    parent = [e for e in events if e["ph"] == "X" and e["tid"] == tid["demos-pingpong[1]"]
              and e["cat"] in ("syscall", "ipc")]
    assert [e["name"] for e in parent].count("write") == 6
    assert [e["name"] for e in parent].count("type 0x7100") == 3
    # A server's DEV_WRITE request to tty nests inside its work on the write.
    vfs = [e for e in events if e["ph"] == "X" and e["tid"] == tid["vfs"]]
    serving = [e for e in vfs if e["cat"] == "serve" and e["name"].startswith("write")]
    nested = [e for e in vfs if e["cat"] == "request" and e["name"] == "DEV_WRITE"]
    assert len(serving) == 6 and len(nested) == 6
    for n in nested:
        assert any(s["ts"] < n["ts"] and n["ts"] + n["dur"] <= s["ts"] + s["dur"]
                   for s in serving)
    # One flow per delivered message, from its sender's track to its receiver's.
    _, trace = read_trace(traces["pingpong"])
    delivered = [m for m in analyze(trace).messages if m.delivered is not None]
    starts = {e["id"]: e for e in events if e["ph"] == "s"}
    ends = {e["id"]: e for e in events if e["ph"] == "f"}
    assert len(starts) == len(ends) == len(delivered)
    for m in delivered:
        assert names[starts[m.id]["tid"]] == m.src and names[ends[m.id]["tid"]] == m.dst


def test_signals_and_faults_are_instants(traces, tmp_path):
    doc = export(traces["faults"], tmp_path)
    instants = [e for e in doc["traceEvents"] if e["ph"] == "i"]
    assert any(e["cat"] == "fault" and "SIGSEGV" in e["name"] for e in instants)
    assert any(e["cat"] == "signal" and "SIGSEGV" in e["name"] for e in instants)
    doc = export(traces["kill"], tmp_path)
    assert any(e["ph"] == "i" and e["cat"] == "signal" and "SIGTERM" in e["name"]
               for e in doc["traceEvents"])


def test_times_are_virtual_and_the_export_repeats_exactly(traces, tmp_path):
    a = (tmp_path / "a.json")
    b = (tmp_path / "b.json")
    for out in (a, b):
        assert minixemu("trace", "perfetto", traces["traceio"], "-o", out).status == 0
    assert a.read_bytes() == b.read_bytes()
    doc = json.loads(a.read_text())
    _, trace = read_trace(traces["traceio"])
    calls = analyze(trace).calls
    exact = sorted(trace[c.request]["t"] for c in calls if is_process(c.caller))
    shown = sorted(e["args"]["t_ns"] for e in doc["traceEvents"]
                   if e["ph"] == "X" and e["cat"] == "syscall")
    assert shown == exact
    for e in doc["traceEvents"]:                   # drawn never before it happened
        if e["ph"] == "X" and "t_ns" in e["args"] and e["cat"] in ("syscall", "request"):
            assert round(e["ts"] * 1000) >= e["args"]["t_ns"]


def test_the_checker_catches_what_it_should():
    base = [{"ph": "M", "pid": 1, "tid": 1, "name": "thread_name", "args": {"name": "a"}}]
    overlap = base + [
        {"ph": "X", "pid": 1, "tid": 1, "name": "a", "cat": "c", "ts": 1, "dur": 2},
        {"ph": "X", "pid": 1, "tid": 1, "name": "b", "cat": "c", "ts": 2, "dur": 2}]
    assert any("partly overlaps" in p for p in problems({"traceEvents": overlap}))
    nested = base + [
        {"ph": "X", "pid": 1, "tid": 1, "name": "a", "cat": "c", "ts": 1, "dur": 3},
        {"ph": "X", "pid": 1, "tid": 1, "name": "b", "cat": "c", "ts": 2, "dur": 2}]
    assert problems({"traceEvents": nested}) == []
    flow = base + [{"ph": "X", "pid": 1, "tid": 1, "name": "a", "cat": "c", "ts": 1, "dur": 3},
                   {"ph": "s", "pid": 1, "tid": 1, "name": "m", "cat": "m", "id": 7, "ts": 2}]
    assert any("never ends" in p for p in problems({"traceEvents": flow}))
    outside = flow + [{"ph": "f", "pid": 1, "tid": 1, "name": "m", "cat": "m", "id": 7, "ts": 9}]
    assert any("not inside a slice" in p for p in problems({"traceEvents": outside}))
    missing = base + [{"ph": "X", "pid": 1, "tid": 1, "name": "a", "ts": 1, "dur": 3}]
    assert any("missing cat" in p for p in problems({"traceEvents": missing}))
    unnamed = [{"ph": "X", "pid": 1, "tid": 2, "name": "a", "cat": "c", "ts": 1, "dur": 3}]
    assert any("no thread_name" in p for p in problems({"traceEvents": unnamed}))
