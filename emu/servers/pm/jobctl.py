"""Terminal job control, PM's part: the TTY asks (PM_JOBCTL) whether a process
may use its controlling terminal now, since only PM knows process groups,
sessions, parents and signal dispositions (POSIX's rules in tty_check below)."""
from emu.abi.com import (PM_JOBCTL_FG, PM_JOBCTL_GROUP, PM_JOBCTL_PGRP, PM_JOBCTL_PROC,
                         PM_JOBCTL_SIG, JobCtl)
from emu.abi.errno import Errno
from emu.abi.message import Message
from emu.abi.signals import SIG_IGN, Signal
from emu.servers.pm.mproc import MProc
from emu.servers.server import ErrnoError


def orphaned(pm, pgrp: int, sid: int) -> bool:
    """POSIX's orphaned process group: no member has a parent in another group
    of the same session (nobody in the session could continue it)."""
    procs = pm.procs.by_pid
    for mp in procs.values():
        if mp.pgrp != pgrp or mp.zombie:
            continue
        parent = procs.get(mp.ppid)
        if parent is not None and not parent.zombie and parent.pgrp != pgrp \
                and parent.sid == sid:
            return False
    return True


def _refused(mp: MProc, sig: int) -> bool:
    """The process ignores or blocks `sig`."""
    return mp.sigact[sig].handler == SIG_IGN or bool(mp.sigmask & (1 << sig))


def do_jobctl(pm, m: Message):
    """For a process in the terminal's session (the TTY checks that): in the
    foreground group, go on. In the background, a read (SIGTTIN) is EIO when
    the process ignores or blocks SIGTTIN or its group is orphaned, else its
    group gets SIGTTIN; a write under TOSTOP or a change of the terminal
    (SIGTTOU) goes on when SIGTTOU is ignored or blocked, is EIO in an
    orphaned group, else its group gets SIGTTOU. The TTY sends the signal
    (PM must not act on it while VFS waits for the TTY) and holds the call
    until the signal stops or interrupts the process; a stopped call runs
    again when the job continues, as Linux restarts it. With a new group
    (tcsetpgrp), that group must exist in the caller's session: EPERM."""
    mp = pm.procs.by_ep.get(getattr(m, PM_JOBCTL_PROC))
    if mp is None or mp.zombie:
        raise ErrnoError(Errno.ESRCH)
    sig = getattr(m, PM_JOBCTL_SIG)
    if sig and mp.pgrp != getattr(m, PM_JOBCTL_FG):
        if sig == Signal.SIGTTIN:
            if _refused(mp, sig) or orphaned(pm, mp.pgrp, mp.sid):
                raise ErrnoError(Errno.EIO)
            return Message.of(JobCtl.SIGNAL, **{PM_JOBCTL_GROUP: mp.pgrp})
        if not _refused(mp, sig):
            if orphaned(pm, mp.pgrp, mp.sid):
                raise ErrnoError(Errno.EIO)
            return Message.of(JobCtl.SIGNAL, **{PM_JOBCTL_GROUP: mp.pgrp})
    pgrp = getattr(m, PM_JOBCTL_PGRP)
    if pgrp and not any(p.pgrp == pgrp and p.sid == mp.sid and not p.zombie
                        for p in pm.procs.by_pid.values()):
        raise ErrnoError(Errno.EPERM)
    return JobCtl.GO
