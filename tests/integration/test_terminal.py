"""`minixemu boot` on a real pseudo-terminal, as a person uses it: the guest's
TTY echoes, ^C reaches the foreground job within a second of wall time
(even while the guest sleeps on a far timer), ^D ends cat, ^Z stops a job
and fg resumes it, halt and Ctrl-a x leave the host terminal exactly as it
was, and Ctrl-a h lists the escapes."""
import os
import select
import signal
import subprocess
import sys
import termios
import time

import pytest

PROMPT = b"# "


class Terminal:
    """minixemu on the slave side of a new pty; we type on the master."""

    def __init__(self, *args: str) -> None:
        self.master, self.slave = os.openpty()
        self.before = termios.tcgetattr(self.slave)
        env = dict(os.environ, TERM="vt100")
        self.proc = subprocess.Popen([sys.executable, "-X", "faulthandler", "-m", "emu", "boot", *args],
                                     stdin=self.slave, stdout=self.slave, stderr=self.slave,
                                     start_new_session=True, env=env)
        self.out = b""

    def read_until(self, text: bytes, timeout: float = 30.0) -> bytes:
        """Everything up to and including `text`, which is then consumed."""
        end = time.monotonic() + timeout
        while text not in self.out:
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {text!r} in {self.out!r}{self._where()}")
            r, _, _ = select.select([self.master], [], [], left)
            if r:
                try:
                    data = os.read(self.master, 4096)
                except OSError:
                    break
                if not data:
                    break
                self.out += data
        if text not in self.out:
            raise AssertionError(f"no {text!r} in {self.out!r}")
        i = self.out.index(text) + len(text)
        got, self.out = self.out[:i], self.out[i:]
        return got

    def _where(self) -> str:
        """Where the emulator is, if it still runs (faulthandler's dump)."""
        if self.proc.poll() is not None:
            return f" (exited {self.proc.returncode})"
        self.proc.send_signal(signal.SIGABRT)
        self.wait(5)
        return "\n" + self.out.decode(errors="replace")

    def type(self, data: bytes) -> None:
        os.write(self.master, data)

    def wait(self, timeout: float = 30.0) -> int:
        end = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < end:
            if select.select([self.master], [], [], 0.1)[0]:
                try:
                    self.out += os.read(self.master, 4096)
                except OSError:
                    pass
        return self.proc.wait(timeout=1)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)
        os.close(self.slave)


@pytest.fixture
def term():
    t = Terminal()
    t.read_until(PROMPT)
    yield t
    t.close()


def test_typed_command_is_echoed_and_runs(term):
    term.type(b"echo hello\r")
    # the TTY echoes what is typed (the host terminal is raw), then the output
    assert term.read_until(PROMPT) == b"echo hello\r\nhello\r\n# "


def test_ctrl_c_ends_a_long_sleep_within_a_second(term):
    term.type(b"sleep 100\r")
    term.read_until(b"sleep 100\r\n")
    time.sleep(0.3)              # the guest is now idle on a timer 100 s away
    start = time.monotonic()
    term.type(b"\x03")
    got = term.read_until(PROMPT, timeout=5)
    assert time.monotonic() - start < 1.0
    assert got.startswith(b"^C")
    term.type(b"echo $?\r")
    assert term.read_until(PROMPT).endswith(b"130\r\n# ")


def test_cat_then_ctrl_d(term):
    term.type(b"cat\r")
    term.read_until(b"cat\r\n")
    term.type(b"some text\r")
    assert term.read_until(b"some text\r\nsome text\r\n")
    term.type(b"\x04")
    term.read_until(PROMPT, timeout=5)
    term.type(b"echo status=$?\r")
    assert term.read_until(PROMPT).endswith(b"status=0\r\n# ")


def test_ctrl_z_stops_a_job_and_fg_resumes_it(term):
    term.type(b"cat\r")
    term.read_until(b"cat\r\n")
    term.type(b"\x1a")
    assert b"Stopped" in term.read_until(PROMPT, timeout=5)
    term.type(b"jobs\r")
    assert b"[1] Stopped cat" in term.read_until(PROMPT)
    term.type(b"echo shell reads again\r")       # the stopped cat holds no read
    assert term.read_until(PROMPT).endswith(b"shell reads again\r\n# ")
    term.type(b"fg\r")
    term.read_until(b"cat\r\n")
    term.type(b"resumed\r")
    term.read_until(b"resumed\r\nresumed\r\n")    # echo, then cat's copy
    term.type(b"\x04")
    term.read_until(PROMPT, timeout=5)


