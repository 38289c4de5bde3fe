"""Progress of long builds (the guest build now, disk images later), shown on stderr.

    progress = BuildProgress()                  # stderr; BuildProgress(silent=True) shows nothing
    with progress.task("the C library", total=len(todo)) as advance:
        for source in todo:
            compile(source)
            advance(source.name)                # thread-safe: pool workers may call it

On a terminal each task is a rich progress bar naming the last file built; on
anything else it is one plain line per task, "minixemu: building the C library
(43 steps)", with no control characters. A caller opens a task only when it
has work to do, so a build that finds everything cached shows nothing. Tools
report progress; the kernel and the servers never do.
"""
import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

Advance = Callable[[str], None]


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):    # no isatty, or a closed stream
        return False


class BuildProgress:
    """Where a long build says what it is doing; one per command invocation."""

    def __init__(self, stream: TextIO | None = None, rich: bool | None = None,
                 silent: bool = False) -> None:
        """stream defaults to sys.stderr; rich=None draws bars exactly when it is a terminal."""
        self.stream = None if silent else (stream or sys.stderr)
        self.rich = self.stream is not None and (_is_terminal(self.stream) if rich is None else rich)
        self._bars = None       # the rich display, live while any task is open
        self._open = 0
        self._lock = threading.Lock()

    @contextmanager
    def task(self, title: str, total: int) -> Iterator[Advance]:
        """Show that `title` is being built in `total` steps; yields advance(item)."""
        if self.stream is None:
            yield lambda item: None
        elif not self.rich:
            self._plain_line(f"minixemu: building {title} ({total} step{'s' if total != 1 else ''})")
            yield lambda item: None
        else:
            with self._bar(title, total) as advance:
                yield advance

    def _plain_line(self, line: str) -> None:
        try:
            print(line, file=self.stream, flush=True)
        except OSError:         # progress is a courtesy: a closed stderr must not stop a build
            pass

    @contextmanager
    def _bar(self, title: str, total: int) -> Iterator[Advance]:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        with self._lock:
            if self._bars is None:
                self._bars = Progress(TextColumn("minixemu: building {task.description:<24}"),
                                      BarColumn(bar_width=30), MofNCompleteColumn(),
                                      TextColumn("[dim]{task.fields[item]}"),
                                      console=Console(file=self.stream), transient=False)
                self._bars.start()
            self._open += 1
            bars = self._bars
        task = bars.add_task(title, total=total, item="")

        def advance(item: str) -> None:
            bars.update(task, advance=1, item=item)

        try:
            yield advance
            bars.update(task, item="")
        finally:
            with self._lock:
                self._open -= 1
                if self._open == 0:
                    self._bars.stop()
                    self._bars = None
