"""`minixemu trace summary`: calls, time and errors from real traces."""
import os
import pty
import re
import subprocess
import sys

from emu.debug.calls import analyze
from emu.debug.tracefile import read_trace
from tests.conftest import minixemu


def _table(out: str, title: str) -> list[list[str]]:
    """The rows of the plain table under `title` (split on runs of 2+ spaces)."""
    block = out.split(title, 1)[1].split("\n\n", 1)[0].splitlines()[2:]
    return [re.split(r"\s{2,}", line.strip()) for line in block if line.strip()]


def test_pingpong_calls_per_process_and_server(traces):
    r = minixemu("trace", "summary", traces["pingpong"])
    assert r.status == 0, r.err
    procs = {row[0]: row for row in _table(r.out, "System calls by process")}
    parent = procs["demos-pingpong[1]"]
    assert "write x6" in parent[4]                 # six lines of output, one write each
    assert "type 0x7100 x3" in parent[4]          # its three SENDRECs to the child
    assert procs["demos-pingpong[2]"][1] == "1"    # the child only exits
    servers = {row[0]: row for row in _table(r.out, "Requests by server")}
    assert servers["vfs"][1] == "6"                # the parent's six writes
    assert int(servers["tty"][2]) >= 6             # VFS's DEV_WRITEs for them
    assert "Errors by errno" not in r.out          # nothing failed


def test_errors_by_errno_and_suspended_time(traces):
    r = minixemu("trace", "summary", traces["traceio"])
    assert r.status == 0, r.err
    errors = {row[0]: row for row in _table(r.out, "Errors by errno")}
    assert errors["EBADF"][1] == "1" and errors["EBADF"][2] == "read x1"
    slowest = _table(r.out, "Slowest calls")
    top = next(row for row in slowest if row[4] == "read")
    assert top[5].endswith("(suspended)")          # it waited for the console
    # The suspended read's time runs from its request to its revive.
    _, events = read_trace(traces["traceio"])
    a = analyze(events)
    read = next(c for c in a.calls if c.name == "read" and c.suspended)
    took = events[read.reply]["t"] - events[read.request]["t"]
    assert took > 0 and top[1] == f"{took / 1000:.2f} us"


def test_exit_has_no_reply_and_faults_are_counted(traces):
    r = minixemu("trace", "summary", traces["faults"])
    assert r.status == 0, r.err
    assert "no reply (exited)" in r.out


def test_rich_tables_on_a_terminal_plain_on_a_pipe(traces):
    plain = minixemu("trace", "summary", traces["pingpong"]).out
    assert "\x1b[" not in plain and "│" not in plain
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "emu", "trace", "summary",
                             str(traces["pingpong"])], stdout=follower, stderr=follower,
                            env=dict(os.environ, COLUMNS="120"))
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    assert proc.wait(timeout=60) == 0
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert "━" in shown or "┃" in shown or "│" in shown     # rich drew a table
    assert "demos-pingpong[1]" in shown


def test_summary_into_head_ends_quietly(traces):
    cmd = f"{sys.executable} -m emu trace summary {traces['pingpong']} | head -3"
    r = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True)
    assert len(r.stdout.splitlines()) == 3 and r.stderr == ""
