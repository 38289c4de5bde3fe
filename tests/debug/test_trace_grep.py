"""`minixemu trace grep` and `-d CATEGORIES:FILTERS`: one filter language."""
import json
import subprocess
import sys

import pytest

from emu.debug.textlog import format_event
from emu.debug.tracefile import read_trace
from tests.conftest import minixemu


def grep(trace, *filters):
    r = minixemu("trace", "grep", trace, *filters)
    assert r.status == 0, r.err
    return r.out.splitlines()


def test_no_filter_prints_every_event_as_d_does(traces, guest):
    live = minixemu("run", "-d", "all", guest("pingpong", "demos"))
    assert live.status == 0
    _, events = read_trace(traces["pingpong"])
    lines = grep(traces["pingpong"])
    assert lines == live.err.splitlines()
    assert len(lines) == len(events)


def test_call_filter_keeps_the_calls_and_what_servers_do_for_them(traces):
    lines = grep(traces["traceio"], "call=write", "cat=ipc")
    requests = [l for l in lines if "traceio[1] -> vfs" in l]
    assert requests and all(" write(fd=" in l for l in requests)
    assert len(requests) == 5          # the file's, the prompt, the echo, and two printf lines
    assert any("vfs -> tty" in l and "DEV_WRITE(" in l for l in lines)   # served for it
    assert not any(" read(" in l or "read =" in l for l in lines)


def test_comma_lists_or_and_keys_and(traces):
    both = grep(traces["traceio"], "call=read,write", "cat=ipc", "ev=sendrec")
    assert {l.split("-> vfs")[1].split("(")[0].strip() for l in both if "traceio[1] -> vfs" in l} \
        == {"read", "write"}
    one_word = grep(traces["traceio"], "call=read,write,cat=ipc,ev=sendrec")
    assert one_word == both


def test_errno_filter_finds_the_failing_replies(traces):
    lines = grep(traces["traceio"], "errno=EBADF")
    assert lines == [l for l in lines if "read = -1 EBADF" in l] and len(lines) == 1
    assert grep(traces["traceio"], "errno=9") == lines
    assert grep(traces["pingpong"], "errno=EBADF") == []


def test_pid_and_proc_and_ep(traces):
    lines = grep(traces["pingpong"], "pid=2", "cat=ipc")
    assert lines and all("pingpong[2]" in l or "PM_EXIT" in l for l in lines)
    assert any("pingpong[2] -> pm" in l and "exit(status=0)" in l for l in lines)
    assert grep(traces["pingpong"], "proc=demos-pingpong", "pid=2", "cat=ipc") == lines
    _, events = read_trace(traces["pingpong"])
    ep2 = next(e["ep"] for e in events if e["cat"] == "proc" and e["ev"] == "fork")
    assert grep(traces["pingpong"], f"ep={ep2}", "cat=ipc") == lines
    tty = grep(traces["pingpong"], "proc=tty", "cat=ipc")
    assert tty and all("tty" in l for l in tty)


def test_time_window_in_virtual_seconds(traces):
    _, events = read_trace(traces["pingpong"])
    mid = events[len(events) // 2]["t"]
    lines = grep(traces["pingpong"], f"from={mid / 1e9:.9f}", f"to={mid / 1e9:.9f}")
    stamp = format_event(events[len(events) // 2])[:14]      # "[    0.000042]"
    assert lines and all(line.startswith(stamp) for line in lines)
    assert len(lines) == sum(1 for e in events if e["t"] == mid)
    assert grep(traces["pingpong"], "from=1000") == []


@pytest.mark.parametrize("bad, words", [
    (["call=wrte"], ["call=wrte", "did you mean write"]),
    (["pid=x"], ["pid=x", "not a number"]),
    (["colour=red"], ["unknown filter 'colour'"]),
    (["errno=EWHAT"], ["errno=EWHAT", "no such errno"]),
    (["cat=bogus"], ["cat=bogus"]),
    (["from=soon"], ["from=soon", "seconds"]),
    (["write"], ["needs KEY=VALUE"]),
    (["call="], ["no value"]),
])
def test_a_bad_filter_is_one_line_and_exit_2(traces, bad, words):
    r = minixemu("trace", "grep", traces["pingpong"], *bad)
    assert r.status == 2 and r.out == ""
    assert len(r.err.strip().splitlines()) == 1, r.err
    for w in words:
        assert w in r.err, r.err


def test_grep_into_head_ends_quietly(traces):
    cmd = f"{sys.executable} -m emu trace grep {traces['pingpong']} | head -2"
    r = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True)
    assert len(r.stdout.splitlines()) == 2
    assert r.stderr == ""


# -- the same filters on the live text trace ----------------------------------

def test_d_filter_on_a_run(guest):
    r = minixemu("run", "-d", "ipc:call=write", guest("traceio"), stdin=b"x\n")
    assert r.status == 0
    lines = r.err.splitlines()
    assert any("traceio[1] -> vfs" in l and "write(fd=1" in l for l in lines)
    assert any("vfs -> tty" in l and "DEV_WRITE(" in l for l in lines)
    assert not any(" read(" in l or " open(" in l or "exit(" in l for l in lines)
    assert all("] ipc " in l for l in lines)


def test_d_filter_equals_grep_of_the_same_run(guest, tmp_path):
    trace = tmp_path / "t.jsonl"
    assert minixemu("run", "-D", trace, guest("pingpong", "demos")).status == 0
    live = minixemu("run", "-d", "ipc,proc:pid=2", guest("pingpong", "demos"))
    assert live.status == 0
    assert live.err.splitlines() == grep(trace, "cat=ipc,proc", "pid=2")


def test_d_filter_mistakes_are_usage_errors(guest):
    for spec, word in (("ipc:pid=", "no value"), (":pid=1", "categories"),
                       ("bogus:pid=1", "bogus"), ("ipc:call=nosuch", "call=nosuch")):
        r = minixemu("run", "-d", spec, guest("args"))
        assert r.status == 2 and len(r.err.strip().splitlines()) == 1 and word in r.err, r.err
