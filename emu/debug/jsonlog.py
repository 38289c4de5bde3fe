"""The machine-readable trace (`-D FILE`): one JSON object per line.

The first line is a header naming the schema version (docs/trace.md), so the
trace tools can refuse a file they do not understand. Events hold only
virtual time and guest-visible values, so two runs of the same command write
identical files.
"""
import json

from emu import __version__
from emu.hostio import host_error

SCHEMA_VERSION = 1


def header(categories) -> dict:
    """The first line of every trace file: nothing in it varies between runs."""
    return {"t": 0, "cat": "trace", "ev": "header", "version": SCHEMA_VERSION,
            "time_unit": "ns", "emulator": f"minixemu {__version__}",
            "categories": sorted(categories)}


class JsonTrace:
    def __init__(self, path, categories=()) -> None:
        self.name = str(path)
        self._file = open(path, "w", encoding="utf-8")
        self(header(categories))

    def __call__(self, event: dict) -> None:
        try:
            self._file.write(json.dumps(event, separators=(",", ":")) + "\n")
        except OSError as e:
            raise host_error(self.name, e) from None

    def close(self) -> None:
        try:
            self._file.close()
        except OSError as e:
            raise host_error(self.name, e) from None
