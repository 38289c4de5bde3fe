"""PM's job-control answers to the TTY (emu/servers/pm/jobctl.py), on a
process table alone: POSIX's orphaned process groups and the SIGTTIN/SIGTTOU
rules for a background process (11.1.4, 11.2's tcsetpgrp)."""
from types import SimpleNamespace

from emu.abi.com import (PM_JOBCTL_FG, PM_JOBCTL_GROUP, PM_JOBCTL_PGRP, PM_JOBCTL_PROC,
                         PM_JOBCTL_SIG, JobCtl, PmServerRequest)
from emu.abi.errno import Errno
from emu.abi.message import Message
from emu.abi.signals import SIG_IGN, Signal
from emu.servers.pm.jobctl import do_jobctl, orphaned
from emu.servers.pm.mproc import MProc, ProcessTable
from emu.servers.server import ErrnoError

SESSION = 1


def table(*procs: tuple[int, int, int]) -> SimpleNamespace:
    """A PM with processes (pid, parent, group), all in session 1 (init's);
    endpoint = 100 + pid."""
    t = ProcessTable()
    for pid, ppid, pgrp in procs:
        t.add(MProc(pid, ppid, 100 + pid, f"p{pid}", pgrp=pgrp, sid=SESSION))
    return SimpleNamespace(procs=t)


# init (1); a shell (2) in its own group 2; a job of two processes in group 3
# (3 and its child 4); a process 5 in group 5 whose parent 3 is in group 3.
def system() -> SimpleNamespace:
    return table((1, 0, 1), (2, 1, 2), (3, 2, 3), (4, 3, 3), (5, 3, 5))


def ask(pm, pid: int, sig: int, fg: int, pgrp: int = 0):
    m = Message.of(PmServerRequest.PM_JOBCTL, **{PM_JOBCTL_PROC: 100 + pid, PM_JOBCTL_SIG: sig,
                                                 PM_JOBCTL_FG: fg, PM_JOBCTL_PGRP: pgrp})
    try:
        r = do_jobctl(pm, m)
    except ErrnoError as e:
        return -e.errno
    if isinstance(r, Message):
        return (r.m_type, getattr(r, PM_JOBCTL_GROUP))
    return r


def test_a_group_is_orphaned_when_no_member_has_a_parent_in_another_group_of_the_session():
    pm = system()
    assert not orphaned(pm, 3, SESSION)      # 3's parent, the shell, is in group 2
    assert not orphaned(pm, 5, SESSION)      # 5's parent is in group 3
    assert orphaned(pm, 1, SESSION)          # init has no parent
    pm.procs.by_pid[2].zombie = True         # the shell is gone: nobody can continue group 3
    assert orphaned(pm, 3, SESSION)
    pm.procs.by_pid[2].zombie = False
    pm.procs.by_pid[2].sid = 2               # a parent in another session does not count
    assert orphaned(pm, 3, SESSION)


def test_the_foreground_group_goes_on():
    pm = system()
    assert ask(pm, 3, Signal.SIGTTIN, fg=3) == JobCtl.GO
    assert ask(pm, 4, Signal.SIGTTOU, fg=3) == JobCtl.GO


def test_a_background_read_signals_the_readers_group_or_fails_with_eio():
    pm = system()
    assert ask(pm, 4, Signal.SIGTTIN, fg=2) == (JobCtl.SIGNAL, 3)
    pm.procs.by_pid[4].sigmask = 1 << Signal.SIGTTIN
    assert ask(pm, 4, Signal.SIGTTIN, fg=2) == -Errno.EIO           # blocked
    pm.procs.by_pid[4].sigmask = 0
    pm.procs.by_pid[4].sigact[Signal.SIGTTIN].handler = SIG_IGN
    assert ask(pm, 4, Signal.SIGTTIN, fg=2) == -Errno.EIO           # ignored
    assert ask(pm, 2, Signal.SIGTTIN, fg=3) == (JobCtl.SIGNAL, 2)   # the shell's own group
    assert ask(pm, 1, Signal.SIGTTIN, fg=3) == -Errno.EIO           # orphaned


def test_a_background_write_or_change_goes_on_when_sigttou_is_ignored_or_blocked():
    pm = system()
    assert ask(pm, 5, Signal.SIGTTOU, fg=2) == (JobCtl.SIGNAL, 5)
    pm.procs.by_pid[5].sigmask = 1 << Signal.SIGTTOU
    assert ask(pm, 5, Signal.SIGTTOU, fg=2) == JobCtl.GO
    pm.procs.by_pid[1].sigact[Signal.SIGTTOU].handler = SIG_IGN
    assert ask(pm, 1, Signal.SIGTTOU, fg=2) == JobCtl.GO            # ignored: even orphaned
    pm.procs.by_pid[1].sigact[Signal.SIGTTOU].handler = 0
    assert ask(pm, 1, Signal.SIGTTOU, fg=2) == -Errno.EIO           # orphaned


def test_tcsetpgrp_needs_a_group_of_the_callers_session():
    pm = system()
    assert ask(pm, 2, Signal.SIGTTOU, fg=2, pgrp=3) == JobCtl.GO
    assert ask(pm, 2, Signal.SIGTTOU, fg=2, pgrp=29999) == -Errno.EPERM
    pm.procs.by_pid[5].sid = 5                                      # group 5 in another session
    assert ask(pm, 2, Signal.SIGTTOU, fg=2, pgrp=5) == -Errno.EPERM
    pm.procs.by_pid[2].sigact[Signal.SIGTTOU].handler = SIG_IGN     # the shell, in the background
    assert ask(pm, 2, Signal.SIGTTOU, fg=3, pgrp=2) == JobCtl.GO


def test_an_unknown_process_is_esrch():
    assert ask(system(), 77, Signal.SIGTTIN, fg=2) == -Errno.ESRCH
