/* bench: N getpid() calls, each a SENDREC to PM and back. No other calls,
 * so the raw-trap floor can run the same binary and count its traps. */
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 0;
    volatile int sink = 0;
    for (int i = 0; i < n; i++)
        sink += getpid();
    _exit(0);
}
