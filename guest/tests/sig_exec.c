/* What exec keeps of signals: sig_exec (on the image, /usr/tests/sig_exec)
 * catches SIGUSR1, ignores SIGUSR2, blocks SIGTERM, leaves a SIGTERM pending,
 * then execs itself; the new image finds SIGUSR1 back at SIG_DFL (its
 * handler is gone with the old image), SIGUSR2 still ignored, SIGTERM still
 * blocked and pending; setpgid on the exec'd child is EACCES. The child
 * tells the parent it has exec'd with SIGUSR1. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void handler(int sig)
{
    (void) sig;
}

int main(int argc, char **argv)
{
    sigset_t set;
    struct sigaction sa;
    if (argc > 1 && !strcmp(argv[1], "after")) {
        sigaction(SIGUSR1, 0, &sa);
        printf("after exec: usr1 default %d", sa.sa_handler == SIG_DFL);
        sigaction(SIGUSR2, 0, &sa);
        printf(", usr2 ignored %d", sa.sa_handler == SIG_IGN);
        sigprocmask(SIG_BLOCK, 0, &set);
        printf(", term blocked %d", sigismember(&set, SIGTERM));
        sigpending(&set);
        printf(", term pending %d\n", sigismember(&set, SIGTERM));
        fflush(stdout);
        if (argc > 2) {
            kill(getppid(), SIGUSR1);   /* exec'd: the parent may try setpgid */
            for (;;)
                pause();
        }
        return 0;
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigaction(SIGUSR1, &sa, 0);
    signal(SIGUSR2, SIG_IGN);
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, 0);
    pid_t child = fork();
    if (child == 0) {
        raise(SIGTERM);           /* pending across the exec */
        execl(argv[0], argv[0], "after", "pause", (char *) 0);
        printf("exec failed: %s\n", strerror(errno));
        return 1;
    }
    sigset_t wait_for_usr1;
    sigfillset(&wait_for_usr1);
    sigdelset(&wait_for_usr1, SIGUSR1);
    sigsuspend(&wait_for_usr1);       /* until the child has exec'd */
    errno = 0;
    setpgid(child, child);
    printf("setpgid on the exec'd child: %s\n", strerror(errno));
    kill(child, SIGKILL);
    int status;
    waitpid(child, &status, 0);
    printf("ok\n");
    return 0;
}
