"""CPU faults become signals for the faulting process; the emulator carries on."""
import pytest

from tests.conftest import minixemu

SIGILL, SIGFPE, SIGSEGV = 4, 8, 11

CASES = [
    ("null", SIGSEGV, "read of unmapped address 0x00000000"),
    ("write-null", SIGSEGV, "write to unmapped address 0x00000000"),
    ("div", SIGFPE, "divide error"),
    ("hlt", SIGSEGV, "general protection fault"),
    ("cli", SIGSEGV, "general protection fault"),
    ("ud2", SIGILL, "invalid instruction"),
    ("garbage", SIGSEGV, "jump to unmapped address 0x12345678"),
    ("jump-data", SIGSEGV, "jump to non-executable address"),
    ("in", SIGSEGV, "'in' on port 0x60 at CPL 3"),
    ("int80", SIGSEGV, "int 0x80 is not a system call vector"),
    ("stack", SIGSEGV, "write to unmapped address"),
]
NAMES = {SIGILL: "SIGILL", SIGFPE: "SIGFPE", SIGSEGV: "SIGSEGV"}


@pytest.mark.parametrize("kind,sig,reason", CASES, ids=[c[0] for c in CASES])
def test_fault_kills_with_signal(guest, kind, sig, reason):
    r = minixemu("run", guest("faults"), kind)
    assert r.status == 128 + sig
    assert "survived" not in r.out
    err = r.err.strip().splitlines()
    assert len(err) == 1, r.err                       # one line, no traceback
    assert f"killed by {NAMES[sig]}" in err[0] and reason in err[0]
    assert "Traceback" not in r.err


@pytest.mark.parametrize("kind,sig", [("null", SIGSEGV), ("div", SIGFPE), ("hlt", SIGSEGV),
                                      ("garbage", SIGSEGV), ("ud2", SIGILL)])
def test_parent_waitpid_sees_the_signal(guest, kind, sig):
    r = minixemu("run", guest("faults"), "fork", kind)
    assert r.status == 0
    assert r.lines == [f"child {kind}: killed by signal {sig}"]
    assert len(r.err.strip().splitlines()) == 1 and f"killed by {NAMES[sig]}" in r.err


def test_kill_child_with_default_action(guest):
    r = minixemu("run", guest("kill"), "child")
    assert r.status == 0
    assert r.lines == ["child: signaled 1, signal 15", "kill(nobody) = -1"]
    assert r.err == ""      # a signal the parent sent is not the emulator's business


@pytest.mark.parametrize("mode,sig,name", [("self", 15, "SIGTERM"), ("abort", 6, "SIGABRT")])
def test_first_process_killed_by_a_signal(guest, mode, sig, name):
    r = minixemu("run", guest("kill"), mode)
    assert r.status == 128 + sig
    assert r.out == ""
    assert r.err.strip() == f"minixemu: tests-kill[1] killed by {name}"


def test_ignored_signal(guest):
    r = minixemu("run", guest("kill"), "ignored")
    assert (r.status, r.lines) == (0, ["SIGCHLD ignored"])


def test_alarm_ends_a_paused_process_in_virtual_time(guest):
    import time
    t0 = time.perf_counter()
    r = minixemu("run", guest("alarm"), "3600")          # an hour of guest time
    assert time.perf_counter() - t0 < 30                  # costs seconds, not an hour
    assert r.status == 128 + 14
    assert r.lines == ["start 1279152000"]               # the fixed RTC epoch at boot
    assert r.err.strip() == "minixemu: tests-alarm[1] killed by SIGALRM"


def test_alarm_returns_what_was_left(guest):
    r = minixemu("run", guest("alarm"), "left")
    assert (r.status, r.lines) == (0, ["left 100 then 5"])
