"""PM's dispatch table: call number -> handler (MINIX's table.c)."""
from emu.abi.callnr import CallNr
from emu.abi.com import NOTIFY_MESSAGE
from emu.servers.pm import alarm, alloc, forkexit, getset, signal, time

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
    CallNr.SETPGID: getset.do_setpgid,
    CallNr.GETPGID: getset.do_getpgid,
    CallNr.GETEPINFO: getset.do_getepinfo,
    CallNr.BRK: alloc.do_brk,
    CallNr.TIME: time.do_time,
    CallNr.GETTIMEOFDAY: time.do_gettimeofday,
    CallNr.TIMES: time.do_times,
    CallNr.KILL: signal.do_kill,
    CallNr.ALARM: alarm.do_alarm,
    CallNr.PAUSE: signal.do_pause,
    CallNr.SIGACTION: signal.do_sigaction,
    CallNr.SIGPROCMASK: signal.do_sigprocmask,
    CallNr.SIGPENDING: signal.do_sigpending,
    CallNr.SIGSUSPEND: signal.do_sigsuspend,
    CallNr.SIGRETURN: signal.do_sigreturn,
    NOTIFY_MESSAGE: signal.do_notify,     # SYSTEM: kernel signals; CLOCK: alarms
}
