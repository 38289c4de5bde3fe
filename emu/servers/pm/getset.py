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
    mp = pm.caller(m)
    if mp.pgrp == mp.pid:
        raise ErrnoError(Errno.EPERM)
    mp.pgrp = mp.pid
    pm.tell_vfs(Message.of(PmRequest.PM_SETSID, m1_i1=mp.endpoint))
    return mp.pgrp


def do_getpgrp(pm, m: Message):
    return pm.caller(m).pgrp
