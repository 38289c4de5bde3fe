"""Signals, whole: handlers in the guest, masks, EINTR and SA_RESTART, faults to
handlers, the FPU across a handler, stop and continue, groups and kill's reach.
Each test runs a guest program (guest/tests/sig_*.c) in the emulator."""
import os
import subprocess
import sys
import threading

import pytest

from tests.conftest import minixemu

SIGILL, SIGFPE, SIGSEGV, SIGUSR1 = 4, 8, 11, 10


def test_handlers_masks_and_flags(guest):
    r = minixemu("run", guest("sig_handlers"))
    assert r.lines == [
        "kill self: r=0 count=1",
        "old action is counter: 1",
        "signal returns old: 1",
        "ignored: count=1",
        "blocked: count=1 pending=1",           # two raises while blocked: one pending
        "unblocked: count=2 pending=0",
        "in handler: usr1 1 usr2 1; after: usr1 0 usr2 0",
        "nodefer: depth 3 runs 3",              # re-entered at once
        "deferred: depth 1 runs 3",             # each waited for the previous to return
        "resethand: count=1 now default=1",
        "catch SIGKILL: -1 Invalid argument",
        "signal 99: 1",
        "kill bad signal: -1 Invalid argument",
        "names: Segmentation fault / Child exited",
    ]
    assert r.status == 128 + SIGUSR1           # then the default action ends it
    assert r.err.strip() == "minixemu: tests-sig_handlers[1] killed by SIGUSR1"


@pytest.mark.parametrize("kind,sig,name,reason", [
    ("null", SIGSEGV, "Segmentation fault", "read of unmapped address 0x00000000"),
    ("div", SIGFPE, "Floating point exception", "divide error"),
    ("hlt", SIGSEGV, "Segmentation fault", "general protection fault"),
    ("ud2", SIGILL, "Illegal instruction", "invalid instruction"),
])
def test_handled_fault_then_a_plain_fault(guest, kind, sig, name, reason):
    """A handler that siglongjmps out survives the fault, twice (the second is
    the same fault again, not Unicorn's double fault), and the mask comes back;
    at SIG_DFL the third fault kills with the fault's own signal and reason."""
    r = minixemu("run", guest("sig_faults"), kind)
    assert r.lines == [f"round 1: caught {name}, still blocked 0",
                       f"round 2: caught {name}, still blocked 0"]
    assert r.status == 128 + sig
    assert reason in r.err and "double fault" not in r.err


def test_handler_may_change_the_saved_context(guest):
    r = minixemu("run", guest("sig_faults"), "skip")
    assert (r.status, r.lines) == (0, ["skipped hlt: caught 11"])


@pytest.mark.parametrize("mode", ["blocked", "ignored"])
def test_fault_with_its_signal_blocked_or_ignored_kills(guest, mode):
    r = minixemu("run", guest("sig_faults"), mode)
    assert r.lines == [f"faulting with SIGSEGV {mode}"]
    assert r.status == 128 + SIGSEGV
    assert "read of unmapped address 0x00000000" in r.err


def test_no_room_for_the_frame_is_sigsegv(guest):
    """Endless recursion with a SIGSEGV handler: the stack cannot take the frame."""
    r = minixemu("run", guest("sig_faults"), "overflow")
    assert r.lines == []
    assert r.status == 128 + SIGSEGV
    assert "killed by SIGSEGV (write to unmapped address" in r.err


def test_sigreturn_keeps_privileged_flags_and_checks_the_context(guest):
    r = minixemu("run", guest("sig_faults"), "eflags")
    assert (r.status, r.lines) == (0, ["iopl 0 tf 0 if 1", "sigreturn(bad): -1 Bad address"])


def test_handler_on_an_almost_full_stack(guest):
    r = minixemu("run", guest("sig_faults"), "deepstack")
    assert (r.status, r.lines) == (0, ["deep handler ran: 10"])


