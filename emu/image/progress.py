"""Disk-image builds report their progress on the toolchain's BuildProgress.

The image builder calls progress(done, total); this adapter opens one
BuildProgress task at the first call (so a cached image shows nothing) and
closes it when the build is done. Host time never affects the image bytes.
"""
from collections.abc import Callable
from contextlib import ExitStack

from emu.toolchain.progress import BuildProgress


STEPS = 100   # the builder counts bytes; the display counts percent


def build_callback(progress: BuildProgress, title: str) -> Callable[[int, int], None]:
    """A progress(done, total) callback that drives a BuildProgress task."""
    state = {"stack": None, "advance": None, "shown": 0}

    def update(done: int, total: int) -> None:
        if state["stack"] is None:
            stack = ExitStack()
            state["advance"] = stack.enter_context(progress.task(title, STEPS))
            state["stack"] = stack
        percent = STEPS if done >= total else done * STEPS // max(1, total)
        for _ in range(percent - state["shown"]):
            state["advance"](f"{percent}%")
        state["shown"] = max(percent, state["shown"])
        if done >= total and state["stack"] is not None:
            state["stack"].close()
            state["stack"] = None
    return update
