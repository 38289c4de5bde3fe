/* Two CPU-bound processes that never block: only preemption lets both run.
 * Each prints a line every STEP iterations; the output shows the interleaving. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile unsigned sink;

static void spin(char who, int lines, unsigned step)
{
    for (int line = 0; line < lines; line++) {
        for (unsigned i = 0; i < step; i++)
            sink += i ^ (sink >> 3);
        printf("%c%d\n", who, line);
    }
}

int main(int argc, char **argv)
{
    int lines = argc > 1 ? atoi(argv[1]) : 6;
    unsigned step = argc > 2 ? (unsigned) atoi(argv[2]) : 2000000;
    setvbuf(stdout, NULL, _IONBF, 0);
    pid_t pid = fork();
    if (pid == 0) {
        spin('B', lines, step);
        _exit(0);
    }
    spin('A', lines, step);
    int status;
    waitpid(pid, &status, 0);
    return 0;
}
