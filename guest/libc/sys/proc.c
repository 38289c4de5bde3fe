/* Process calls to PM: fork, exit, wait, pids, ids, endpoints, kill. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <minix/callnr.h>
#include <minix/com.h>
#include <minix/ipc.h>

void _exit(int status)
{
    message m;
    m.m1_i1 = status;
    _syscall(PM_PROC_NR, EXIT, &m);
    for (;;)
        ;   /* PM never replies to an exit */
}

pid_t fork(void)
{
    message m;
    return _syscall(PM_PROC_NR, FORK, &m);
}

pid_t getpid(void)
{
    message m;
    return _syscall(PM_PROC_NR, GETPID, &m);
}

pid_t getppid(void)
{
    message m;
    if (_syscall(PM_PROC_NR, GETPID, &m) < 0)
        return -1;
    return m.m2_i1;
}

uid_t getuid(void)
{
    message m;
    return (uid_t) _syscall(PM_PROC_NR, GETUID, &m);
}

uid_t geteuid(void)
{
    message m;
    if (_syscall(PM_PROC_NR, GETUID, &m) < 0)
        return (uid_t) -1;
    return (uid_t) m.m2_i1;
}

gid_t getgid(void)
{
    message m;
    return (gid_t) _syscall(PM_PROC_NR, GETGID, &m);
}

gid_t getegid(void)
{
    message m;
    if (_syscall(PM_PROC_NR, GETGID, &m) < 0)
        return (gid_t) -1;
    return (gid_t) m.m2_i1;
}

pid_t setsid(void)
{
    message m;
    return _syscall(PM_PROC_NR, SETSID, &m);
}

pid_t getpgrp(void)
{
    message m;
    return _syscall(PM_PROC_NR, GETPGRP, &m);
}

int setpgid(pid_t pid, pid_t pgid)
{
    message m;
    m.m1_i1 = pid;
    m.m1_i2 = pgid;
    return _syscall(PM_PROC_NR, SETPGID, &m) < 0 ? -1 : 0;
}

pid_t getpgid(pid_t pid)
{
    message m;
    m.m1_i1 = pid;
    return _syscall(PM_PROC_NR, GETPGID, &m);
}

pid_t waitpid(pid_t pid, int *stat_loc, int options)
{
    message m;
    m.m1_i1 = pid;
    m.m1_i2 = options;
    int r = _syscall(PM_PROC_NR, WAITPID, &m);
    if (r > 0 && stat_loc)
        *stat_loc = m.m2_i1;
    return r;
}

pid_t wait(int *stat_loc)
{
    message m;
    int r = _syscall(PM_PROC_NR, WAIT, &m);
    if (r > 0 && stat_loc)
        *stat_loc = m.m2_i1;
    return r;
}

/* wait3 is waitpid(-1, ...); there is no resource accounting, so a
 * struct rusage is left alone. */
pid_t wait3(int *stat_loc, int options, struct rusage *rusage)
{
    (void) rusage;
    return waitpid(-1, stat_loc, options);
}

int kill(pid_t pid, int sig)
{
    message m;
    m.m1_i1 = pid;
    m.m1_i2 = sig;
    return _syscall(PM_PROC_NR, KILL, &m);
}

int raise(int sig)
{
    return kill(getpid(), sig);
}

unsigned int alarm(unsigned int seconds)
{
    message m;
    m.m1_i1 = (int) seconds;
    return (unsigned int) _syscall(PM_PROC_NR, ALARM, &m);
}

int pause(void)
{
    message m;
    return _syscall(PM_PROC_NR, PAUSE, &m);
}

endpoint_t getepinfo(pid_t pid, uid_t *uid, gid_t *gid)
{
    message m;
    m.m1_i1 = pid;
    int r = _syscall(PM_PROC_NR, GETEPINFO, &m);
    if (r < 0)
        return -1;
    if (uid)
        *uid = (uid_t) m.m1_i1;
    if (gid)
        *gid = (gid_t) m.m1_i2;
    return r;
}

endpoint_t getnendpoint(pid_t pid)
{
    return getepinfo(pid, 0, 0);
}
