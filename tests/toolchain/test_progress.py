"""Build progress: plain lines on a pipe, a bar on a terminal, nothing when cached."""
import io
import os
import pty
import subprocess
import sys

from emu.toolchain import paths
from emu.toolchain.guestbuild import GuestBuild
from emu.toolchain.progress import BuildProgress
from tests.conftest import minixemu


def test_plain_progress_is_one_line_per_task():
    out = io.StringIO()
    progress = BuildProgress(out, rich=False)
    with progress.task("the firmware", 6) as advance:
        for name in ("a.c", "b.c"):
            advance(name)
    with progress.task("the native slicer hook", 1) as advance:
        advance("slicer.so")
    assert out.getvalue() == ("minixemu: building the firmware (6 steps)\n"
                              "minixemu: building the native slicer hook (1 step)\n")


def test_silent_progress_prints_nothing(capsys):
    with BuildProgress(silent=True).task("anything", 3) as advance:
        advance("x")
    assert capsys.readouterr() == ("", "")


def test_rich_bar_counts_the_steps():
    out = io.StringIO()
    with BuildProgress(out, rich=True).task("the firmware", 2) as advance:
        advance("main.c")
        advance("firmware.elf")
    assert "minixemu: building the firmware" in out.getvalue()
    assert "2/2" in out.getvalue()


def test_guest_build_reports_work_once(tmp_path):
    out = io.StringIO()
    build = GuestBuild(tmp_path, BuildProgress(out, rich=False))
    build.firmware()
    sources = [p for p in paths.FIRMWARE_DIR.iterdir() if p.suffix in (".c", ".S")]
    assert out.getvalue() == f"minixemu: building the firmware ({len(sources) + 1} steps)\n"
    build.firmware()
    GuestBuild(tmp_path, BuildProgress(out, rich=False)).firmware()
    assert out.getvalue().count("\n") == 1          # cached: nothing more


def test_first_run_says_what_it_builds_in_plain_lines(tmp_path, guest):
    program = guest("args")
    env = {"MINIXEMU_BUILD": str(tmp_path / "cache")}
    first = minixemu("run", program, env=env)
    assert first.status == 0, first.err
    said = first.err.splitlines()
    assert [line.split(" (")[0] for line in said] == [
        "minixemu: building the C library", "minixemu: building the shell and tools",
        "minixemu: building the guest programs",
        "minixemu: building the default disk image",
        "minixemu: building the native slicer hook", "minixemu: building the native trapgate hook",
        "minixemu: building the firmware"]
    assert all(line.endswith(" steps)") or line.endswith(" step)") for line in said)
    assert "\r" not in first.err and "\x1b" not in first.err
    second = minixemu("run", program, env=env)
    assert (second.status, second.out, second.err) == (0, first.out, "")


def _read(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:         # EIO: the other side of the terminal is closed
        return b""


def test_progress_on_a_terminal_is_a_bar(tmp_path, guest):
    program = guest("args")
    controller, terminal = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "emu", "run", str(program)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=terminal,
                            env=dict(os.environ, MINIXEMU_BUILD=str(tmp_path), TERM="xterm"))
    os.close(terminal)
    shown = b""
    try:
        while chunk := _read(controller):
            shown += chunk
    finally:
        os.close(controller)
        proc.wait(timeout=120)
    assert proc.returncode == 0
    assert b"minixemu: building the firmware" in shown
    assert b"\x1b[" in shown                      # drawn, not printed line by line