def test_registers_and_fpu_sse_state_survive_a_handler(guest):
    r = minixemu("run", guest("sig_fpu"))
    assert r.status == 0, r.err
    assert r.lines == [
        "gpr kept: 1",
        "xmm kept: 1",
        "x87 kept: 1",
        "control words kept: cw 0xf7f mxcsr 0x7f80",
        "handler saw: cw 0x37f mxcsr 0x1f80, computed 57.6650",   # a clean FPU: 1.5 ** 10
    ]


@pytest.mark.parametrize("mode,expected", [
    ("pause", ["pause: -1 Interrupted function call, handled 1"]),
    ("sigsuspend", ["before sigsuspend: handled 0",
                    "sigsuspend: -1 Interrupted function call, handled 1, usr1 blocked again 1"]),
    ("waitpid", ["waitpid: -1 Interrupted function call, handled 1",
                 "reaped child: signal 9, handled 1"]),
    # SA_RESTART: the handler runs twice (the second kills the child) and the
    # one waitpid call, restarted each time, reaps it.
    ("waitpid-restart", ["reaped child: signal 15, handled 2"]),
    ("sigchld", ["pause: -1 Interrupted function call, handled 1", "waitpid: child 1, exit 3"]),
])
def test_caught_signal_interrupts_pm_calls(guest, mode, expected):
    r = minixemu("run", guest("sig_eintr"), mode)
    assert (r.status, r.lines) == (0, expected), r.err


def _run_with_open_stdin(program, *args) -> tuple[int, str]:
    """Run with a console whose input stays open and empty, so a read waits."""
    env = dict(os.environ, MINIXEMU_DEBUG="1")
    proc = subprocess.Popen([sys.executable, "-m", "emu", "run", str(program), *args],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=env)
    watchdog = threading.Timer(60, proc.kill)
    watchdog.start()
    try:
        out = proc.stdout.read()      # until the emulator exits; its stdin stays open
        proc.wait()
    finally:
        watchdog.cancel()
        proc.stdin.close()
        proc.stdout.close()
    return proc.returncode, out.decode()


def test_caught_signal_interrupts_a_console_read(guest):
    status, out = _run_with_open_stdin(guest("sig_eintr"), "read")
    assert (status, out) == (0, "read: -1 Interrupted function call, handled 1\n")


def test_sa_restart_restarts_a_console_read(guest):
    """Each SIGALRM cancels the read in VFS (PM_UNPAUSE) and the kernel backs the
    process over its trap: the read never returns; the third handler exits."""
    status, out = _run_with_open_stdin(guest("sig_eintr"), "read-restart")
    assert (status, out) == (0, "read restarted after 3 handlers\n")


def test_stop_and_continue(guest):
    r = minixemu("run", guest("sig_jobs"), "stop")
    assert r.status == 0, r.err
    assert r.lines == [
        "stopped: 1 sig Stopped (signal), sigchld 1",
        "reported once: 0",
        "continued: 1, sigchld 2",
        "still there: 0",
        "held SIGTERM: 1 Terminated",
        "tstp: 1 Stopped, sigchld 0",                # SA_NOCLDSTOP
        "resumed and exited 7, sigchld 1",           # the exit still sends SIGCHLD
        "killed while stopped: Killed",
    ]


def test_process_groups_and_sessions(guest):
    r = minixemu("run", guest("sig_jobs"), "groups")
    assert r.status == 0, r.err
    assert r.lines == [
        "init leads group 1: 1",
        "setsid as a group leader: -1 Operation not permitted",
        "setpgid(a, 0): 0, getpgid(a) == a: 1",
        "setpgid(b, a): 0, getpgid(b) == a: 1",
        "setpgid(b, 9999): -1 Operation not permitted",
        "getpgid(29999): -1 No such process",
        "child setpgid(1, 1): -1 No such process",
        "child setsid: 1, own group 1 1",
        "parent moves a session leader: -1 Operation not permitted",
        "b into c's group (another session): -1 Operation not permitted",
        "killpg(a): 0",
        "group killed: 2",
        "killpg(a) again: -1 No such process",
    ]


