"""Signals (MINIX's signal.c): dispositions, masks, kill, delivery, stop and continue.

A signal sent to a process meets its disposition and mask (sig_proc): it is
ignored, held pending while blocked (or while the process is stopped), or
acted on: the default action (terminate, terminate with a core flag, stop,
continue, ignore) or a handler, which the kernel enters in the guest through
a frame on the user stack (sys.sigsend). A caught signal first interrupts
the call the process is blocked in: PM's own waits answer EINTR, a call
suspended in VFS is cancelled with PM_UNPAUSE; under SA_RESTART the kernel
backs the process up over its trap instead, so the call runs again after the
handler (pause and sigsuspend always end with EINTR). A fault the kernel
reports goes to a handler too, unless its signal is blocked or ignored,
which kills the process (as Linux does).
"""
import struct

from emu.abi import endpoints as ep
from emu.abi.com import PM_PROC, PM_UNPAUSE_RESTART, PmRequest, Unpause
from emu.abi.errno import Errno
from emu.abi.message import Message
from emu.abi.signals import (ALL_SIGNALS, DEFAULT_CORE, DEFAULT_IGNORE, DEFAULT_STOP, NSIG,
                             SIG_DFL, SIG_IGN, SIGACTION_FORMAT, SIGACTION_SIZE, STOP_SIGNALS,
                             UNBLOCKABLE, SigAction, SigHow, Signal, sigmask, signal_name,
                             wait_status_signaled)
from emu.servers.pm import alarm, forkexit
from emu.servers.pm.mproc import INIT_PID, MProc
from emu.servers.server import SUSPEND, ErrnoError

_SIGACTION = struct.Struct(SIGACTION_FORMAT)
_SETTABLE = ALL_SIGNALS & ~UNBLOCKABLE
# Plain ints: kill() to a handler and back is a hot path (bench/: signal to a
# handler and back), and IntFlag arithmetic costs ~1 us an operation.
_SA_RESTART = int(SigAction.SA_RESTART)
_SA_NODEFER = int(SigAction.SA_NODEFER)
_SA_RESETHAND = int(SigAction.SA_RESETHAND)
_SA_SIGINFO = int(SigAction.SA_SIGINFO)
_SIGKILL, _SIGCONT = int(Signal.SIGKILL), int(Signal.SIGCONT)


# -- the calls ------------------------------------------------------------------
def do_sigaction(pm, m: Message):
    mp = pm.caller(m)
    sig, act_ptr, oact_ptr = m.m1_i2, m.m1_p1, m.m1_p2
    if not 1 <= sig < NSIG:
        raise ErrnoError(Errno.EINVAL)
    act = mp.sigact[sig]
    new = None
    if act_ptr:
        new = _SIGACTION.unpack(pm.sys.copy_from(mp.endpoint, act_ptr, SIGACTION_SIZE))
        if sig in (Signal.SIGKILL, Signal.SIGSTOP) and new[0] != SIG_DFL:
            raise ErrnoError(Errno.EINVAL)
    if oact_ptr:
        pm.sys.copy_to(mp.endpoint, oact_ptr,
                       _SIGACTION.pack(act.handler, act.mask & 0xFFFFFFFF, act.flags))
    if new is not None:
        act.handler, act.mask, act.flags = new[0], new[1] & _SETTABLE, new[2]
        mp.sigreturn = m.m1_p3
        if _ignored(mp, sig):   # POSIX: setting SIG_IGN discards a pending one
            mp.sigpending &= ~sigmask(sig)
    return 0


def do_sigprocmask(pm, m: Message):
    """m2_i1 how, m2_l1 the set itself (libc passes the value, not a pointer);
    the old mask goes back in m2_l1."""
    mp = pm.caller(m)
    how, value = m.m2_i1, m.m2_l1 & 0xFFFFFFFF
    old = mp.sigmask
    if how == SigHow.SIG_BLOCK:
        mp.sigmask |= value & _SETTABLE
    elif how == SigHow.SIG_UNBLOCK:
        mp.sigmask &= ~value
    elif how == SigHow.SIG_SETMASK:
        mp.sigmask = value & _SETTABLE
    elif how != SigHow.SIG_INQUIRE:
        raise ErrnoError(Errno.EINVAL)
    m.m2_l1 = old
    check_pending(pm, mp)
    return 0


def do_sigpending(pm, m: Message):
    m.m2_l1 = pm.caller(m).sigpending
    return 0


def do_sigsuspend(pm, m: Message):
    mp = pm.caller(m)
    mp.suspend_mask = mp.sigmask
    mp.sigmask = m.m2_l1 & _SETTABLE
    check_pending(pm, mp)
    return SUSPEND


