"""`minixemu trace TOOL TRACE`: the trace tools, each on a `-D` file.

summary (tables), grep (filtered text, as -d prints it), perfetto (Chrome
trace-event JSON) and html (a message-sequence chart). Every mistake (a
missing file, a bad filter, an unwritable output) is a TraceFileError or a
ValueError with one line of text; the command line turns it into exit 2.
"""
from pathlib import Path

from emu.debug.calls import analyze
from emu.debug.tracefile import read_trace


def run(tool: str, path: Path, filters: list, output: Path | None, out) -> int:
    try:
        return _run(tool, path, filters, output, out)
    except (KeyError, TypeError, IndexError) as e:   # a hand-edited or foreign file
        raise ValueError(f"{path}: an event lacks what its kind needs "
                         f"({type(e).__name__}: {e}); was it written by -D?") from None


def _run(tool: str, path: Path, filters: list, output: Path | None, out) -> int:
    if tool == "grep":
        from emu.debug.tracefilter import parse_filter
        keep = parse_filter(filters)          # a bad filter fails before any reading
        _, events = read_trace(path)
        return grep(events, keep, out)
    _, events = read_trace(path)
    if tool == "summary":
        from emu.debug.summary import print_summary
        print_summary(str(path), events, analyze(events), out)
        return 0
    if tool == "perfetto":
        from emu.debug.perfetto import export
        _write(output, export(events, analyze(events)))
        return 0
    if tool == "html":
        from emu.debug.msc import page
        _write(output, page(path.name, events, analyze(events)))
        return 0
    raise ValueError(f"unknown trace tool '{tool}'")


def grep(events: list, keep, out) -> int:
    """The text trace's own consumer prints the matches, so grep shows them
    exactly as `-d` with the same filter does."""
    from emu.debug.textlog import TextTrace
    text = TextTrace(out)
    for e in events:
        if keep(e):
            text(e)
    return 0


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise ValueError(f"{path}: {(e.strerror or str(e)).lower()}") from None
