/* <time.h>: calendar time. */
#ifndef _TIME_H
#define _TIME_H

#include <sys/types.h>

#ifndef NULL
#define NULL ((void *) 0)
#endif

#define CLOCKS_PER_SEC 60

struct tm {
    int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday, tm_isdst;
};

struct timespec {
    time_t tv_sec;
    long tv_nsec;
};

typedef int clockid_t;
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1

time_t time(time_t *tp);
struct tm *gmtime(const time_t *tp);
struct tm *gmtime_r(const time_t *tp, struct tm *tm);
struct tm *localtime(const time_t *tp);
struct tm *localtime_r(const time_t *tp, struct tm *tm);
time_t mktime(struct tm *tm);
time_t timegm(struct tm *tm);
char *asctime(const struct tm *tm);
char *asctime_r(const struct tm *tm, char *buf);
char *ctime(const time_t *tp);
double difftime(time_t a, time_t b);
size_t strftime(char *s, size_t max, const char *fmt, const struct tm *tm);
clock_t clock(void);
int clock_gettime(clockid_t id, struct timespec *ts);
int clock_getres(clockid_t id, struct timespec *ts);
int nanosleep(const struct timespec *req, struct timespec *rem);

#endif
