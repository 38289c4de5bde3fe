"""PM's system-wide calls (MINIX's misc.c): reboot, getsysinfo.

reboot(how) by root stops the system; `boot` then writes every file system
back (System.run) and the emulator exits with status 0, as a halted machine
does. Anyone else gets EPERM.
"""
from emu.abi import psinfo
from emu.abi.errno import Errno
from emu.abi.message import Message
from emu.abi.reboot import Rbt
from emu.servers.server import SUSPEND, ErrnoError


def do_reboot(pm, m: Message):
    mp = pm.caller(m)
    if mp.euid != 0:
        raise ErrnoError(Errno.EPERM)
    try:
        how = Rbt(m.m1_i1)
    except ValueError:
        raise ErrnoError(Errno.EINVAL) from None
    pm.sys.shutdown(0, f"{how.name.lower()} by {mp.name}[{mp.pid}]")
    return SUSPEND


def _state(mp) -> int:
    if mp.zombie:
        return psinfo.PS_ZOMBIE
    if mp.waiting is not None:
        return psinfo.PS_WAITING
    if mp.paused:
        return psinfo.PS_PAUSED
    return psinfo.PS_RUNNING


def do_getsysinfo(pm, m: Message):
    """SI_PROC_TAB: one psinfo record per process into the caller's buffer
    (m1_p1, m1_i2 bytes); returns the count. Anything else is EINVAL."""
    mp = pm.caller(m)
    what, where, size = m.m1_i1, m.m1_p1, m.m1_i2
    if what != psinfo.SI_PROC_TAB or size < 0:
        raise ErrnoError(Errno.EINVAL)
    records = []
    for p in sorted(pm.procs.by_pid.values(), key=lambda p: p.pid)[:size // psinfo.PSINFO.size]:
        records.append(psinfo.PSINFO.pack(p.pid, p.ppid, p.pgrp, p.ruid, p.euid, p.rgid, p.egid,
                                          _state(p), p.name.encode()[:psinfo.PSINFO_NAME_LEN - 1]))
    pm.sys.copy_to(mp.endpoint, where, b"".join(records))
    return len(records)
