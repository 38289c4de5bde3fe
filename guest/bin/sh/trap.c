/* sh: traps and signal names. `trap ACTION COND...` sets what runs on EXIT
 * or a signal (caught signals only mark the trap pending; it runs between
 * commands), '' ignores, - resets; signals by name or number. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

/* Signal numbers of this system, by name (SIGHUP.. from <signal.h>). */
int sig_number(const char *name)
{
    static const struct { const char *n; int v; } t[] = {
        {"HUP", SIGHUP}, {"INT", SIGINT}, {"QUIT", SIGQUIT}, {"ILL", SIGILL},
        {"TRAP", SIGTRAP}, {"ABRT", SIGABRT}, {"FPE", SIGFPE}, {"KILL", SIGKILL},
        {"USR1", SIGUSR1}, {"SEGV", SIGSEGV}, {"USR2", SIGUSR2}, {"PIPE", SIGPIPE},
        {"ALRM", SIGALRM}, {"TERM", SIGTERM}, {"CHLD", SIGCHLD}, {"CONT", SIGCONT},
        {"STOP", SIGSTOP}, {"TSTP", SIGTSTP}, {"TTIN", SIGTTIN}, {"TTOU", SIGTTOU},
    };
    unsigned i;
    if (strncmp(name, "SIG", 3) == 0)
        name += 3;
    if (strcmp(name, "EXIT") == 0)
        return 0;
    if (*name >= '0' && *name <= '9') {
        int v = atoi(name);
        return v >= 0 && v < 65 ? v : -1;
    }
    for (i = 0; i < sizeof t / sizeof t[0]; i++)
        if (strcmp(name, t[i].n) == 0)
            return t[i].v;
    return -1;
}

const char *sig_name(int sig)
{
    static char buf[16];
    int i;
    static const char *const names[] = {"HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "FPE",
                                        "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM",
                                        "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", NULL};
    for (i = 0; names[i]; i++) {
        if (sig_number(names[i]) == sig) {
            snprintf(buf, sizeof buf, "%s", names[i]);
            return buf;
        }
    }
    snprintf(buf, sizeof buf, "%d", sig);
    return buf;
}

/* -- traps -- */
#if defined(SH_SIGNALS)
static void on_signal(int sig)
{
    if (sig > 0 && sig < 65)
        sh.trap_pending[sig] = 1;
}
#endif

void trap_check(void)
{
    int i;
    if (sh.in_trap)
        return;
    for (i = 1; i < 65; i++) {
        if (sh.trap_pending[i]) {
            int saved = sh.status;
            sh.trap_pending[i] = 0;
            if (sh.traps[i] && *sh.traps[i]) {
                sh.in_trap = 1;
                run_string(sh.traps[i], "trap");
                sh.in_trap = 0;
            }
            sh.status = saved;
        }
    }
}

void trap_exit(void)
{
    char *t = sh.traps[0];
    if (t) {
        sh.traps[0] = NULL;
        sh.exiting = 0;
        run_string(t, "trap");
        free(t);
    }
}

int trap_builtin(int argc, char **argv)
{
    int i, start = 1;
    const char *action;
    if (argc == 1) {
        for (i = 0; i < 65; i++)
            if (sh.traps[i])
                printf("trap -- '%s' %s\n", sh.traps[i], i ? sig_name(i) : "EXIT");
        return 0;
    }
    if (strcmp(argv[1], "--") == 0)
        start = 2;
    if (start >= argc)
        return 0;
    if (argv[start][0] >= '0' && argv[start][0] <= '9')
        action = "-";       /* only conditions: reset them */
    else
        action = argv[start++];
    for (i = start; i < argc; i++) {
        int sig = sig_number(argv[i]);
        if (sig < 0) {
            sh_error("trap: %s: bad trap", argv[i]);
            return 1;
        }
        free(sh.traps[sig]);
        sh.traps[sig] = strcmp(action, "-") == 0 ? NULL : xstrdup(action);
#if defined(SH_SIGNALS)
        if (sig > 0) {
            if (!sh.traps[sig]) signal(sig, SIG_DFL);
            else if (!*sh.traps[sig]) signal(sig, SIG_IGN);
            else signal(sig, on_signal);
        }
#endif
    }
    return 0;
}
