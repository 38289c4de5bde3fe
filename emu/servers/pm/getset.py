"""Process identity: getpid, uids, gids, groups, endpoints, sessions (getset.c)."""
from emu.abi import endpoints as ep
from emu.abi.callnr import CallNr
from emu.abi.com import (PM_GROUPS_COUNT, PM_GROUPS_GRANT, PM_NUCRED_ENDPT, PM_NUCRED_GID,
                         PM_NUCRED_UID, PM_PROC, PmRequest)
from emu.abi.errno import Errno
from emu.abi.fcntl import NGROUPS_MAX
from emu.abi.message import Message
from emu.abi.types import C_TYPES
from emu.kernel.grants import READ
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


def do_getnucred(pm, m: Message):
    """A process's pid and effective ids by endpoint (MINIX's getnucred): PFS
    asks for socket credentials; a user process must be root (they are how
    servers tell who is calling, not for anybody to read)."""
    if m.m_source >= ep.FIRST_USER_SLOT:
        caller = pm.procs.by_ep.get(m.m_source)
        if caller is None or caller.euid != 0:
            raise ErrnoError(Errno.EPERM)
    target = pm.procs.by_ep.get(getattr(m, PM_NUCRED_ENDPT))
    if target is None or target.zombie:
        raise ErrnoError(Errno.ESRCH)
    return Message.of(target.pid, **{PM_NUCRED_UID: target.euid, PM_NUCRED_GID: target.egid})


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


GID_SIZE = C_TYPES["gid_t"][1]     # bytes per gid_t in the guest's arrays


def do_getgroups(pm, m: Message):
    """getgroups(size, list): the count with size 0, else EINVAL if it does not fit."""
    mp = pm.caller(m)
    size = m.m1_i1
    if size == 0:
        return len(mp.groups)
    if size < len(mp.groups) or size < 0:
        raise ErrnoError(Errno.EINVAL)
    raw = b"".join(g.to_bytes(GID_SIZE, "little") for g in mp.groups)
    if raw:
        pm.sys.copy_to(mp.endpoint, m.m1_p1, raw)
    return len(mp.groups)


def do_setgroups(pm, m: Message):
    """setgroups(size, list): root only (EPERM); VFS is told with PM_SETGROUPS."""
    mp = pm.caller(m)
    size = m.m1_i1
    if mp.euid != 0:
        raise ErrnoError(Errno.EPERM)
    if not 0 <= size <= NGROUPS_MAX:
        raise ErrnoError(Errno.EINVAL)
    raw = pm.sys.copy_from(mp.endpoint, m.m1_p1, size * GID_SIZE) if size else b""
    mp.groups = tuple(int.from_bytes(raw[i:i + GID_SIZE], "little")
                      for i in range(0, len(raw), GID_SIZE))
    buf = bytearray(b"".join(g.to_bytes(4, "little") for g in mp.groups))
    grant = pm.sys.grant_buffer(ep.PM, ep.VFS, buf, READ)
    try:
        pm.tell_vfs(Message.of(PmRequest.PM_SETGROUPS, **{
            PM_PROC: mp.endpoint, PM_GROUPS_COUNT: len(mp.groups), PM_GROUPS_GRANT: grant}))
    finally:
        pm.sys.revoke(ep.PM, grant)
    return 0


def do_setpgid(pm, m: Message):
    """setpgid(pid, pgid): m1_i1 pid (0: the caller), m1_i2 pgid (0: that pid).
    The caller moves itself or a child of its session into a group of its
    session; a child that has exec'd is EACCES."""
    caller = pm.caller(m)
    pid = m.m1_i1 or caller.pid
    pgid = m.m1_i2 or pid
    if pgid < 0:
        raise ErrnoError(Errno.EINVAL)
    target = pm.procs.by_pid.get(pid)
    if target is None or target.zombie or (target is not caller and target.ppid != caller.pid):
        raise ErrnoError(Errno.ESRCH)
    if target is not caller and target.execed:
        raise ErrnoError(Errno.EACCES)
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
