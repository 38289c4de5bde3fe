"""Job control at the terminal (POSIX 11.1.4): a process of a background group
that reads its controlling terminal, writes it under TOSTOP or changes it gets
SIGTTIN or SIGTTOU for its group, or EIO. PM decides (PM_JOBCTL: it knows the
groups, parents and dispositions); the TTY sends the signal and holds the call
until the signal acts: a stop takes the call back through VFS's cancel and it
runs again when the job continues (fg), a handler interrupts it (EINTR, or a
restart under SA_RESTART)."""
from emu.abi import endpoints as ep
from emu.abi.com import (PM_JOBCTL_FG, PM_JOBCTL_GROUP, PM_JOBCTL_PGRP, PM_JOBCTL_PROC,
                         PM_JOBCTL_SIG, SESSION, SUSPEND, JobCtl, PmServerRequest)
from emu.abi.message import Message
from emu.servers.server import ErrnoError


def check(tty, line, m: Message, sig: int, user: int, new_pgrp: int = 0) -> int | None:
    """None: the call goes on. Otherwise the status to answer: SUSPEND while
    the signal sent to the caller's group takes effect, or an errno (EIO;
    EPERM for a `new_pgrp` that is no group of the caller's session). Only
    a terminal that is the caller's controlling terminal has job control."""
    if line.session == 0 or getattr(m, SESSION) != line.session:
        return None
    reply = tty.sys.sendrec(tty.endpoint, ep.PM, Message.of(
        PmServerRequest.PM_JOBCTL, **{PM_JOBCTL_PROC: user, PM_JOBCTL_SIG: sig,
                                      PM_JOBCTL_FG: line.pgrp, PM_JOBCTL_PGRP: new_pgrp}))
    status = reply.m_type
    if status == JobCtl.GO:
        return None
    if status != JobCtl.SIGNAL:
        return status if status < 0 else None
    try:
        tty.sys.kill_pgrp(getattr(reply, PM_JOBCTL_GROUP), sig)
    except ErrnoError as e:
        return -e.errno
    return SUSPEND     # VFS's CANCEL ends the wait (devio.do_cancel), when PM acts
