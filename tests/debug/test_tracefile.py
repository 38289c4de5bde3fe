"""The -D file's header line, and reading traces back (emu/debug/tracefile.py)."""
import json

from emu.debug.jsonlog import SCHEMA_VERSION
from tests.conftest import minixemu


def test_first_line_is_a_header_with_the_schema_version(traces):
    lines = traces["pingpong"].read_text().splitlines()
    head = json.loads(lines[0])
    assert head["cat"] == "trace" and head["ev"] == "header"
    assert head["version"] == SCHEMA_VERSION == 1
    assert head["time_unit"] == "ns"
    assert "ipc" in head["categories"]
    assert all(json.loads(line)["cat"] != "trace" for line in lines[1:])


def test_header_names_the_recorded_categories(guest, tmp_path):
    path = tmp_path / "t.jsonl"
    assert minixemu("run", "-d", "ipc,proc", "-D", path, guest("args")).status == 0
    head = json.loads(path.read_text().splitlines()[0])
    assert head["categories"] == ["ipc", "proc"]
    assert {json.loads(line)["cat"] for line in path.read_text().splitlines()[1:]} <= {"ipc", "proc"}


def _one_line_error(r, *words):
    assert r.status == 2, (r.status, r.err)
    assert len(r.err.strip().splitlines()) == 1, r.err
    assert r.err.startswith("minixemu: ")
    for w in words:
        assert w in r.err, r.err


def test_files_that_are_not_traces_are_one_line_errors(tmp_path):
    missing = tmp_path / "nope.jsonl"
    _one_line_error(minixemu("trace", "summary", missing), "no such file")
    plain = tmp_path / "plain.jsonl"
    plain.write_text('{"t":0,"cat":"ipc","ev":"send"}\n')
    _one_line_error(minixemu("trace", "grep", plain), "not a minixemu trace")
    newer = tmp_path / "newer.jsonl"
    newer.write_text('{"t":0,"cat":"trace","ev":"header","version":99}\n')
    _one_line_error(minixemu("trace", "perfetto", newer, "-o", tmp_path / "x.json"),
                    "version 99")
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"t":0,"cat":"trace","ev":"header","version":1}\n{"t":1,\n')
    _one_line_error(minixemu("trace", "summary", broken), "broken.jsonl:2", "not JSON")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    _one_line_error(minixemu("trace", "html", empty, "-o", tmp_path / "x.html"), "empty")
    odd = tmp_path / "odd.jsonl"
    odd.write_text('{"t":0,"cat":"trace","ev":"header","version":1}\n'
                   '{"t":5,"cat":"ipc","ev":"sendrec","src":"a[1]","m":"00"}\n')
    _one_line_error(minixemu("trace", "summary", odd), "odd.jsonl", "lacks")
    binary = tmp_path / "bin.jsonl"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    _one_line_error(minixemu("trace", "summary", binary), "not a minixemu trace")


def test_unwritable_output_is_a_one_line_error(traces, tmp_path):
    _one_line_error(minixemu("trace", "perfetto", traces["pingpong"],
                             "-o", tmp_path / "no" / "such" / "dir.json"), "no such file")
