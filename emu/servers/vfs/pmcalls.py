"""Requests from PM about process life cycle: init, fork, exit, ids, unpause (misc.c)."""
from emu.abi import endpoints as ep
from emu.abi.com import PM_PROC, PM_UNPAUSE_RESTART, Unpause
from emu.abi.errno import Errno
from emu.abi.fcntl import O_RDWR, TTY_MAJOR
from emu.abi.message import Message
from emu.servers.vfs.device import cancel_suspended, dev_open
from emu.servers.vfs.fproc import Filp, FProc

CONSOLE_MINOR = 0


def pm_init(vfs, m: Message):
    """A process with no parent: it starts with the console on fds 0, 1 and 2
    (fd 2 on the host's stderr line instead, when the system was set up so)."""
    endpoint, pid = m.m1_i1, m.m1_i3
    fp = FProc(endpoint, pid)
    dev_open(vfs, endpoint, TTY_MAJOR, CONSOLE_MINOR, O_RDWR)
    console = Filp(O_RDWR, 0, TTY_MAJOR, CONSOLE_MINOR, count=3)
    fp.fds[0] = fp.fds[1] = fp.fds[2] = console
    if vfs.first_stderr_minor != CONSOLE_MINOR:
        dev_open(vfs, endpoint, TTY_MAJOR, vfs.first_stderr_minor, O_RDWR)
        console.count = 2
        fp.fds[2] = Filp(O_RDWR, 0, TTY_MAJOR, vfs.first_stderr_minor)
    vfs.fprocs[endpoint] = fp
    return 0


def pm_fork(vfs, m: Message):
    child_ep, parent_ep, pid = m.m1_i1, m.m1_i2, m.m1_i3
    parent = vfs.fprocs[parent_ep]
    child = FProc(child_ep, pid, list(parent.fds), set(parent.cloexec), parent.uid,
                  parent.gid, parent.ruid, parent.rgid)
    for filp in child.fds:
        if filp is not None:
            filp.count += 1
    vfs.fprocs[child_ep] = child
    return 0


def pm_exit(vfs, m: Message):
    fp = vfs.fprocs.pop(m.m1_i1, None)
    if fp is None:
        return 0
    cancel_suspended(vfs, fp)
    for fd, filp in enumerate(fp.fds):
        if filp is not None:
            fp.fds[fd] = None
            vfs.put_filp(filp)
    return 0


def pm_setuid(vfs, m: Message):
    fp = vfs.fprocs.get(m.m1_i1)
    if fp is not None:
        fp.uid, fp.ruid = m.m1_i2, m.m1_i3
    return 0


def pm_setgid(vfs, m: Message):
    fp = vfs.fprocs.get(m.m1_i1)
    if fp is not None:
        fp.gid, fp.rgid = m.m1_i2, m.m1_i3
    return 0


def pm_setsid(vfs, m: Message):
    return 0


def pm_unpause(vfs, m: Message):
    """A caught signal interrupts the process: cancel its suspended call and
    answer it EINTR, or nothing when PM will have the call restarted
    (SA_RESTART). The reply says which (com.Unpause)."""
    endpoint = getattr(m, PM_PROC)
    fp = vfs.fprocs.get(endpoint)
    if fp is None or fp.suspended is None:
        return Unpause.NONE
    cancel_suspended(vfs, fp)
    if getattr(m, PM_UNPAUSE_RESTART):
        return Unpause.RESTART
    vfs.sys.send(ep.VFS, endpoint, Message.of(-Errno.EINTR))
    return Unpause.ANSWERED
