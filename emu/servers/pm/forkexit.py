"""fork, exit and wait: how processes are born and how they die (forkexit.c).

wait also reports stopped children (WUNTRACED) and continued ones
(WCONTINUED); a parent hears of each change by SIGCHLD as well, except
stops and continues when its SIGCHLD action has SA_NOCLDSTOP.
"""
from emu.abi import endpoints as ep
from emu.abi.callnr import CallNr
from emu.abi.com import PmRequest
from emu.abi.errno import Errno
from emu.abi.fcntl import WCONTINUED, WNOHANG, WUNTRACED
from emu.abi.message import Message
from emu.abi.signals import (SIG_IGN, WCONTINUED_STATUS, SigAction, Signal, signal_name,
                             wait_status_exited, wait_status_stopped)
from emu.servers.pm import alarm, jobctl, signal
from emu.servers.pm.mproc import INIT_PID, MProc
from emu.servers.server import SUSPEND, ErrnoError

MAX_USER_PROCS = 200
_SA_NOCLDWAIT = int(SigAction.SA_NOCLDWAIT)


def do_fork(pm, m: Message):
    parent = pm.caller(m)
    if len(pm.procs) >= MAX_USER_PROCS:
        raise ErrnoError(Errno.EAGAIN)
    pid = pm.procs.alloc_pid()
    child_ep = pm.sys.fork(parent.endpoint, pid)
    child = MProc(pid, parent.pid, child_ep, parent.name, parent.ruid, parent.euid,
                  parent.rgid, parent.egid, parent.pgrp, groups=parent.groups)
    parent.fork_signals(child)
    pm.procs.add(child)
    pm.tell_vfs(Message.of(PmRequest.PM_FORK, m1_i1=child_ep, m1_i2=parent.endpoint, m1_i3=pid))
    pm.sys.send(ep.PM, child_ep, Message.of(0))   # the child's fork() returns 0
    return pid


def do_exit(pm, m: Message):
    exit_proc(pm, pm.caller(m), wait_status_exited(m.m1_i1))
    return SUSPEND


def do_waitpid(pm, m: Message):
    mp = pm.caller(m)
    if m.m_type == CallNr.WAIT:      # any child, no options
        pid, options = -1, 0
    else:
        pid, options = m.m1_i1, m.m1_i2
    matching = [pm.procs.by_pid[c] for c in sorted(mp.children)
                if _matches(pm.procs.by_pid[c], pid, mp)]
    if not matching:
        raise ErrnoError(Errno.ECHILD)
    for child in matching:
        if child.zombie:
            return _reap(pm, child)
    for child in matching:
        if _reportable(child, options):
            return _report(child)
    if options & WNOHANG:
        return 0
    mp.waiting = (pid, options)
    return SUSPEND


def _matches(child: MProc, pid: int, parent: MProc) -> bool:
    if pid > 0:
        return child.pid == pid
    if pid == -1:
        return True
    if pid == 0:
        return child.pgrp == parent.pgrp
    return child.pgrp == -pid


def _reportable(child: MProc, options: int) -> bool:
    report = child.wait_report
    if report is None:
        return False
    if report == WCONTINUED_STATUS:
        return bool(options & WCONTINUED)
    return bool(options & WUNTRACED)


def _report(child: MProc) -> Message:
    report, child.wait_report = child.wait_report, None
    return Message.of(child.pid, m2_i1=report)


def report_stop(pm, mp: MProc, sig: int) -> None:
    """mp stopped on `sig`: a waiting parent (WUNTRACED) hears it, and SIGCHLD."""
    mp.wait_report = wait_status_stopped(sig)
    _tell_parent_of_change(pm, mp)


def report_continue(pm, mp: MProc) -> None:
    mp.wait_report = WCONTINUED_STATUS
    _tell_parent_of_change(pm, mp)


def _tell_parent_of_change(pm, mp: MProc) -> None:
    parent = pm.procs.by_pid.get(mp.ppid)
    if parent is None or parent.zombie:
        return
    if parent.waiting is not None and _matches(mp, parent.waiting[0], parent) \
            and _reportable(mp, parent.waiting[1]):
        parent.waiting = None
        pm.sys.send(ep.PM, parent.endpoint, _report(mp))
    if not parent.sigact[Signal.SIGCHLD].flags & SigAction.SA_NOCLDSTOP:
        signal.send_signal(pm, parent, Signal.SIGCHLD)


