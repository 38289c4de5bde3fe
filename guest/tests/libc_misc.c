/* Guest test of issue 7's C library pieces: time conversions and strftime,
 * getopt, system(), clocks, sleep on virtual time, ttyname. Prints "ok ..."
 * lines or "FAIL ..." and exits 1 on the first failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CHECK(cond, what) do { if (!(cond)) { printf("FAIL %s (line %d)\n", what, __LINE__); \
                                              return 1; } printf("ok %s\n", what); } while (0)

int main(void)
{
    time_t t = 1700000000;          /* 2023-11-14 22:13:20 UTC, a Tuesday */
    struct tm *tm = gmtime(&t), copy;
    char buf[128];
    char *args[] = {"prog", "-a", "-bvalue", "-c", "x", "--", "-d", "rest", NULL};
    int c, seen_a = 0;
    char *b = NULL, *cval = NULL;
    struct timespec m1, m2, rt;
    time_t before;

    CHECK(tm->tm_year == 123 && tm->tm_mon == 10 && tm->tm_mday == 14 && tm->tm_hour == 22 &&
          tm->tm_min == 13 && tm->tm_sec == 20 && tm->tm_wday == 2 && tm->tm_yday == 317, "gmtime");
    copy = *tm;
    CHECK(mktime(&copy) == t, "mktime inverts gmtime");
    copy.tm_mday += 20;             /* 2023-12-04 */
    CHECK(mktime(&copy) == t + 20 * 86400 && copy.tm_mon == 11 && copy.tm_mday == 4,
          "mktime normalises");
    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %b %j %Z", tm);
    CHECK(strcmp(buf, "2023-11-14 22:13:20 Tue Nov 318 UTC") == 0, "strftime");
    CHECK(strcmp(ctime(&t), "Tue Nov 14 22:13:20 2023\n") == 0, "ctime");
    t = -86400;
    tm = gmtime(&t);
    CHECK(tm->tm_year == 69 && tm->tm_mon == 11 && tm->tm_mday == 31, "gmtime before 1970");

    while ((c = getopt(8, args, "ab:c:d")) != -1) {
        if (c == 'a') seen_a = 1;
        else if (c == 'b') b = optarg;
        else if (c == 'c') cval = optarg;
        else break;
    }
    CHECK(seen_a && b && !strcmp(b, "value") && cval && !strcmp(cval, "x") && optind == 6 &&
          !strcmp(args[optind], "-d"), "getopt");

    CHECK(WIFEXITED(system("exit 3")) && WEXITSTATUS(system("exit 3")) == 3, "system status");
    CHECK(system(NULL) == 1, "system(NULL) finds the shell");

    CHECK(clock_gettime(CLOCK_MONOTONIC, &m1) == 0 && clock_gettime(CLOCK_REALTIME, &rt) == 0 &&
          rt.tv_sec > 1000000000, "clock_gettime");
    before = time(NULL);
    CHECK(sleep(2) == 0, "sleep returns 0");
    clock_gettime(CLOCK_MONOTONIC, &m2);
    CHECK(time(NULL) - before >= 2 && m2.tv_sec - m1.tv_sec >= 2, "sleep took 2 s of virtual time");
    CHECK(times(NULL) > 0, "times reports uptime");
    /* the console is a terminal only when the host's stdin is one (else isatty is false) */
    CHECK(isatty(0) ? ttyname(0) && !strcmp(ttyname(0), "/dev/console") : ttyname(0) == NULL,
          "ttyname");
    return 0;
}
