/* Broken-down time: gmtime, localtime (UTC: there is no time zone database),
 * mktime (its inverse, normalising out-of-range fields), asctime and ctime. */
#include <stdio.h>
#include <time.h>

static int leap(long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
static const int mdays[2][12] = {
    {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
    {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
};

struct tm *gmtime_r(const time_t *tp, struct tm *tm)
{
    long long t = *tp, days = t / 86400, rem = t % 86400;
    long y = 1970;
    int m = 0;
    if (rem < 0) {
        rem += 86400;
        days--;
    }
    tm->tm_hour = (int) (rem / 3600);
    tm->tm_min = (int) (rem % 3600 / 60);
    tm->tm_sec = (int) (rem % 60);
    tm->tm_wday = (int) ((4 + days % 7 + 7) % 7);     /* 1970-01-01 was a Thursday */
    while (days < 0) {
        y--;
        days += 365 + leap(y);
    }
    while (days >= 365 + leap(y)) {
        days -= 365 + leap(y);
        y++;
    }
    tm->tm_year = (int) (y - 1900);
    tm->tm_yday = (int) days;
    while (days >= mdays[leap(y)][m])
        days -= mdays[leap(y)][m++];
    tm->tm_mon = m;
    tm->tm_mday = (int) days + 1;
    tm->tm_isdst = 0;
    return tm;
}

struct tm *gmtime(const time_t *tp)
{
    static struct tm tm;
    return gmtime_r(tp, &tm);
}

struct tm *localtime_r(const time_t *tp, struct tm *tm) { return gmtime_r(tp, tm); }

struct tm *localtime(const time_t *tp) { return gmtime(tp); }

time_t mktime(struct tm *tm)
{
    long long y, days, t;
    int m;
    /* normalise months into years first, then count days */
    y = tm->tm_year + 1900LL + tm->tm_mon / 12;
    m = tm->tm_mon % 12;
    if (m < 0) {
        m += 12;
        y--;
    }
    days = 0;
    if (y >= 1970) {
        long long k;
        for (k = 1970; k < y; k++) days += 365 + leap(k);
    } else {
        long long k;
        for (k = y; k < 1970; k++) days -= 365 + leap(k);
    }
    {
        int i;
        for (i = 0; i < m; i++) days += mdays[leap(y)][i];
    }
    days += tm->tm_mday - 1;
    t = days * 86400 + tm->tm_hour * 3600LL + tm->tm_min * 60LL + tm->tm_sec;
    {
        time_t r = (time_t) t;
        gmtime_r(&r, tm);
        return r;
    }
}

time_t timegm(struct tm *tm) { return mktime(tm); }

static const char *const wday_names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const mon_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
                                        "Sep", "Oct", "Nov", "Dec"};

char *asctime_r(const struct tm *tm, char *buf)
{
    snprintf(buf, 26, "%.3s %.3s%3d %.2d:%.2d:%.2d %d\n",
             wday_names[(unsigned) tm->tm_wday % 7], mon_names[(unsigned) tm->tm_mon % 12],
             tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec, 1900 + tm->tm_year);
    return buf;
}

char *asctime(const struct tm *tm)
{
    static char buf[32];
    return asctime_r(tm, buf);
}

char *ctime(const time_t *tp) { return asctime(localtime(tp)); }

double difftime(time_t a, time_t b) { return (double) a - (double) b; }