def test_kill_minus_one_spares_init(guest):
    r = minixemu("run", guest("sig_jobs"), "killall")
    assert r.status == 0, r.err
    assert r.lines == [
        "kill(-1): 0",
        "init survived; 2 pausers killed, killer exited 1",
        "uid 1000 kills init: -1 Operation not permitted",
        "uid 1000 kill(-1, 0): 0",
        "SIGQUIT: signaled 1 core 1; SIGTERM core 0",
    ]


def test_alarms_are_clock_messages_and_deliveries_are_traced(guest):
    r = minixemu("run", "-d", "ipc,signal", guest("sig_eintr"), "pause")
    assert r.status == 0
    err = r.err.splitlines()
    assert any("clock -> pm" in line and "notify" in line for line in err)
    assert any("signal deliver" in line and "SIGALRM" in line and "catch" in line
               for line in err)
    assert any("sigreturn(mask=0x0" in line for line in err)
    again = minixemu("run", "-d", "ipc,signal", guest("sig_eintr"), "pause")
    assert again.err == r.err                     # deterministic


def test_ignored_sigchld_leaves_no_zombies(guest):
    r = minixemu("run", guest("sig_jobs"), "nozombies")
    assert (r.status, r.lines) == (0, ["wait with SIGCHLD ignored: -1 No child process",
                                       "waitpid for it: -1 No child process"])


def test_exec_resets_handlers_and_keeps_ignored_blocked_and_pending(build, tmp_path):
    """On the default image (every guest test is in /usr/tests)."""
    from tests.integration.fsboot import boot_disk, fresh_image
    r = boot_disk(build, fresh_image(build, tmp_path), "/usr/tests/sig_exec")
    assert r.status == 0, r.out + r.reason
    assert r.lines[-3:] == [
        "after exec: usr1 default 1, usr2 ignored 1, term blocked 1, term pending 1",
        "setpgid on the exec'd child: Permission denied",
        "ok",
    ]


def test_a_server_raises_a_signal_with_sys_kill(guest):
    """sys.kill (MINIX's sys_kill, for SIGPIPE and the terminal's ^C): from a
    clock callback, as a driver's interrupt work would; PM acts on it once
    that work is done, and the handler ends pause()."""
    from emu.abi.errno import ErrnoError
    from emu.boot import System, SystemConfig
    from emu.machine.console import HostConsole
    system = System(SystemConfig(quiet_firmware=True), HostConsole())
    try:
        system.power_on()
        endpoint = system.start(guest("sig_eintr").read_bytes(), ["sig_eintr", "pause-usr1"])
        sys_ = system.kernel.sys
        sys_.set_timer(30, lambda: sys_.kill(endpoint, SIGUSR1))
        with pytest.raises(ErrnoError):
            sys_.kill(endpoint, 99)                 # not a signal: EINVAL
        assert system.run() == 0
        assert system.machine.console.take_output().decode().splitlines() == [
            "pause: -1 Interrupted function call, handled 1"]
    finally:
        system.close()


@pytest.mark.parametrize("mode,expected", [
    # Stopped (S), then SIGHUP and SIGCONT caught (H and C: both arrive while it
    # is stopped, and POSIX leaves the order of their handlers open), then on (R).
    ("stopped", ("stopped member", "S", "CH", "R")),
    # Nobody stopped: the group is orphaned too, but nobody is signalled.
    ("running", ("running member", "", "", "R")),
])
def test_an_exit_that_orphans_a_group_with_a_stopped_member_hangs_it_up(build, tmp_path,
                                                                           mode, expected):
    from tests.integration.fsboot import boot_disk, fresh_image
    r = boot_disk(build, fresh_image(build, tmp_path), "/usr/tests/sig_orphan", mode)
    assert r.status == 0, r.out
    who, got = r.lines[-1].split(": ")
    first, middle, last = expected[1], expected[2], expected[3]
    assert (who, got[:len(first)], "".join(sorted(got[len(first):-1])), got[-1:]) == \
        (expected[0], first, middle, last), r.out