def do_sigreturn(pm, m: Message):
    """A handler returned: restore the mask its frame saved and the registers
    (the kernel loads them; no reply goes to the caller)."""
    mp = pm.caller(m)
    pm.sys.sigreturn(mp.endpoint, m.m2_p1)
    mp.sigmask = m.m2_l1 & _SETTABLE
    if mp.sigpending & ~mp.sigmask:
        check_pending(pm, mp)
    return SUSPEND


def do_pause(pm, m: Message):
    pm.caller(m).paused = True
    return SUSPEND


def do_kill(pm, m: Message):
    caller = pm.caller(m)
    pid, sig = m.m1_i1, m.m1_i2
    if not 0 <= sig < NSIG:
        raise ErrnoError(Errno.EINVAL)
    if pid > 0:   # the common case: one process
        target = pm.procs.by_pid.get(pid)
        targets = [target] if target is not None and not target.zombie else []
    else:
        targets = _targets(pm, caller, pid)
    if not targets:
        raise ErrnoError(Errno.ESRCH)
    allowed = [t for t in targets if _may_signal(caller, t, sig)]
    if not allowed:
        raise ErrnoError(Errno.EPERM)
    if sig:
        for target in allowed:
            if not target.zombie:
                send_signal(pm, target, sig)
    if caller.zombie:
        return SUSPEND   # it killed itself: nobody to reply to
    return 0


def _targets(pm, caller: MProc, pid: int) -> list[MProc]:
    """Who kill(pid) reaches for pid <= 0; the caller comes last, so it
    signals the others first."""
    live = [mp for mp in pm.procs.by_pid.values() if not mp.zombie]
    if pid == 0:
        found = [mp for mp in live if mp.pgrp == caller.pgrp]
    elif pid == -1:   # everyone but init (system processes are not in PM's table)
        found = [mp for mp in live if mp.pid != INIT_PID]
    else:
        found = [mp for mp in live if mp.pgrp == -pid]
    found.sort(key=lambda mp: (mp is caller, mp.pid))
    return found


def _may_signal(caller: MProc, target: MProc, sig: int) -> bool:
    if caller.euid == 0 or caller.ruid in (target.ruid, target.euid) \
            or caller.euid in (target.ruid, target.euid):
        return True
    return sig == Signal.SIGCONT and caller.sid == target.sid


# -- sending and acting ------------------------------------------------------------
def _ignored(mp: MProc, sig: int) -> bool:
    handler = mp.sigact[sig].handler
    return handler == SIG_IGN or (handler == SIG_DFL and sig in DEFAULT_IGNORE)


def send_signal(pm, mp: MProc, sig: int, fault=None) -> None:
    """Generate `sig` for `mp` (MINIX's sig_proc). `fault` is set when the
    kernel raised it for a CPU fault of the process."""
    if mp.zombie:
        return
    bit = 1 << sig
    act = mp.sigact[sig]
    if pm.trace.signal:
        pm.trace.emit("signal", "deliver", proc=f"{mp.name}[{mp.pid}]",
                      signal=signal_name(sig), action=_describe(mp, sig, fault))
    if sig == _SIGKILL:
        _terminate(pm, mp, sig)
        return
    if fault is not None:
        # Synchronous: the faulting instruction cannot go on without a handler.
        if act.handler not in (SIG_DFL, SIG_IGN) and not mp.sigmask & bit:
            _catch(pm, mp, sig, fault)
        else:
            _terminate(pm, mp, sig, fault)
        return
    if sig == _SIGCONT:
        mp.sigpending &= ~STOP_SIGNALS
        _continue(pm, mp)
    elif bit & STOP_SIGNALS:
        mp.sigpending &= ~sigmask(Signal.SIGCONT)
    if _ignored(mp, sig):
        return
    if mp.sigmask & bit or mp.stopped:
        mp.sigpending |= bit
        return
    _act(pm, mp, sig)


def _describe(mp: MProc, sig: int, fault) -> str:
    handler = mp.sigact[sig].handler
    if sig == Signal.SIGKILL:
        return "terminate"
    if fault is not None:
        return "catch" if handler > SIG_IGN and not mp.sigmask & sigmask(sig) else "terminate"
    if _ignored(mp, sig):
        return "ignore"
    if mp.sigmask & sigmask(sig) or (mp.stopped and sig != Signal.SIGCONT):
        return "pending"
    if handler != SIG_DFL:
        return "catch"
    return "stop" if sig in DEFAULT_STOP else "continue" if sig == Signal.SIGCONT else \
        "core" if sig in DEFAULT_CORE else "terminate"


