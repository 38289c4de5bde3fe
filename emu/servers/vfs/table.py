"""VFS's dispatch table: call number -> (handler, who may send it) (MINIX's table.c).

User processes make the system calls; the PM_* requests about process life
come only from PM; a driver's DEV_REVIVE from a system server (do_revive also
checks that the process waits on that driver). Sender rules: emu/servers/server.py.
"""
from emu.abi.callnr import CallNr
from emu.abi.com import DevReply, PmRequest
from emu.servers.server import Senders
from emu.servers.vfs import device, filedes, pmcalls, readwrite

USER, PM, DRIVER = Senders.USER, Senders.PM, Senders.ANY_SERVER

CALLS = {
    CallNr.READ: (readwrite.do_read, USER),
    CallNr.WRITE: (readwrite.do_write, USER),
    CallNr.IOCTL: (readwrite.do_ioctl, USER),
    CallNr.CLOSE: (filedes.do_close, USER),
    CallNr.DUP: (filedes.do_dup, USER),
    CallNr.FCNTL: (filedes.do_fcntl, USER),
    PmRequest.PM_INIT: (pmcalls.pm_init, PM),
    PmRequest.PM_FORK: (pmcalls.pm_fork, PM),
    PmRequest.PM_EXIT: (pmcalls.pm_exit, PM),
    PmRequest.PM_SETUID: (pmcalls.pm_setuid, PM),
    PmRequest.PM_SETGID: (pmcalls.pm_setgid, PM),
    PmRequest.PM_SETSID: (pmcalls.pm_setsid, PM),
    DevReply.DEV_REVIVE: (device.do_revive, DRIVER),
}
