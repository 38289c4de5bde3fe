"""The machine-readable trace (`-D FILE`): one JSON object per line.

Events hold only virtual time and guest-visible values, so two runs of the
same command write identical files.
"""
import json


class JsonTrace:
    def __init__(self, path) -> None:
        self._file = open(path, "w", encoding="utf-8")

    def __call__(self, event: dict) -> None:
        self._file.write(json.dumps(event, separators=(",", ":")) + "\n")

    def close(self) -> None:
        self._file.close()
