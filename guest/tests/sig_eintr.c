/* A caught signal interrupts a blocking call:  sig_eintr MODE
 *   pause            alarm + handler: pause() is -1 EINTR after the handler
 *   sigsuspend       a blocked SIGUSR1 from a child arrives in sigsuspend; the mask comes back
 *   waitpid          SIGALRM interrupts waitpid: -1 EINTR
 *   waitpid-restart  the same under SA_RESTART: waitpid runs again and reaps the child
 *   read             SIGALRM interrupts a console read that waits: -1 EINTR
 *   read-restart     under SA_RESTART the read is restarted, handler after handler
 *   sigchld          SIGCHLD on a child's exit ends pause(); waitpid still has the status
 *   pause-usr1       a SIGUSR1 handler, then pause() (a server's sys.kill ends it) */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int handled;
static pid_t child;

static void on_signal(int sig)
{
    handled++;
    if (sig == SIGALRM && child > 0 && handled == 2)
        kill(child, SIGTERM);   /* the restarted waitpid will see this */
    if (sig == SIGALRM && child > 0)
        alarm(1);
}

static void on_alarm_read(int sig)
{
    (void) sig;
    handled++;
    if (handled == 3) {
        printf("read restarted after %d handlers\n", handled);
        fflush(stdout);
        _exit(0);
    }
    alarm(1);
}

static void install(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigaction(sig, &sa, 0);
}

static pid_t pausing_child(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        for (;;)
            pause();
    }
    return pid;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "pause";
    int r, status;
    if (!strcmp(mode, "pause")) {
        install(SIGALRM, on_signal, SA_RESTART);   /* pause is never restarted */
        alarm(1);
        r = pause();
        printf("pause: %d %s, handled %d\n", r, strerror(errno), handled);
        return 0;
    }
    if (!strcmp(mode, "pause-usr1")) {
        install(SIGUSR1, on_signal, 0);
        r = pause();
        printf("pause: %d %s, handled %d\n", r, strerror(errno), handled);
        return 0;
    }
    if (!strcmp(mode, "sigsuspend")) {
        install(SIGUSR1, on_signal, 0);
        sigset_t block, empty, now;
        sigemptyset(&block);
        sigaddset(&block, SIGUSR1);
        sigemptyset(&empty);
        sigprocmask(SIG_BLOCK, &block, 0);
        pid_t pid = fork();
        if (pid == 0) {
            kill(getppid(), SIGUSR1);
            _exit(0);
        }
        waitpid(pid, &status, 0);
        printf("before sigsuspend: handled %d\n", handled);
        r = sigsuspend(&empty);
        sigprocmask(SIG_BLOCK, 0, &now);
        printf("sigsuspend: %d %s, handled %d, usr1 blocked again %d\n", r, strerror(errno),
               handled, sigismember(&now, SIGUSR1));
        return 0;
    }
    if (!strcmp(mode, "waitpid") || !strcmp(mode, "waitpid-restart")) {
        int restart = !strcmp(mode, "waitpid-restart");
        child = pausing_child();
        install(SIGALRM, on_signal, restart ? SA_RESTART : 0);
        alarm(1);
        r = waitpid(child, &status, 0);
        if (r < 0) {
            printf("waitpid: %d %s, handled %d\n", r, strerror(errno), handled);
            kill(child, SIGKILL);
            r = waitpid(child, &status, 0);
        }
        printf("reaped %s: signal %d, handled %d\n", r == child ? "child" : "?",
               WTERMSIG(status), handled);
        return 0;
    }
    if (!strcmp(mode, "read") || !strcmp(mode, "read-restart")) {
        int restart = !strcmp(mode, "read-restart");
        install(SIGALRM, restart ? on_alarm_read : on_signal, restart ? SA_RESTART : 0);
        alarm(1);
        char buf[16];
        r = (int) read(0, buf, sizeof buf);
        printf("read: %d %s, handled %d\n", r, r < 0 ? strerror(errno) : "", handled);
        return restart;
    }
    if (!strcmp(mode, "sigchld")) {
        install(SIGCHLD, on_signal, 0);
        pid_t pid = fork();
        if (pid == 0)
            _exit(3);
        r = pause();
        printf("pause: %d %s, handled %d\n", r, strerror(errno), handled);
        r = waitpid(pid, &status, 0);
        printf("waitpid: child %d, exit %d\n", r == pid, WEXITSTATUS(status));
        return 0;
    }
    return 2;
}
