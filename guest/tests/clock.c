/* The time of day as a guest sees it.
 *   clock now       print time(0)
 *   clock poll N    spin on time(0) until N seconds pass; print the time
 *                   before and after (syscalls alone must move the clock) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "now")) {
        printf("%ld\n", (long) time(0));
        return 0;
    }
    if (argc > 2 && !strcmp(argv[1], "poll")) {
        time_t t0 = time(0), end = t0 + atoi(argv[2]);
        long calls = 0;
        while (time(0) < end)
            calls++;
        printf("from %ld to %ld\n", (long) t0, (long) time(0));
        return calls > 0 ? 0 : 1;
    }
    fprintf(stderr, "usage: clock now | clock poll SECONDS\n");
    return 2;
}