def _act(pm, mp: MProc, sig: int) -> None:
    """Take an unblocked, unignored signal's action now."""
    handler = mp.sigact[sig].handler
    if handler == SIG_IGN:
        return
    if handler != SIG_DFL:
        _catch(pm, mp, sig)
    elif sig in DEFAULT_STOP:
        _stop(pm, mp, sig)
    elif sig not in DEFAULT_IGNORE:
        _terminate(pm, mp, sig)


def _terminate(pm, mp: MProc, sig: int, fault=None) -> None:
    forkexit.exit_proc(pm, mp, wait_status_signaled(sig, sig in DEFAULT_CORE), fault)


def _catch(pm, mp: MProc, sig: int, fault=None) -> None:
    """Run the handler: interrupt the blocked call, then have the kernel push
    the frame with the mask to restore, and block what the handler blocks."""
    act = mp.sigact[sig]
    flags = act.flags
    _unpause(pm, mp, restart=flags & _SA_RESTART != 0)
    saved = mp.sigmask if mp.suspend_mask is None else mp.suspend_mask
    mp.suspend_mask = None
    try:
        pm.sys.sigsend(mp.endpoint, sig, act.handler, mp.sigreturn, saved)
    except ErrnoError:
        # No room for the frame (the stack is full or gone): as MINIX, SIGSEGV.
        forkexit.exit_proc(pm, mp, wait_status_signaled(Signal.SIGSEGV, True), fault)
        return
    mask = saved | act.mask
    if not flags & _SA_NODEFER:
        mask |= 1 << sig
    mp.sigmask = mask & _SETTABLE
    if flags & _SA_RESETHAND:
        act.handler = SIG_DFL
        act.flags = flags & ~_SA_SIGINFO


def _unpause(pm, mp: MProc, restart: bool) -> None:
    """End the call the process is blocked in: EINTR, or a restart under SA_RESTART."""
    endpoint = mp.endpoint
    if mp.paused or mp.suspend_mask is not None:
        mp.paused = False            # pause and sigsuspend are never restarted
        _reply_eintr(pm, endpoint)
    elif mp.waiting is not None:
        mp.waiting = None
        if not (restart and pm.sys.restart_call(endpoint)):
            _reply_eintr(pm, endpoint)
    elif pm.sys.awaited_server(endpoint) == ep.VFS:
        m = Message.of(PmRequest.PM_UNPAUSE)
        setattr(m, PM_PROC, endpoint)
        setattr(m, PM_UNPAUSE_RESTART, 1 if restart else 0)
        if pm.sys.sendrec(ep.PM, ep.VFS, m).m_type == Unpause.RESTART:
            pm.sys.restart_call(endpoint)


def _reply_eintr(pm, endpoint: int) -> None:
    pm.sys.send(ep.PM, endpoint, Message.of(-Errno.EINTR))


def check_pending(pm, mp: MProc) -> None:
    """Act on pending signals the mask no longer blocks, lowest number first."""
    while not mp.zombie and not mp.stopped:
        ready = mp.sigpending & ~mp.sigmask
        if not ready:
            return
        sig = (ready & -ready).bit_length() - 1
        mp.sigpending &= ~sigmask(sig)
        if not _ignored(mp, sig):
            _act(pm, mp, sig)


# -- stop and continue ---------------------------------------------------------------
def _stop(pm, mp: MProc, sig: int) -> None:
    if mp.stopped:
        return
    mp.stopped = sig
    pm.sys.stop(mp.endpoint)
    forkexit.report_stop(pm, mp, sig)


def _continue(pm, mp: MProc) -> None:
    if not mp.stopped:
        return
    mp.stopped = 0
    pm.sys.resume(mp.endpoint)
    forkexit.report_continue(pm, mp)
    check_pending(pm, mp)


# -- exec ---------------------------------------------------------------------------
def signals_after_exec(mp: MProc) -> None:
    """exec keeps ignored signals, the mask and pending signals; caught ones go back
    to SIG_DFL (the handlers are gone with the old image). For PM's exec."""
    for act in mp.sigact:
        if act.handler not in (SIG_DFL, SIG_IGN):
            act.handler, act.mask, act.flags = SIG_DFL, 0, 0
    mp.sigreturn = 0


# -- notifications: faults from the kernel, alarms from CLOCK -------------------------
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
    elif m.m_source == ep.CLOCK:
        for mp in alarm.expired(pm):
            send_signal(pm, mp, Signal.SIGALRM)
    return SUSPEND
