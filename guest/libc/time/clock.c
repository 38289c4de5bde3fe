/* Clocks and sleeping on the system's virtual time: clock_gettime
 * (CLOCK_REALTIME from gettimeofday, CLOCK_MONOTONIC from the uptime ticks
 * times() reports), times, clock, and sleep/nanosleep/usleep.
 *
 * Sleeping: until signal handlers exist, a sleeping process forks a child
 * that sets an alarm and pauses; the alarm's SIGALRM ends the child (its
 * default action) and the parent's wait for it is the sleep. PM alarms count
 * whole seconds, so nanosleep and usleep round up to the next second. */
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <minix/callnr.h>
#include <minix/com.h>
#include <minix/ipc.h>

#define HZ_TICKS 60     /* the clock's tick rate (emu/abi/fcntl.py HZ) */

clock_t times(struct tms *buf)
{
    message m;
    if (_syscall(PM_PROC_NR, TIMES, &m) < 0)
        return (clock_t) -1;
    if (buf) {
        buf->tms_utime = m.m4_l1;
        buf->tms_stime = m.m4_l2;
        buf->tms_cutime = m.m4_l3;
        buf->tms_cstime = m.m4_l4;
    }
    return m.m4_l5;
}

clock_t clock(void)
{
    struct tms t;
    if (times(&t) == (clock_t) -1)
        return (clock_t) -1;
    return t.tms_utime + t.tms_stime;
}

int clock_gettime(clockid_t id, struct timespec *ts)
{
    if (id == CLOCK_REALTIME) {
        struct timeval tv;
        if (gettimeofday(&tv, NULL) < 0)
            return -1;
        ts->tv_sec = tv.tv_sec;
        ts->tv_nsec = tv.tv_usec * 1000;
        return 0;
    }
    if (id == CLOCK_MONOTONIC) {
        clock_t ticks = times(NULL);
        if (ticks == (clock_t) -1)
            return -1;
        ts->tv_sec = ticks / HZ_TICKS;
        ts->tv_nsec = (long) (ticks % HZ_TICKS) * (1000000000L / HZ_TICKS);
        return 0;
    }
    errno = EINVAL;
    return -1;
}

int clock_getres(clockid_t id, struct timespec *ts)
{
    if (id != CLOCK_REALTIME && id != CLOCK_MONOTONIC) {
        errno = EINVAL;
        return -1;
    }
    if (ts) {
        ts->tv_sec = 0;
        ts->tv_nsec = id == CLOCK_REALTIME ? 1000 : 1000000000L / HZ_TICKS;
    }
    return 0;
}

unsigned int sleep(unsigned int seconds)
{
    pid_t child;
    int status;
    time_t start = time(NULL);
    if (seconds == 0)
        return 0;
    child = fork();
    if (child < 0)
        return seconds;
    if (child == 0) {
        alarm(seconds);
        for (;;)
            pause();
    }
    while (waitpid(child, &status, 0) < 0) {
        if (errno != EINTR)
            return seconds;
    }
    {
        time_t slept = time(NULL) - start;
        return slept >= (time_t) seconds ? 0 : seconds - (unsigned) slept;
    }
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
    unsigned secs;
    if (req->tv_nsec < 0 || req->tv_nsec >= 1000000000L || req->tv_sec < 0) {
        errno = EINVAL;
        return -1;
    }
    secs = (unsigned) req->tv_sec + (req->tv_nsec > 0);
    if (rem) {
        rem->tv_sec = 0;
        rem->tv_nsec = 0;
    }
    sleep(secs);
    return 0;
}

int usleep(unsigned long usec)
{
    struct timespec ts;
    ts.tv_sec = usec / 1000000;
    ts.tv_nsec = (long) (usec % 1000000) * 1000;
    return nanosleep(&ts, NULL);
}
