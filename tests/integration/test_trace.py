"""The trace: decoded IPC on stderr, byte-identical JSON lines across runs."""
import json
import textwrap

from tests.conftest import minixemu


def test_d_ipc_shows_getpid_decoded(tmp_path):
    (tmp_path / "pid.c").write_text(textwrap.dedent("""\
        #include <stdio.h>
        #include <unistd.h>
        int main(void) { printf("%d %d\\n", getpid(), getppid()); return 0; }
    """))
    assert minixemu("cc", "pid.c", "-o", "pid", cwd=tmp_path).status == 0
    r = minixemu("run", "-d", "ipc", tmp_path / "pid")
    assert r.lines == ["1 0"]
    lines = r.err.splitlines()
    assert any("pid[1] -> pm" in l and "getpid()" in l for l in lines)
    assert any("pm -> pid[1]" in l and "getpid = 1 (ppid=0)" in l for l in lines)
    assert any("write(fd=1, buf=0x" in l and "nbytes=4)" in l for l in lines)


def test_json_trace_is_identical_across_runs(tmp_path, guest):
    files = []
    for i in range(2):
        f = tmp_path / f"trace{i}.jsonl"
        r = minixemu("run", "-D", f, guest("spin"), "4", "500000")
        assert r.status == 0
        files.append(f.read_bytes())
    assert files[0] == files[1]
    events = [json.loads(line) for line in files[0].splitlines()]
    cats = {e["cat"] for e in events}
    assert {"ipc", "sched", "proc", "kcall", "trap"} <= cats
    assert all(isinstance(e["t"], int) for e in events)
    assert [e["t"] for e in events] == sorted(e["t"] for e in events)


def test_unknown_category_is_a_usage_error(guest):
    r = minixemu("run", "-d", "ipc,bogus", guest("args"))
    assert r.status == 2
    assert r.err.strip().splitlines() == [r.err.strip()]
    assert "bogus" in r.err
