/* Makes the CPU fault in a chosen way, directly or in a child whose death
 * the parent reports through waitpid:  faults [fork] KIND
 * KIND: null, write-null, div, hlt, cli, ud2, garbage, jump-data, in, int80, stack */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int zero = 0;
static unsigned char data_bytes[16] = { 0xFF, 0xFF, 0xFF, 0xFF };

#pragma clang diagnostic ignored "-Winfinite-recursion"
static int recurse(int n)
{
    volatile char pad[4096];
    pad[0] = (char) n;
    return recurse(n + 1) + pad[0];
}

static void fault(const char *kind)
{
    if (!strcmp(kind, "null"))
        printf("%d\n", *(volatile int *) 0);
    else if (!strcmp(kind, "write-null"))
        *(volatile int *) 0 = 1;
    else if (!strcmp(kind, "div")) {
        int q;
        __asm__ volatile("cltd; idivl %2" : "=a"(q) : "a"(1), "r"(zero) : "edx");
        printf("%d\n", q);
    }
    else if (!strcmp(kind, "hlt"))
        __asm__ volatile("hlt");
    else if (!strcmp(kind, "cli"))
        __asm__ volatile("cli");
    else if (!strcmp(kind, "ud2"))
        __asm__ volatile("ud2");
    else if (!strcmp(kind, "garbage"))
        ((void (*)(void)) 0x12345678)();
    else if (!strcmp(kind, "jump-data"))
        ((void (*)(void)) data_bytes)();
    else if (!strcmp(kind, "in"))
        __asm__ volatile("inb $0x60, %%al" ::: "eax");
    else if (!strcmp(kind, "int80"))
        __asm__ volatile("int $0x80");
    else if (!strcmp(kind, "stack"))
        recurse(0);
    else {
        printf("unknown fault %s\n", kind);
        _exit(2);
    }
    printf("survived %s\n", kind);
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "fork")) {
        pid_t pid = fork();
        if (pid == 0) {
            fault(argv[2]);
            _exit(0);
        }
        int status;
        pid_t got = waitpid(pid, &status, 0);
        if (got != pid) {
            printf("waitpid returned %d\n", got);
            return 1;
        }
        if (WIFSIGNALED(status))
            printf("child %s: killed by signal %d\n", argv[2], WTERMSIG(status));
        else
            printf("child %s: exited %d\n", argv[2], WEXITSTATUS(status));
        return 0;
    }
    if (argc != 2) {
        printf("usage: faults [fork] KIND\n");
        return 2;
    }
    fault(argv[1]);
    return 0;
}
