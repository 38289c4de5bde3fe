/* An exit that leaves a process group orphaned while one of its members is
 * stopped sends every member SIGHUP and then SIGCONT (POSIX, _exit): nobody
 * left in the session could ever continue it. A group that an exit leaves
 * orphaned with nobody stopped is left alone.
 *   sig_orphan stopped   the group has a stopped member
 *   sig_orphan running   it has none */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

static int fds[2];

static void on_hup(int sig) { (void) sig; write(fds[1], "H", 1); }
static void on_cont(int sig) { (void) sig; write(fds[1], "C", 1); }
static void on_alarm(int sig) { (void) sig; }

/* The member of the group that will be orphaned. */
static void member(int stop)
{
    signal(SIGHUP, on_hup);
    signal(SIGCONT, on_cont);
    if (stop)
        raise(SIGSTOP);
    else
        sleep(1);                 /* running (asleep) while its parent exits */
    write(fds[1], "R", 1);        /* running on */
    _exit(0);
}

int main(int argc, char **argv)
{
    int stop = argc > 1 && strcmp(argv[1], "stopped") == 0;
    char got[8] = "";
    int n = 0, st;
    pipe(fds);
    pid_t leader = fork();
    if (leader == 0) {
        setsid();                 /* a session of its own: the parent is outside it */
        pid_t a = fork();
        if (a == 0) {
            setpgid(0, 0);        /* group A: its parent (the leader) is in another
                                   * group of the session, so A is not orphaned */
            pid_t b = fork();
            if (b == 0)
                member(stop);
            if (stop) {
                waitpid(b, &st, WUNTRACED);
                write(fds[1], WIFSTOPPED(st) ? "S" : "?", 1);
            }
            _exit(0);             /* b's parent is now outside the session: orphaned */
        }
        waitpid(a, &st, 0);
        sleep(2);                 /* keep the session's leader until b is done */
        _exit(0);
    }
    close(fds[1]);
    signal(SIGALRM, on_alarm);
    alarm(5);                     /* a lost signal must not hang the test */
    while (n < (int) sizeof(got) - 1) {
        ssize_t r = read(fds[0], got + n, 1);
        if (r <= 0)
            break;
        n++;
    }
    got[n] = 0;
    waitpid(leader, &st, 0);
    printf("%s: %s\n", stop ? "stopped member" : "running member", got);
    return 0;
}
