/* kill: send a signal (-SIG, -s SIG or -N; TERM by default) to processes;
 * -l lists the signal names (or names the signal of an exit status). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct { const char *name; int num; } sigs[] = {
    {"HUP", SIGHUP}, {"INT", SIGINT}, {"QUIT", SIGQUIT}, {"ILL", SIGILL}, {"TRAP", SIGTRAP},
    {"ABRT", SIGABRT}, {"FPE", SIGFPE}, {"KILL", SIGKILL}, {"USR1", SIGUSR1},
    {"SEGV", SIGSEGV}, {"USR2", SIGUSR2}, {"PIPE", SIGPIPE}, {"ALRM", SIGALRM},
    {"TERM", SIGTERM}, {"CHLD", SIGCHLD}, {"CONT", SIGCONT}, {"STOP", SIGSTOP},
    {"TSTP", SIGTSTP}, {"TTIN", SIGTTIN}, {"TTOU", SIGTTOU},
};
#define NSIGS ((int) (sizeof sigs / sizeof sigs[0]))

static int number(const char *s)
{
    int i;
    char *end;
    long v;
    if (!strncmp(s, "SIG", 3)) s += 3;
    for (i = 0; i < NSIGS; i++)
        if (!strcmp(s, sigs[i].name)) return sigs[i].num;
    v = strtol(s, &end, 10);
    return *s && !*end && v >= 0 && v < 65 ? (int) v : -1;
}

int main(int argc, char **argv)
{
    int sig = SIGTERM, i = 1, st = 0;
    if (argc < 2) goto usage;
    if (!strcmp(argv[1], "-l")) {
        if (argc > 2) {
            int n = atoi(argv[2]);
            if (n > 128) n -= 128;
            for (i = 0; i < NSIGS; i++)
                if (sigs[i].num == n) { puts(sigs[i].name); return 0; }
            fprintf(stderr, "kill: %s: unknown signal\n", argv[2]);
            return 1;
        }
        for (i = 0; i < NSIGS; i++)
            printf("%s%c", sigs[i].name, i + 1 < NSIGS ? ' ' : '\n');
        return 0;
    }
    if (!strcmp(argv[1], "-s") && argc > 2) {
        sig = number(argv[2]);
        i = 3;
    } else if (argv[1][0] == '-' && argv[1][1] && strcmp(argv[1], "--")) {
        sig = number(argv[1] + 1);
        i = 2;
    } else if (!strcmp(argv[1], "--")) {
        i = 2;
    }
    if (sig < 0) {
        fprintf(stderr, "kill: %s: unknown signal\n", argv[i - 1]);
        return 1;
    }
    if (i >= argc) goto usage;
    for (; i < argc; i++) {
        char *end;
        long pid = strtol(argv[i], &end, 10);
        if (!*argv[i] || *end) {
            fprintf(stderr, "kill: %s: arguments must be process ids\n", argv[i]);
            st = 1;
            continue;
        }
        if (kill((pid_t) pid, sig) < 0) {
            fprintf(stderr, "kill: %ld: %s\n", pid, strerror(errno));
            st = 1;
        }
    }
    return st;
usage:
    fprintf(stderr, "usage: kill [-s sig | -sig] pid ... | kill -l [status]\n");
    return 1;
}
