"""The live attach view (issue 9): `minixemu attach` driven in tmux, the screen read back.

Viewers attach to the monitor socket of a running system, pause it, step one
message, look at registers, resume and detach; the run's output and -D trace
stay byte-identical to a run nobody watched.
"""
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import minixemu

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
ROOT = Path(__file__).resolve().parents[2]


class Screen:
    """One viewer in a detached tmux session of a fixed size."""

    def __init__(self, name: str, sock: Path) -> None:
        self.name = f"minixemu-test-{os.getpid()}-{name}"
        cmd = f"{sys.executable} -m emu attach {sock}; sleep 60"
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", "140", "-y", "60",
                        cmd], check=True, cwd=ROOT)

    def text(self) -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name],
                              capture_output=True, text=True).stdout

    def wait_for(self, what, timeout: float = 30) -> str:
        """The screen once `what` (a string, or a predicate on the screen) holds."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.text()
            if (what(screen) if callable(what) else what in screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"never saw {what!r} on the screen:\n{screen}")
            time.sleep(0.1)

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def start(tmp_path: Path, *args) -> tuple[subprocess.Popen, Path]:
    sock = tmp_path / "monitor.sock"
    emu = subprocess.Popen([sys.executable, "-m", "emu", "run", "--monitor", f"unix:{sock}",
                            *map(str, args)], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=dict(os.environ, MINIXEMU_DEBUG="1"))
    deadline = time.monotonic() + 60
    while not sock.exists():
        assert emu.poll() is None, emu.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    return emu, sock


def ipc_lines(screen: str) -> list[str]:
    return [line for line in screen.splitlines() if " ipc " in line]


def test_attach_pause_step_registers_resume_detach_leave_the_run_unchanged(guest, tmp_path):
    pingpong = guest("pingpong", "demos")
    reference = minixemu("run", "-D", tmp_path / "plain.jsonl", pingpong)
    assert reference.status == 0
    emu, sock = start(tmp_path, "-S", "-D", tmp_path / "watched.jsonl", pingpong)
    a = b = None
    try:
        a = Screen("a", sock)
        screen = a.wait_for("PAUSED")
        assert "demos-pingpong" in screen and "runnable" in screen    # the process table
        assert "pm" in screen and "vfs" in screen and "idle" in screen  # the servers
        assert not ipc_lines(screen)
        # A second viewer comes and goes without disturbing anything.
        b = Screen("b", sock)
        b.wait_for("PAUSED")
        b.keys("q")
        # Step: the machine runs to the first message and pauses inside it.
        a.keys("s")
        screen = a.wait_for(lambda s: ipc_lines(s) and "PAUSED" in s)
        first = ipc_lines(screen)
        assert len(first) == 1 and "demos-pingpong[1] -> vfs" in first[0] and "write(" in first[0]
        a.keys("s")
        screen = a.wait_for(lambda s: len(ipc_lines(s)) == 2)
        assert "vfs -> tty" in ipc_lines(screen)[1] and "DEV_WRITE" in ipc_lines(screen)[1]
        # The paused process's registers and the code at EIP.
        a.keys("Enter")
        screen = a.wait_for("registers of pid 1")
        assert "eip=08" in screen and "esp=bf" in screen and "=> 08" in screen
        a.keys("Enter")
        # A filter: only the console driver's messages.
        a.keys("f", "proc=tty", "Enter")
        screen = a.wait_for("filter: proc=tty")
        assert len(ipc_lines(screen)) == 1 and "vfs -> tty" in ipc_lines(screen)[0]
        a.keys("r")
        screen = a.wait_for("the system ended with status 0")
        assert "tty -> vfs" in screen                                 # later messages arrived
        a.keys("q")
        out, err = emu.communicate(timeout=60)
    finally:
        for s in (a, b):
            if s is not None:
                s.close()
        if emu.poll() is None:
            emu.kill()
            emu.wait()
    assert emu.returncode == 0
    assert out.decode() == reference.out
    assert (tmp_path / "watched.jsonl").read_bytes() == (tmp_path / "plain.jsonl").read_bytes()


def test_pause_and_resume_a_running_system(tmp_path):
    spin = tmp_path / "spin"
    r = minixemu("cc", Path(__file__).with_name("gdbtarget.c"), "-o", spin)
    assert r.status == 0, r.err
    emu, sock = start(tmp_path, spin, "spin")
    view = None
    try:
        view = Screen("spin", sock)
        view.wait_for("running")
        view.keys("p")
        screen = view.wait_for("PAUSED")
        t = screen.split("t=")[1].split()[0]
        time.sleep(1)
        assert view.text().split("t=")[1].split()[0] == t             # virtual time stands still
        view.keys("r")
        view.wait_for(lambda s: s.startswith("running") and s.split("t=")[1].split()[0] != t)
        view.keys("q")
        time.sleep(0.5)
        assert emu.poll() is None                                      # detached: it runs on
    finally:
        if view is not None:
            view.close()
        emu.kill()
        emu.wait()


def test_attach_to_nothing_is_a_clear_error(tmp_path):
    r = minixemu("attach", tmp_path / "none.sock")
    assert r.status == 1
    assert "No such file or directory" in r.err


def test_the_trace_bus_unsubscribes_a_consumer():
    from emu.debug.trace import TraceBus
    bus = TraceBus(lambda: 0)
    seen = []
    bus.subscribe(seen.append, {"ipc", "proc"})
    bus.subscribe(lambda e: None, {"proc"})
    bus.emit("ipc", "send")
    bus.unsubscribe(seen.append)
    bus.emit("ipc", "send")
    assert len(seen) == 1
    assert bus.ipc is False and bus.proc is True
