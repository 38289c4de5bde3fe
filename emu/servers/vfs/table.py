"""VFS's dispatch table: call number -> handler (MINIX's table.c)."""
from emu.abi.callnr import CallNr
from emu.abi.com import DevReply, PmRequest
from emu.servers.vfs import device, filedes, pmcalls, readwrite

CALLS = {
    CallNr.READ: readwrite.do_read,
    CallNr.WRITE: readwrite.do_write,
    CallNr.IOCTL: readwrite.do_ioctl,
    CallNr.CLOSE: filedes.do_close,
    CallNr.DUP: filedes.do_dup,
    CallNr.FCNTL: filedes.do_fcntl,
    PmRequest.PM_INIT: pmcalls.pm_init,
    PmRequest.PM_FORK: pmcalls.pm_fork,
    PmRequest.PM_EXIT: pmcalls.pm_exit,
    PmRequest.PM_SETUID: pmcalls.pm_setuid,
    PmRequest.PM_SETGID: pmcalls.pm_setgid,
    PmRequest.PM_SETSID: pmcalls.pm_setsid,
    PmRequest.PM_UNPAUSE: pmcalls.pm_unpause,
    DevReply.DEV_REVIVE: device.do_revive,
}
