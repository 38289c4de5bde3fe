/* Stop and continue, SIGCHLD, process groups and sessions, kill's reach:
 *   sig_jobs stop      SIGSTOP/SIGCONT seen by waitpid with WUNTRACED/WCONTINUED,
 *                      SIGCHLD on stop and continue (none under SA_NOCLDSTOP), a
 *                      signal held while stopped, SIGTSTP stopping oneself, SIGKILL
 *   sig_jobs groups    setpgid/getpgid/getpgrp/setsid and their errors, killpg
 *   sig_jobs killall   kill(-1) reaches every process it may, except init (pid 1);
 *                      EPERM for another user's process; the core flag in a status
 *   sig_jobs nozombies SIGCHLD ignored: children leave no zombies, and wait
 *                      waits for them all, then fails with ECHILD */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int chld;

static void on_chld(int sig)
{
    (void) sig;
    chld++;
}

static pid_t spawn_pauser(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        for (;;)
            pause();
    }
    return pid;
}

static void install_chld(int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_chld;
    sa.sa_flags = flags | SA_RESTART;
    sigaction(SIGCHLD, &sa, 0);
}

static int stop_and_continue(void)
{
    int status;
    install_chld(0);
    pid_t pid = spawn_pauser();
    kill(pid, SIGSTOP);
    pid_t r = waitpid(pid, &status, WUNTRACED);
    printf("stopped: %d sig %s, sigchld %d\n", r == pid && WIFSTOPPED(status),
           strsignal(WSTOPSIG(status)), chld);
    printf("reported once: %d\n", waitpid(pid, &status, WUNTRACED | WNOHANG));
    kill(pid, SIGCONT);
    r = waitpid(pid, &status, WCONTINUED);
    printf("continued: %d, sigchld %d\n", r == pid && WIFCONTINUED(status), chld);
    kill(pid, SIGSTOP);
    waitpid(pid, &status, WUNTRACED);
    kill(pid, SIGTERM);             /* held while it is stopped */
    printf("still there: %d\n", waitpid(pid, &status, WNOHANG));
    kill(pid, SIGCONT);
    r = waitpid(pid, &status, 0);
    printf("held SIGTERM: %d %s\n", r == pid, strsignal(WTERMSIG(status)));

    /* SA_NOCLDSTOP: no SIGCHLD for a stop; a child stopping itself. */
    chld = 0;
    install_chld(SA_NOCLDSTOP);
    pid = fork();
    if (pid == 0) {
        raise(SIGTSTP);
        _exit(7);
    }
    r = waitpid(pid, &status, WUNTRACED);
    printf("tstp: %d %s, sigchld %d\n", WIFSTOPPED(status), strsignal(WSTOPSIG(status)), chld);
    kill(pid, SIGCONT);
    r = waitpid(pid, &status, 0);
    printf("resumed and exited %d, sigchld %d\n", WEXITSTATUS(status), chld);

    /* SIGKILL ends a stopped process at once. */
    pid = spawn_pauser();
    kill(pid, SIGSTOP);
    waitpid(pid, &status, WUNTRACED);
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    printf("killed while stopped: %s\n", strsignal(WTERMSIG(status)));
    return 0;
}

