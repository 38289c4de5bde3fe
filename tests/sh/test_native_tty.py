"""Our sh, built natively, interactive on a pseudo-terminal: the prompt, ^C
of a foreground job, ^Z then jobs and fg, background jobs. (In the emulator
this needs issue 7's signals and terminal; the host has both already.)"""
import os
import pty
import select
import signal
import time

import pytest

from tests.sh.native import build_native, cc

pytestmark = pytest.mark.skipif(cc() is None, reason="no host C compiler")


class Tty:
    def __init__(self, sh):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ.update({"PATH": "/bin:/usr/bin", "PS1": ""})
            os.execv(str(sh), [str(sh)])
        self.out = b""

    def read_until(self, text: bytes, timeout: float = 5.0) -> bytes:
        end = time.monotonic() + timeout
        while text not in self.out:
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {text!r} in {self.out!r}")
            r, _, _ = select.select([self.fd], [], [], left)
            if r:
                try:
                    self.out += os.read(self.fd, 4096)
                except OSError:
                    break
        return self.out

    def send(self, data: bytes):
        self.out = b""
        os.write(self.fd, data)

    def close(self):
        if self.pid:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)


@pytest.fixture(scope="module")
def our_sh(tmp_path_factory):
    return build_native(tmp_path_factory.mktemp("native"), "sh")


@pytest.fixture
def tty(our_sh):
    t = Tty(our_sh)
    prompt = b"# " if os.geteuid() == 0 else b"$ "
    t.prompt = prompt
    t.read_until(prompt)
    yield t
    t.close()


def test_prompt_and_a_command(tty):
    tty.send(b"echo hello $((1+2))\n")
    assert b"hello 3" in tty.read_until(b"hello 3\r\n" + tty.prompt)


def test_ctrl_c_ends_the_foreground_job_not_the_shell(tty):
    tty.send(b"sleep 100\n")
    time.sleep(0.3)
    start = time.monotonic()
    tty.send(b"\x03")
    tty.read_until(tty.prompt)
    assert time.monotonic() - start < 1.0
    tty.send(b"echo status $?\n")
    tty.read_until(b"status 130")


def test_ctrl_z_stops_then_fg_resumes(tty):
    tty.send(b"sleep 100\n")
    time.sleep(0.3)
    tty.send(b"\x1a")
    tty.read_until(b"Stopped")
    tty.read_until(tty.prompt)
    tty.send(b"jobs\n")
    tty.read_until(b"Stopped")
    tty.send(b"fg\n")
    time.sleep(0.3)
    tty.send(b"\x03")
    tty.read_until(tty.prompt)
    tty.send(b"jobs; echo done\n")
    out = tty.read_until(b"done\r\n")
    assert b"Stopped" not in out


def test_background_job_and_wait(tty):
    tty.send(b"(exit 6) & wait $!; echo bg $?\n")
    tty.read_until(b"bg 6")


def test_exit_ends_the_shell_with_its_status(tty):
    tty.send(b"exit 5\n")
    _, status = os.waitpid(tty.pid, 0)
    tty.pid = 0     # reaped
    assert os.WEXITSTATUS(status) == 5