def test_halt_restores_the_host_terminal(term):
    term.type(b"halt\r")
    assert term.wait() == 0
    assert termios.tcgetattr(term.slave) == term.before


def test_ctrl_a_h_lists_the_escapes_and_ctrl_a_x_quits(term):
    term.type(b"\x01h")
    assert b"C-a x" in term.read_until(b"C-a C-a")
    term.type(b"sleep 100\r")
    term.read_until(b"sleep 100\r\n")
    term.type(b"\x01x")
    assert term.wait(timeout=5) == 0
    assert termios.tcgetattr(term.slave) == term.before


def test_sigterm_restores_the_host_terminal(term):
    term.proc.terminate()
    assert term.wait() == 128 + 15
    assert termios.tcgetattr(term.slave) == term.before


def test_a_pipeline_typed_at_the_prompt(term):
    term.type(b"echo one two | wc -w\r")
    assert term.read_until(PROMPT).endswith(b"2\r\n# ")


def test_boot_c_on_a_terminal():
    t = Terminal("-c", "echo hi | cat > /tmp/f; cat /tmp/f; ls -l /tmp; exit 7")
    try:
        assert t.wait() == 7
        assert b"hi\r\n" in t.out and b"-rw-r--r--  1 root     root" in t.out
        assert termios.tcgetattr(t.slave) == t.before
    finally:
        t.close()


def test_a_background_job_reading_the_terminal_stops_until_fg(term):
    """`cat &` reads the terminal from a background group: SIGTTIN stops it
    (the shell's prompt keeps the terminal), `wait` returns, `jobs` shows it
    Stopped, and `fg` gives it the terminal and continues it: its read runs
    again."""
    term.type(b"cat &\r")
    term.read_until(PROMPT)
    term.type(b"wait $!; echo waited $?\r")       # returns when the job stops: 128 + SIGTTIN
    assert term.read_until(PROMPT).endswith(b"waited 150\r\n# ")
    term.type(b"jobs\r")
    assert b"[1] Stopped cat" in term.read_until(PROMPT)
    term.type(b"echo the shell still reads\r")
    assert term.read_until(PROMPT).endswith(b"the shell still reads\r\n# ")
    term.type(b"fg\r")
    term.read_until(b"cat\r\n")
    term.type(b"in the foreground\r")
    term.read_until(b"in the foreground\r\nin the foreground\r\n")
    term.type(b"\x04")
    term.read_until(PROMPT, timeout=5)
    term.type(b"echo status=$?; jobs\r")
    assert term.read_until(PROMPT).endswith(b"status=0\r\n# ")


def test_job_control_rules_at_the_terminal():
    """guest/tests/tty_jobs.c: SIGTTIN, SIGTTOU, EIO and tcsetpgrp's errors
    (POSIX 11.1.4), with the console a terminal and its controlling one."""
    t = Terminal("-c", "/usr/tests/tty_jobs")
    try:
        head = t.read_until(b"type a line:\r\n").decode().split("\r\n")
        t.type(b"typed\r")
        assert t.wait() == 0
        lines = t.out.decode().split("\r\n")
        assert lines[lines.index("typed"):] == [
            "typed",                                   # the terminal's echo
            "child read after fg: typed",
            "after fg: exited 0",
            "background read with a SIGTTIN handler: -1 Interrupted function call, "
            "handler ran 1",
            "with a handler: exited 0",
            "background read, SIGTTIN caught with SA_RESTART: -1 Input/output error "
            "after 3 signals",
            "restarted: exited 0",
            "background read, SIGTTIN ignored: -1 Input/output error",
            "ignored: exited 0",
            "background read, SIGTTIN blocked: -1 Input/output error",
            "blocked: exited 0",
            "background write",
            "without TOSTOP: exited 0",
            "under TOSTOP: stopped by SIGTTOU",
            "background write under TOSTOP, SIGTTOU ignored",
            "under TOSTOP, ignored: exited 0",
            "tcsetattr in the background: stopped by SIGTTOU",
            "tcsetpgrp in the background: stopped by SIGTTOU",
            "still ours: 1",
            "orphan's parent: exited 0",
            "orphaned group: read -1 Input/output error, write under TOSTOP -1 "
            "Input/output error",
            "done",
            ""]
        assert head[head.index("tcsetpgrp(-5): -1 Invalid argument"):] == [
            "tcsetpgrp(-5): -1 Invalid argument",
            "tcsetpgrp(no such group): -1 Operation not permitted",
            "tcsetpgrp(a group of another session): -1 Operation not permitted",
            "tcgetpgrp is ours: 1",
            "background read: stopped by SIGTTIN",
            "type a line:",
            ""]
    finally:
        t.close()