static int groups(void)
{
    int status;
    pid_t me = getpid();
    printf("init leads group %d: %d\n", getpgrp(), getpgrp() == me);
    printf("setsid as a group leader: %d %s\n", (int) setsid(), strerror(errno));
    pid_t a = spawn_pauser();
    printf("setpgid(a, 0): %d, getpgid(a) == a: %d\n", setpgid(a, 0), getpgid(a) == a);
    pid_t b = spawn_pauser();
    printf("setpgid(b, a): %d, getpgid(b) == a: %d\n", setpgid(b, a), getpgid(b) == a);
    errno = 0;
    printf("setpgid(b, 9999): %d %s\n", setpgid(b, 9999), strerror(errno));
    errno = 0;
    printf("getpgid(29999): %d %s\n", (int) getpgid(29999), strerror(errno));
    fflush(stdout);
    signal(SIGUSR1, on_chld);
    sigset_t usr1, empty;
    sigemptyset(&usr1);
    sigemptyset(&empty);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, 0);
    pid_t c = fork();
    if (c == 0) {
        errno = 0;
        int r = setpgid(1, 1);
        printf("child setpgid(1, 1): %d %s\n", r, strerror(errno));
        pid_t s = setsid();
        printf("child setsid: %d, own group %d %d\n", s == getpid(), getpgrp() == getpid(),
               getpgid(0) == getpid());
        fflush(stdout);
        kill(getppid(), SIGUSR1);
        for (;;)
            pause();
    }
    sigsuspend(&empty);             /* until the child has its own session */
    errno = 0;
    printf("parent moves a session leader: %d %s\n", setpgid(c, c), strerror(errno));
    errno = 0;
    printf("b into c's group (another session): %d %s\n", setpgid(b, c), strerror(errno));
    kill(c, SIGKILL);
    waitpid(c, &status, 0);
    printf("killpg(a): %d\n", killpg(a, SIGTERM));
    int dead = 0;
    for (int i = 0; i < 2; i++) {
        pid_t r = wait(&status);
        dead += (r == a || r == b) && WTERMSIG(status) == SIGTERM;
    }
    printf("group killed: %d\n", dead);
    errno = 0;
    printf("killpg(a) again: %d %s\n", killpg(a, SIGTERM), strerror(errno));
    return 0;
}

static int killall(void)
{
    int status;
    pid_t p1 = spawn_pauser(), p2 = spawn_pauser();
    pid_t killer = fork();
    if (killer == 0) {
        signal(SIGUSR1, SIG_IGN);   /* kill(-1) reaches the caller too */
        int r = kill(-1, SIGUSR1);
        printf("kill(-1): %d\n", r);
        fflush(stdout);
        _exit(0);
    }
    int killed = 0;
    for (int i = 0; i < 3; i++) {
        pid_t r = wait(&status);
        if ((r == p1 || r == p2) && WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR1)
            killed++;
        else if (r == killer && WIFEXITED(status))
            killed += 10;
    }
    printf("init survived; %d pausers killed, killer exited %d\n", killed % 10, killed / 10);

    pid_t user = fork();
    if (user == 0) {
        setuid(1000);
        errno = 0;
        printf("uid 1000 kills init: %d %s\n", kill(1, SIGTERM), strerror(errno));
        printf("uid 1000 kill(-1, 0): %d\n", kill(-1, 0));
        fflush(stdout);
        _exit(0);
    }
    waitpid(user, &status, 0);

    pid_t quit = fork();
    if (quit == 0) {
        raise(SIGQUIT);
        _exit(0);
    }
    waitpid(quit, &status, 0);
    printf("SIGQUIT: signaled %d core %d; SIGTERM core %d\n", WIFSIGNALED(status),
           WCOREDUMP(status) != 0, 0);
    return 0;
}

static int nozombies(void)
{
    int status;
    signal(SIGCHLD, SIG_IGN);
    for (int i = 0; i < 2; i++)
        if (fork() == 0)
            _exit(5);
    errno = 0;
    pid_t r = wait(&status);
    printf("wait with SIGCHLD ignored: %d %s\n", (int) r, strerror(errno));
    pid_t late = fork();
    if (late == 0) {
        for (;;)
            pause();
    }
    kill(late, SIGTERM);
    errno = 0;
    r = waitpid(late, &status, 0);
    printf("waitpid for it: %d %s\n", (int) r, strerror(errno));
    return 0;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "stop";
    if (!strcmp(mode, "stop"))
        return stop_and_continue();
    if (!strcmp(mode, "groups"))
        return groups();
    if (!strcmp(mode, "killall"))
        return killall();
    if (!strcmp(mode, "nozombies"))
        return nozombies();
    return 2;
}
