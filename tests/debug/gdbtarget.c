/* A program for the gdb tests (test_gdb.py, which builds it with `minixemu cc -g`): a function to
 * break in, a global to watch, a fork, and with an argument a loop to
 * interrupt ("spin"), a store to an unmapped address ("crash") or the
 * flags and a system call to single-step through ("flags"). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <minix/callnr.h>
#include <minix/com.h>
#include <minix/ipc.h>

int counter;
volatile int stop_flag;
char greeting[] = "hello gdb";

int square(int n)
{
    int r = n * n;
    counter += r;
    return r;
}

/* EFLAGS.TF as the program sees it: a debugger's single step must not show. */
static int trap_flag_seen(void)
{
    unsigned flags;
    __asm__ volatile("pushfl\n\tpopl %0" : "=r"(flags));
    return (flags >> 8) & 1;
}

/* getpid through the IPC primitive itself (libc's wrappers trap in place):
 * the `int $0x21` in _sendrec is the instruction the test steps over. */
static int sendrec_getpid(void)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_type = GETPID;
    return _sendrec(PM_PROC_NR, &m) == 0 ? m.m_type : -1;
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
    if (argc > 1 && strcmp(argv[1], "flags") == 0) {
        int tf = trap_flag_seen();
        printf("TF=%d pid=%d\n", tf, sendrec_getpid());
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
