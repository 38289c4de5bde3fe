"""PM's dispatch table: call number -> handler (MINIX's table.c)."""
from emu.abi.callnr import CallNr
from emu.abi.com import NOTIFY_MESSAGE
from emu.servers.pm import alloc, forkexit, getset, signal, time

CALLS = {
    CallNr.EXIT: forkexit.do_exit,
    CallNr.FORK: forkexit.do_fork,
    CallNr.WAIT: forkexit.do_waitpid,
    CallNr.WAITPID: forkexit.do_waitpid,
    CallNr.GETPID: getset.do_getpid,
    CallNr.GETUID: getset.do_getuid,
    CallNr.GETGID: getset.do_getgid,
    CallNr.SETUID: getset.do_setuid,
    CallNr.SETEUID: getset.do_setuid,
    CallNr.SETGID: getset.do_setgid,
    CallNr.SETEGID: getset.do_setgid,
    CallNr.SETSID: getset.do_setsid,
    CallNr.GETPGRP: getset.do_getpgrp,
    CallNr.GETEPINFO: getset.do_getepinfo,
    CallNr.BRK: alloc.do_brk,
    CallNr.TIME: time.do_time,
    CallNr.GETTIMEOFDAY: time.do_gettimeofday,
    CallNr.TIMES: time.do_times,
    CallNr.KILL: signal.do_kill,
    CallNr.ALARM: signal.do_alarm,
    CallNr.PAUSE: signal.do_pause,
    NOTIFY_MESSAGE: signal.do_notify,
}
