"""PM's system-wide calls (MINIX's misc.c): reboot.

reboot(how) by root stops the system; `boot` then writes every file system
back (System.run) and the emulator exits with status 0, as a halted machine
does. Anyone else gets EPERM.
"""
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
