"""Reading a `-D` trace file back: the header checked, then one event per line.

The trace tools (`minixemu trace ...`) start here. A file that is not a
trace, or was written by a newer schema, is one clear TraceFileError naming
the file and line, never a traceback.
"""
import json
from pathlib import Path

from emu.debug.jsonlog import SCHEMA_VERSION


class TraceFileError(Exception):
    """The file cannot be read as a minixemu trace."""


def read_trace(path: Path) -> tuple[dict, list[dict]]:
    """(header, events) of a -D file; the header line is not among the events."""
    name = str(path)
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except FileNotFoundError:
        raise TraceFileError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise TraceFileError(f"{name}: is a directory") from None
    except UnicodeDecodeError:
        raise TraceFileError(f"{name}: not a minixemu trace (not text)") from None
    except OSError as e:
        raise TraceFileError(f"{name}: {(e.strerror or str(e)).lower()}") from None
    if not lines:
        raise TraceFileError(f"{name}: empty file, not a minixemu trace")
    head = _parse(name, 1, lines[0])
    if head.get("cat") != "trace" or head.get("ev") != "header":
        raise TraceFileError(f"{name}: not a minixemu trace (its first line is not a "
                             "trace header; traces come from `minixemu run -D FILE`)")
    version = head.get("version")
    if not isinstance(version, int) or version > SCHEMA_VERSION or version < 1:
        raise TraceFileError(f"{name}: trace schema version {version!r}; this minixemu "
                             f"reads version {SCHEMA_VERSION}")
    events = []
    for number, line in enumerate(lines[1:], start=2):
        if line.strip():
            events.append(_parse(name, number, line))
    return head, events


def _parse(name: str, number: int, line: str) -> dict:
    try:
        event = json.loads(line)
    except json.JSONDecodeError as e:
        raise TraceFileError(f"{name}:{number}: not JSON ({e.msg})") from None
    if (not isinstance(event, dict) or not isinstance(event.get("t"), int)
            or not isinstance(event.get("cat"), str) or not isinstance(event.get("ev"), str)):
        raise TraceFileError(f"{name}:{number}: not a trace event (needs t, cat and ev)")
    return event
