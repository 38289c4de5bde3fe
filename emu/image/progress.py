"""A progress bar for image builds on a terminal, shown only if the build takes a while.

Host time decides only whether the bar is drawn (after DELAY seconds, on a
terminal); the image bytes never depend on it.
"""
import sys
import time
from typing import Callable, TextIO

DELAY = 1.0
WIDTH = 30


def progress_bar(label: str, stream: TextIO = sys.stderr,
                 delay: float = DELAY) -> Callable[[int, int], None]:
    """A progress(done, total) callback drawing `label [=====     ] 42%` on `stream`."""
    start = time.monotonic()
    state = {"shown": False}
    if not stream.isatty():
        return lambda done, total: None

    def update(done: int, total: int) -> None:
        if not state["shown"] and time.monotonic() - start < delay:
            return
        state["shown"] = True
        frac = done / total if total else 1.0
        filled = int(WIDTH * frac)
        stream.write(f"\r{label} [{'=' * filled}{' ' * (WIDTH - filled)}] {int(frac * 100):3d}%")
        if done >= total:
            stream.write("\n")
        stream.flush()
    return update