def _reap(pm, child: MProc) -> Message:
    pm.procs.remove(child)
    return Message.of(child.pid, m2_i1=child.wait_status)


def exit_proc(pm, mp: MProc, wait_status: int, fault=None) -> None:
    """End a process: free it in the kernel and VFS, then let its parent know."""
    # The groups this exit may leave orphaned (its own and its children's)
    # that have a stopped member: usually none, and nothing more is done.
    groups = {(p.pgrp, p.sid) for p in [mp, *(pm.procs.by_pid[c] for c in mp.children)]
              if not p.zombie}
    groups = {g for g in groups if any(p.stopped and p.pgrp == g[0] and not p.zombie
                                       and p is not mp for p in pm.procs.by_pid.values())}
    orphaned_before = {g for g in groups if jobctl.orphaned(pm, *g)}
    pm.sys.clear(mp.endpoint)
    pm.tell_vfs(Message.of(PmRequest.PM_EXIT, m1_i1=mp.endpoint))
    alarm.cancel_alarm(pm, mp)
    mp.paused = False
    mp.suspend_mask = None
    mp.stopped = 0
    mp.wait_report = None
    mp.sigpending = 0
    pm.procs.forget_endpoint(mp)
    mp.zombie = True
    mp.wait_status = wait_status
    mp.waiting = None
    killed_by = wait_status & 0x7F
    if pm.trace.proc:
        pm.trace.emit("proc", "exit", proc=f"{mp.name}[{mp.pid}]", pid=mp.pid,
                      status=(wait_status >> 8) & 0xFF if not killed_by else None,
                      signal=signal_name(killed_by) if killed_by else None,
                      fault=fault.describe() if fault is not None else None)
    init = pm.procs.by_pid.get(INIT_PID)
    for pid in sorted(mp.children):
        child = pm.procs.by_pid[pid]
        child.ppid = INIT_PID
        if init is not None and init is not mp:
            init.children.add(pid)
            if child.zombie and init.waiting is not None \
                    and _matches(child, init.waiting[0], init):
                _tell_waiting_parent(pm, init, child)
    mp.children.clear()
    if mp.pid == INIT_PID:
        code = (wait_status >> 8) & 0xFF if not killed_by else 128 + killed_by
        pm.sys.shutdown(code, f"{mp.name} exited" if not killed_by else
                        f"{mp.name} killed by {signal_name(killed_by)}")
        return
    parent = pm.procs.by_pid.get(mp.ppid)
    if parent is not None and _discards_children(parent):
        # POSIX: no zombie; a wait that has no other child to wait for fails.
        pm.procs.remove(mp)
        if parent.waiting is not None and not any(
                _matches(pm.procs.by_pid[c], parent.waiting[0], parent) for c in parent.children):
            parent.waiting = None
            pm.sys.send(ep.PM, parent.endpoint, Message.of(-Errno.ECHILD))
    elif parent is not None and parent.waiting is not None \
            and _matches(mp, parent.waiting[0], parent):
        _tell_waiting_parent(pm, parent, mp)
    if parent is not None and not parent.zombie:
        signal.send_signal(pm, parent, Signal.SIGCHLD)
    _hang_up_orphans(pm, groups - orphaned_before)


def _hang_up_orphans(pm, groups: set) -> None:
    """POSIX (_exit): each of `groups` (each with a stopped member) that the
    exit left orphaned gets SIGHUP and then SIGCONT, every member: nobody
    left in its session could continue it."""
    for pgrp, sid in sorted(groups):
        if not jobctl.orphaned(pm, pgrp, sid):
            continue
        members = sorted((p for p in pm.procs.by_pid.values() if p.pgrp == pgrp and not p.zombie),
                         key=lambda p: p.pid)
        for sig in (Signal.SIGHUP, Signal.SIGCONT):
            for p in members:
                signal.send_signal(pm, p, sig)


def _discards_children(parent: MProc) -> bool:
    """SIGCHLD ignored, or SA_NOCLDWAIT: its children leave no zombies."""
    act = parent.sigact[Signal.SIGCHLD]
    return act.handler == SIG_IGN or bool(act.flags & _SA_NOCLDWAIT)


def _tell_waiting_parent(pm, parent: MProc, child: MProc) -> None:
    parent.waiting = None
    pm.sys.send(ep.PM, parent.endpoint, _reap(pm, child))
