/* alarm and pause with the default action: SIGALRM ends the process, in
 * virtual time, so a long alarm costs no wall time.
 *   alarm N      alarm(N), then pause()
 *   alarm left   alarm(100), alarm(5) returns 100, alarm(0) cancels, exit 0 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "left")) {
        alarm(100);
        unsigned a = alarm(5);
        unsigned b = alarm(0);
        printf("left %u then %u\n", a, b);
        return a == 100 && b == 5 ? 0 : 1;
    }
    unsigned seconds = argc > 1 ? (unsigned) atoi(argv[1]) : 2;
    time_t start = time(0);
    printf("start %ld\n", (long) start);
    alarm(seconds);
    pause();
    printf("pause returned\n");
    return 1;
}
