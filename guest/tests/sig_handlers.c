/* Handlers, masks and flags: sigaction, signal, sigprocmask, sigpending,
 * SA_RESETHAND, SA_NODEFER, sa_mask, nested handlers, raise and the old
 * action. Each line is checked by tests/integration/test_signals.py. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t count, depth, max_depth, raised, runs;
static sigset_t mask_in_handler;

static void counter(int sig)
{
    (void) sig;
    count++;
}

static void nested(int sig)
{
    depth++;
    runs++;
    if (depth > max_depth)
        max_depth = depth;
    if (raised < 2) {
        raised++;
        raise(sig);     /* delivered at once only under SA_NODEFER */
    }
    depth--;
}

static void look_at_mask(int sig)
{
    (void) sig;
    sigprocmask(SIG_BLOCK, 0, &mask_in_handler);
    count++;
}

int main(void)
{
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);

    /* A handler runs for kill() to oneself, and the call returns 0 after it. */
    sa.sa_handler = counter;
    sigaction(SIGUSR1, &sa, 0);
    int r = kill(getpid(), SIGUSR1);
    printf("kill self: r=%d count=%d\n", r, (int) count);

    /* The old action comes back; signal() returns the previous handler. */
    sigaction(SIGUSR1, 0, &old);
    printf("old action is counter: %d\n", old.sa_handler == counter);
    printf("signal returns old: %d\n", signal(SIGUSR1, SIG_IGN) == counter);
    raise(SIGUSR1);
    printf("ignored: count=%d\n", (int) count);

    /* Blocked signals wait in sigpending and arrive when unblocked. */
    signal(SIGUSR1, counter);
    sigset_t set, pending;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, 0);
    raise(SIGUSR1);
    raise(SIGUSR1);
    sigpending(&pending);
    printf("blocked: count=%d pending=%d\n", (int) count, sigismember(&pending, SIGUSR1));
    sigprocmask(SIG_UNBLOCK, &set, 0);
    sigpending(&pending);
    printf("unblocked: count=%d pending=%d\n", (int) count, sigismember(&pending, SIGUSR1));

    /* The signal is blocked in its own handler, and sa_mask is added. */
    sa.sa_handler = look_at_mask;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    sa.sa_flags = 0;
    sigaction(SIGUSR1, &sa, 0);
    raise(SIGUSR1);
    sigset_t now;
    sigprocmask(SIG_BLOCK, 0, &now);
    printf("in handler: usr1 %d usr2 %d; after: usr1 %d usr2 %d\n",
           sigismember(&mask_in_handler, SIGUSR1), sigismember(&mask_in_handler, SIGUSR2),
           sigismember(&now, SIGUSR1), sigismember(&now, SIGUSR2));

    /* SA_NODEFER lets the handler be re-entered; without it the second
     * raise waits until the handler returns. */
    sa.sa_handler = nested;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGUSR2, &sa, 0);
    max_depth = raised = runs = 0;
    raise(SIGUSR2);
    printf("nodefer: depth %d runs %d\n", (int) max_depth, (int) runs);
    sa.sa_flags = 0;
    sigaction(SIGUSR2, &sa, 0);
    max_depth = raised = runs = 0;
    raise(SIGUSR2);
    printf("deferred: depth %d runs %d\n", (int) max_depth, (int) runs);

    /* SA_RESETHAND: one handler run, then the default action again. */
    count = 0;
    sa.sa_handler = counter;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGUSR1, &sa, 0);
    raise(SIGUSR1);
    sigaction(SIGUSR1, 0, &old);
    printf("resethand: count=%d now default=%d\n", (int) count, old.sa_handler == SIG_DFL);

    /* SIGKILL and SIGSTOP cannot be caught; bad numbers are EINVAL. */
    sa.sa_handler = counter;
    sa.sa_flags = 0;
    errno = 0;
    printf("catch SIGKILL: %d %s\n", sigaction(SIGKILL, &sa, 0), strerror(errno));
    printf("signal 99: %d\n", signal(99, counter) == SIG_ERR);
    printf("kill bad signal: %d %s\n", kill(getpid(), 99), strerror(errno));
    printf("names: %s / %s\n", strsignal(SIGSEGV), strsignal(SIGCHLD));

    /* The default action ends it: SIGUSR1 terminates. */
    fflush(stdout);
    raise(SIGUSR1);
    printf("not reached\n");
    return 0;
}
