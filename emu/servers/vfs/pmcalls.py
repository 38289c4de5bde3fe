"""Requests from PM about process life (MINIX's misc.c pm_* calls): init, fork,
exit, ids and groups, unpause, reboot. Accepted only from PM (table.py)."""
from emu.abi import endpoints as ep
from emu.abi.com import (PM_GROUPS_COUNT, PM_GROUPS_GRANT, PM_PROC, PM_RUID, PM_UID,
                         PM_UNPAUSE_RESTART, Unpause)
from emu.abi.errno import Errno
from emu.abi.fcntl import NGROUPS_MAX, O_RDWR, TTY_MAJOR
from emu.abi.message import Message
from emu.servers.server import ErrnoError
from emu.servers.vfs.device import dev_open
from emu.servers.vfs.filp import FILP_CHAR
from emu.servers.vfs.fproc import FProc
from emu.servers.vfs.suspend import cancel, forget

CONSOLE_MINOR = 0
PM_INIT_CONSOLE = 1      # PM_INIT m1_i2: give the process the console on fds 0, 1, 2


def _fproc(vfs, endpoint: int) -> FProc:
    fp = vfs.fprocs.get(endpoint)
    if fp is None:
        raise ErrnoError(Errno.EINVAL, f"no process {endpoint}")
    return fp


def pm_init(vfs, m: Message):
    """A process with no parent (pid 1): cwd and root at /, and with
    PM_INIT_CONSOLE the console on 0, 1 and 2 (`run`; init opens it itself),
    fd 2 on the host's stderr line instead when the system was set up so."""
    endpoint, pid = m.m1_i1, m.m1_i3
    if endpoint in vfs.fprocs:
        raise ErrnoError(Errno.EEXIST)
    fp = FProc(endpoint, pid)
    if m.m1_i2 & PM_INIT_CONSOLE:
        dev_open(vfs, endpoint, TTY_MAJOR, CONSOLE_MINOR, O_RDWR)
        console = vfs.filps.alloc(O_RDWR, 0, None, FILP_CHAR, TTY_MAJOR, CONSOLE_MINOR)
        console.count = 3
        fp.fds[0] = fp.fds[1] = fp.fds[2] = console
        if vfs.first_stderr_minor != CONSOLE_MINOR:
            dev_open(vfs, endpoint, TTY_MAJOR, vfs.first_stderr_minor, O_RDWR)
            console.count = 2
            fp.fds[2] = vfs.filps.alloc(O_RDWR, 0, None, FILP_CHAR, TTY_MAJOR,
                                        vfs.first_stderr_minor)
    root = vfs.root_vnode()
    if root is not None:
        fp.root = vfs.vnodes.dup(root)
        fp.cwd = vfs.vnodes.dup(root)
    vfs.fprocs[endpoint] = fp
    return 0


def pm_fork(vfs, m: Message):
    child_ep, parent_ep, pid = m.m1_i1, m.m1_i2, m.m1_i3
    parent = _fproc(vfs, parent_ep)
    if child_ep in vfs.fprocs:
        raise ErrnoError(Errno.EEXIST)
    child = FProc(child_ep, pid, list(parent.fds), set(parent.cloexec), parent.uid,
                  parent.gid, parent.ruid, parent.rgid, parent.groups, parent.umask)
    for filp in child.fds:
        if filp is not None:
            filp.count += 1
    for vp in (parent.cwd, parent.root):
        if vp is not None:
            vfs.vnodes.dup(vp)
    child.cwd, child.root = parent.cwd, parent.root
    vfs.fprocs[child_ep] = child
    return 0


def pm_exit(vfs, m: Message):
    fp = vfs.fprocs.pop(m.m1_i1, None)
    if fp is None:
        return 0
    forget(vfs, fp)
    vfs.forget_exec(fp.endpoint)
    for fd, filp in enumerate(fp.fds):
        if filp is not None:
            fp.fds[fd] = None
            vfs.put_filp(filp)
    vfs.vnodes.put(fp.cwd)
    vfs.vnodes.put(fp.root)
    fp.cwd = fp.root = None
    return 0


def pm_setuid(vfs, m: Message):
    fp = _fproc(vfs, getattr(m, PM_PROC))
    fp.uid, fp.ruid = getattr(m, PM_UID) & 0xFFFF, getattr(m, PM_RUID) & 0xFFFF
    return 0


def pm_setgid(vfs, m: Message):
    fp = _fproc(vfs, getattr(m, PM_PROC))
    fp.gid, fp.rgid = getattr(m, PM_UID) & 0xFF, getattr(m, PM_RUID) & 0xFF
    return 0


def pm_setgroups(vfs, m: Message):
    """The supplementary groups, as PM's buffer of int32s in a grant."""
    fp = _fproc(vfs, getattr(m, PM_PROC))
    count = getattr(m, PM_GROUPS_COUNT)
    if not 0 <= count <= NGROUPS_MAX:
        raise ErrnoError(Errno.EINVAL)
    raw = vfs.sys.safecopy_from(ep.VFS, ep.PM, getattr(m, PM_GROUPS_GRANT), 0, 4 * count)
    fp.groups = tuple(int.from_bytes(raw[i:i + 4], "little") for i in range(0, 4 * count, 4))
    return 0


def pm_setsid(vfs, m: Message):
    return 0


def pm_unpause(vfs, m: Message):
    """A caught signal interrupts the process: cancel the call it waits in. It
    returns EINTR (or the bytes it moved), or, with PM_UNPAUSE_RESTART and
    nothing moved, nothing: PM has the kernel run it again (SA_RESTART).
    The reply says which (com.Unpause)."""
    fp = vfs.fprocs.get(getattr(m, PM_PROC))
    if fp is None:
        return Unpause.NONE
    return cancel(vfs, fp, restart=bool(getattr(m, PM_UNPAUSE_RESTART)))


def pm_reboot(vfs, m: Message):
    """The system goes down: write every file system back."""
    vfs.shutdown()
    return 0
