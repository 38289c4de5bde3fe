"""Process identity: getpid, uids, gids, endpoints, sessions (getset.c)."""
from emu.abi.callnr import CallNr
from emu.abi.com import PmRequest
from emu.abi.errno import Errno
from emu.abi.message import Message
from emu.servers.server import ErrnoError


def do_getpid(pm, m: Message):
    mp = pm.caller(m)
    m.m2_i1 = mp.ppid
    return mp.pid


def do_getuid(pm, m: Message):
    mp = pm.caller(m)
    m.m2_i1 = mp.euid
    return mp.ruid


def do_getgid(pm, m: Message):
    mp = pm.caller(m)
    m.m2_i1 = mp.egid
    return mp.rgid


def do_getepinfo(pm, m: Message):
    """Endpoint (and effective ids) of a pid; MINIX's getepinfo()."""
    target = pm.procs.by_pid.get(m.m1_i1)
    if target is None or target.zombie:
        raise ErrnoError(Errno.ESRCH)
    return Message.of(target.endpoint, m1_i1=target.euid, m1_i2=target.egid)


def _set_ids(pm, m: Message, kind: str):
    mp = pm.caller(m)
    value = m.m1_i1
    real, eff = (("ruid", "euid") if kind == "uid" else ("rgid", "egid"))
    root = mp.euid == 0
    if m.m_type in (CallNr.SETUID, CallNr.SETGID):   # both ids
        if not root and value not in (getattr(mp, real), getattr(mp, eff)):
            raise ErrnoError(Errno.EPERM)
        setattr(mp, real, value)
        setattr(mp, eff, value)
    else:                      # seteuid / setegid
        if not root and value not in (getattr(mp, real), getattr(mp, eff)):
            raise ErrnoError(Errno.EPERM)
        setattr(mp, eff, value)
    request = PmRequest.PM_SETUID if kind == "uid" else PmRequest.PM_SETGID
    pm.tell_vfs(Message.of(request, m1_i1=mp.endpoint, m1_i2=getattr(mp, eff),
                        m1_i3=getattr(mp, real)))
    return 0


def do_setuid(pm, m: Message):
    return _set_ids(pm, m, "uid")


def do_setgid(pm, m: Message):
    return _set_ids(pm, m, "gid")


def do_setsid(pm, m: Message):
    """A new session and process group led by the caller; EPERM for a group leader."""
    mp = pm.caller(m)
    if mp.pgrp == mp.pid or any(p.pgrp == mp.pid for p in pm.procs.by_pid.values()):
        raise ErrnoError(Errno.EPERM)
    mp.pgrp = mp.sid = mp.pid
    pm.tell_vfs(Message.of(PmRequest.PM_SETSID, m1_i1=mp.endpoint))
    return mp.pgrp


def do_getpgrp(pm, m: Message):
    return pm.caller(m).pgrp


def do_setpgid(pm, m: Message):
    """setpgid(pid, pgid): m1_i1 pid (0: the caller), m1_i2 pgid (0: that pid).
    The caller moves itself or a child of its session into a group of its session.
    (EACCES for a child that has exec'd needs PM's exec bookkeeping.)"""
    caller = pm.caller(m)
    pid = m.m1_i1 or caller.pid
    pgid = m.m1_i2 or pid
    if pgid < 0:
        raise ErrnoError(Errno.EINVAL)
    target = pm.procs.by_pid.get(pid)
    if target is None or target.zombie or (target is not caller and target.ppid != caller.pid):
        raise ErrnoError(Errno.ESRCH)
    if target.sid != caller.sid or target.sid == target.pid:
        raise ErrnoError(Errno.EPERM)    # another session, or a session leader
    if pgid != target.pid and not any(p.pgrp == pgid and p.sid == caller.sid and not p.zombie
                                      for p in pm.procs.by_pid.values()):
        raise ErrnoError(Errno.EPERM)    # no such group in the caller's session
    target.pgrp = pgid
    return 0


def do_getpgid(pm, m: Message):
    caller = pm.caller(m)
    pid = m.m1_i1 or caller.pid
    target = pm.procs.by_pid.get(pid)
    if target is None or target.zombie:
        raise ErrnoError(Errno.ESRCH)
    return target.pgrp
