"""Real traces for the trace tools' tests: guest programs run with -D."""
from pathlib import Path

import pytest

from tests.conftest import minixemu


@pytest.fixture(scope="session")
def traces(guest, tmp_path_factory) -> dict[str, Path]:
    """name -> a -D file of a real run: the pingpong demo, a program doing
    open/read/write on the console, a fault in a forked child, and a kill."""
    out = tmp_path_factory.mktemp("traces")
    runs = {
        "pingpong": ([guest("pingpong", "demos")], b""),
        "traceio": ([guest("traceio")], b"hello there\n"),
        "faults": ([guest("faults"), "fork", "null"], b""),
        "kill": ([guest("kill"), "child"], b""),
    }
    paths = {}
    for name, (argv, stdin) in runs.items():
        path = out / f"{name}.jsonl"
        r = minixemu("run", "-D", path, *argv, stdin=stdin)
        assert path.exists(), r.err
        paths[name] = path
    return paths
