"""Pipes, FIFOs and select from the guest: guest/tests/pipes.c run from the
default image (as /usr/tests/pipes, so it can exec itself) by booting it."""
import pytest

from tests.integration.fsboot import boot_disk, fresh_image


@pytest.fixture
def disk(build, tmp_path):
    return fresh_image(build, tmp_path)


def run_mode(build, disk, mode: str, stdin: bytes | None = None):
    r = boot_disk(build, disk, "/usr/tests/pipes", mode, stdin=stdin)
    failures = [line for line in r.lines if line.startswith("FAIL")]
    assert failures == [], r.out
    assert r.status == 0, r.out
    return [line for line in r.lines if line.startswith("ok ")]


def test_pipe_read_write_eof(build, disk):
    ok = run_mode(build, disk, "basic")
    assert "ok EOF when the last writer closed" in ok and len(ok) == 11


def test_epipe_and_sigpipe(build, disk):
    ok = run_mode(build, disk, "epipe")
    assert ok == ["ok write with no reader EPIPE", "ok SIGPIPE caught once",
                  "ok EPIPE with SIGPIPE ignored", "ok default SIGPIPE kills the writer",
                  "ok blocked writer revived with EPIPE"]


def test_nonblocking(build, disk):
    ok = run_mode(build, disk, "nonblock")
    assert len(ok) == 8


def test_writes_up_to_pipe_buf_are_atomic_with_several_writers(build, disk):
    ok = run_mode(build, disk, "atomic")
    assert ok == ["ok 4 writers, 48 messages up to 32768 bytes, each whole and in order"]


def test_readers_and_writers_block_and_are_revived_in_order(build, disk):
    ok = run_mode(build, disk, "blocking")
    assert "ok writers revived in order, each write whole" in ok and len(ok) == 6


def test_eintr_and_restart(build, disk):
    ok = run_mode(build, disk, "eintr")
    assert len(ok) == 4


def test_fork_pipe_exec(build, disk):
    ok = run_mode(build, disk, "forkexec")
    assert len(ok) == 1


def test_fifo_open_rules(build, disk):
    ok = run_mode(build, disk, "fifo")
    assert "ok write-only O_NONBLOCK, no reader: ENXIO" in ok and len(ok) == 10


def test_select(build, disk):
    ok = run_mode(build, disk, "select")
    assert "ok select on a pipe woken by another process's write, at once" in ok
    assert len(ok) == 18


def test_select_on_the_console(build, disk):
    ok = run_mode(build, disk, "tty", stdin=b"typed\n")
    assert len(ok) == 4
