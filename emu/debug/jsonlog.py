"""The machine-readable trace (`-D FILE`): one JSON object per line.

Events hold only virtual time and guest-visible values, so two runs of the
same command write identical files.
"""
import json

from emu.hostio import host_error


class JsonTrace:
    def __init__(self, path) -> None:
        self.name = str(path)
        self._file = open(path, "w", encoding="utf-8")

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
