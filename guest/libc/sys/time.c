/* Time calls to PM: time and gettimeofday, from the system's virtual clock. */
#include <time.h>
#include <sys/time.h>
#include <minix/callnr.h>
#include <minix/com.h>
#include <minix/ipc.h>

time_t time(time_t *tp)
{
    message m;
    if (_syscall(PM_PROC_NR, TIME, &m) < 0)
        return (time_t) -1;
    if (tp)
        *tp = m.m2_l1;
    return m.m2_l1;
}

int gettimeofday(struct timeval *tv, void *tz)
{
    (void) tz;
    message m;
    if (_syscall(PM_PROC_NR, GETTIMEOFDAY, &m) < 0)
        return -1;
    tv->tv_sec = m.m2_l1;
    tv->tv_usec = m.m2_l2;
    return 0;
}
