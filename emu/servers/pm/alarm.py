"""alarm(): per-process SIGALRM timers on one CLOCK alarm (MINIX's alarm.c, timers.c).

PM keeps each process's due tick and asks the kernel for a single CLOCK
notification at the earliest one (sys.set_alarm), so an alarm is a message
from CLOCK in the trace; when it arrives, every process whose alarm is due
gets SIGALRM (signal.do_notify).
"""
from emu.abi.fcntl import HZ
from emu.abi.message import Message
from emu.servers.pm.mproc import MProc


def do_alarm(pm, m: Message):
    """Schedule SIGALRM in m1_i1 seconds (0 cancels); returns the seconds that were left."""
    mp = pm.caller(m)
    left = cancel_alarm(pm, mp)
    seconds = m.m1_i1 & 0xFFFFFFFF
    if seconds > 0:
        mp.alarm = pm.sys.uptime() + seconds * HZ
        _arm(pm)
    return left


def cancel_alarm(pm, mp: MProc) -> int:
    """Stop a pending alarm; the whole seconds it had left, rounded up (0 if none)."""
    if mp.alarm is None:
        return 0
    due, mp.alarm = mp.alarm, None
    _arm(pm)
    return max(0, -(-(due - pm.sys.uptime()) // HZ))


def expired(pm) -> list[MProc]:
    """CLOCK rang: the processes whose alarm is due, in due order; re-arms for the rest."""
    pm.alarm_timer = None
    now = pm.sys.uptime()
    due = sorted((mp for mp in pm.procs.by_pid.values()
                  if mp.alarm is not None and mp.alarm <= now and not mp.zombie),
                 key=lambda mp: (mp.alarm, mp.pid))
    for mp in due:
        mp.alarm = None
    _arm(pm)
    return due


def _arm(pm) -> None:
    """Keep one CLOCK alarm set for the earliest due tick."""
    earliest = min((mp.alarm for mp in pm.procs.by_pid.values()
                    if mp.alarm is not None and not mp.zombie), default=None)
    if pm.alarm_timer is not None:
        if pm.alarm_timer[1] == earliest:
            return
        pm.sys.cancel_timer(pm.alarm_timer[0])
        pm.alarm_timer = None
    if earliest is not None:
        ticks = max(1, earliest - pm.sys.uptime())
        pm.alarm_timer = (pm.sys.set_alarm(pm.endpoint, ticks), earliest)
