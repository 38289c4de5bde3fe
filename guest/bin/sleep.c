/* sleep: wait for a number of seconds of the system's (virtual) time. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    char *end;
    long n;
    if (argc != 2) {
        fprintf(stderr, "usage: sleep seconds\n");
        return 1;
    }
    n = strtol(argv[1], &end, 10);
    if (*end || n < 0) {
        fprintf(stderr, "sleep: %s: invalid time interval\n", argv[1]);
        return 1;
    }
    sleep((unsigned) n);
    return 0;
}
