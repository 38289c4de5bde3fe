/* A program for the gdb tests (test_gdb.py, which builds it with `minixemu cc -g`): a function to
 * break in, a global to watch, a fork, and with an argument a loop to
 * interrupt ("spin") or a store to an unmapped address ("crash"). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

int counter;
volatile int stop_flag;
char greeting[] = "hello gdb";

int square(int n)
{
    int r = n * n;
    counter += r;
    return r;
}

static void crash(void)
{
    volatile int *bad = (int *) 0x10;
    *bad = 42;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "spin") == 0) {
        while (!stop_flag)
            counter++;
        printf("stopped spinning\n");
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "crash") == 0) {
        crash();
        return 0;
    }
    int total = 0;
    for (int i = 1; i <= 3; i++)
        total += square(i);
    pid_t child = fork();
    if (child == 0) {
        counter = 100;
        _exit(square(2));
    }
    int status;
    waitpid(child, &status, 0);
    printf("%s total=%d counter=%d child=%d\n", greeting, total, counter, WEXITSTATUS(status));
    return 0;
}
