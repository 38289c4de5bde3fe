"""Signals: kill, alarm, pause, and the signals the kernel raises for CPU faults.

Signal handlers are not implemented yet, so every signal takes its default
action: SIGCHLD, SIGWINCH and SIGCONT are ignored, the stop signals are
ignored (there is no job control yet), and every other signal terminates the
process with that signal as its wait status. So pause() ends only with the
process, as POSIX says it does when no handler runs.
"""
from emu.abi import endpoints as ep
from emu.abi.errno import Errno
from emu.abi.message import Message
from emu.abi.fcntl import HZ
from emu.abi.signals import NSIG, Signal, wait_status_signaled
from emu.servers.pm.forkexit import exit_proc
from emu.servers.pm.mproc import INIT_PID, MProc
from emu.servers.server import SUSPEND, ErrnoError

IGNORED_BY_DEFAULT = {Signal.SIGCHLD, Signal.SIGWINCH, Signal.SIGCONT, Signal.SIGSTOP,
                      Signal.SIGTSTP, Signal.SIGTTIN, Signal.SIGTTOU}


def do_kill(pm, m: Message):
    caller = pm.caller(m)
    pid, sig = m.m1_i1, m.m1_i2
    if not 0 <= sig < NSIG:
        raise ErrnoError(Errno.EINVAL)
    targets = _targets(pm, caller, pid)
    if not targets:
        raise ErrnoError(Errno.ESRCH)
    allowed = [t for t in targets if caller.euid == 0 or caller.ruid in (t.ruid, t.euid)
               or caller.euid in (t.ruid, t.euid)]
    if not allowed:
        raise ErrnoError(Errno.EPERM)
    for target in allowed:
        if sig:
            send_signal(pm, target, sig)
    if caller.zombie:
        return SUSPEND   # it killed itself: nobody to reply to
    return 0


def _targets(pm, caller: MProc, pid: int) -> list[MProc]:
    live = [mp for mp in pm.procs.by_pid.values() if not mp.zombie]
    if pid > 0:
        return [mp for mp in live if mp.pid == pid]
    if pid == 0:
        return [mp for mp in live if mp.pgrp == caller.pgrp]
    if pid == -1:
        return [mp for mp in live if mp.pid != INIT_PID or caller.pid == INIT_PID]
    return [mp for mp in live if mp.pgrp == -pid]


def send_signal(pm, mp: MProc, sig: int, fault=None) -> None:
    if pm.trace.signal:
        pm.trace.emit("signal", "deliver", proc=f"{mp.name}[{mp.pid}]", signal=Signal(sig).name,
                      action="ignore" if sig in IGNORED_BY_DEFAULT else "terminate")
    if sig in IGNORED_BY_DEFAULT:
        return
    exit_proc(pm, mp, wait_status_signaled(sig), fault)


def do_alarm(pm, m: Message):
    """Schedule SIGALRM in m1_i1 seconds (0 cancels); returns the seconds that were left."""
    mp = pm.caller(m)
    left = cancel_alarm(pm, mp)
    seconds = m.m1_i1
    if seconds > 0:
        ticks = seconds * HZ
        timer = pm.sys.set_timer(ticks, lambda: _alarm_rings(pm, mp))
        mp.alarm = (timer, pm.sys.uptime() + ticks)
    return left


def cancel_alarm(pm, mp: MProc) -> int:
    """Stop a pending alarm; the whole seconds it had left, rounded up (0 if none)."""
    if mp.alarm is None:
        return 0
    timer, due = mp.alarm
    mp.alarm = None
    pm.sys.cancel_timer(timer)
    return max(0, -(-(due - pm.sys.uptime()) // HZ))


def _alarm_rings(pm, mp: MProc) -> None:
    mp.alarm = None
    if not mp.zombie:
        send_signal(pm, mp, Signal.SIGALRM)


def do_pause(pm, m: Message):
    pm.caller(m).paused = True
    return SUSPEND


def kernel_signals(pm) -> None:
    """SYSTEM notified PM: handle every signal the kernel has raised."""
    while True:
        pending = pm.sys.getksig()
        if pending is None:
            return
        endpoint, sig, fault = pending
        mp = pm.procs.by_ep.get(endpoint)
        if mp is None:
            continue
        send_signal(pm, mp, sig, fault)
        if not mp.zombie:
            pm.sys.endksig(endpoint)


def do_notify(pm, m: Message):
    if m.m_source == ep.SYSTEM:
        kernel_signals(pm)
    return SUSPEND
