"""PM's dispatch table: call number -> (handler, who may send it) (MINIX's table.c).

Every call is a user process's system call; the kernel's signal notification
comes from SYSTEM; PFS and the TTY ask about processes (PM_GETNUCRED, PM_JOBCTL). Sender rules: emu/servers/server.py.
"""
from emu.abi.callnr import CallNr
from emu.abi import endpoints as ep
from emu.abi.com import NOTIFY_MESSAGE, PmServerRequest
from emu.servers.pm import alarm, alloc, exec, forkexit, getset, jobctl, misc, signal, time
from emu.servers.server import Senders

USER, KERNEL = Senders.USER, Senders.KERNEL

CALLS = {
    CallNr.EXIT: (forkexit.do_exit, USER),
    CallNr.FORK: (forkexit.do_fork, USER),
    CallNr.EXEC: (exec.do_exec, USER),
    CallNr.WAIT: (forkexit.do_waitpid, USER),
    CallNr.WAITPID: (forkexit.do_waitpid, USER),
    CallNr.GETPID: (getset.do_getpid, USER),
    CallNr.GETUID: (getset.do_getuid, USER),
    CallNr.GETGID: (getset.do_getgid, USER),
    CallNr.SETUID: (getset.do_setuid, USER),
    CallNr.SETEUID: (getset.do_setuid, USER),
    CallNr.SETGID: (getset.do_setgid, USER),
    CallNr.SETEGID: (getset.do_setgid, USER),
    CallNr.SETSID: (getset.do_setsid, USER),
    CallNr.GETGROUPS: (getset.do_getgroups, USER),
    CallNr.SETGROUPS: (getset.do_setgroups, USER),
    CallNr.GETPGRP: (getset.do_getpgrp, USER),
    CallNr.SETPGID: (getset.do_setpgid, USER),
    CallNr.GETPGID: (getset.do_getpgid, USER),
    CallNr.GETEPINFO: (getset.do_getepinfo, USER),
    CallNr.BRK: (alloc.do_brk, USER),
    CallNr.TIME: (time.do_time, USER),
    CallNr.GETTIMEOFDAY: (time.do_gettimeofday, USER),
    CallNr.TIMES: (time.do_times, USER),
    CallNr.KILL: (signal.do_kill, USER),
    CallNr.ALARM: (alarm.do_alarm, USER),
    CallNr.PAUSE: (signal.do_pause, USER),
    CallNr.REBOOT: (misc.do_reboot, USER),
    CallNr.GETSYSINFO: (misc.do_getsysinfo, USER),
    CallNr.SIGACTION: (signal.do_sigaction, USER),
    CallNr.SIGPROCMASK: (signal.do_sigprocmask, USER),
    CallNr.SIGPENDING: (signal.do_sigpending, USER),
    CallNr.SIGSUSPEND: (signal.do_sigsuspend, USER),
    CallNr.SIGRETURN: (signal.do_sigreturn, USER),
    NOTIFY_MESSAGE: (signal.do_notify, KERNEL),   # SYSTEM: kernel signals; CLOCK: alarms
    PmServerRequest.PM_GETNUCRED: (getset.do_getnucred, USER | Senders.of(ep.PFS)),
    PmServerRequest.PM_JOBCTL: (jobctl.do_jobctl, Senders.of(ep.TTY)),
}
