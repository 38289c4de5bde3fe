/* A call waiting in VFS for a driver, and the ways that wait can end.
 *
 * `suspend kill`: a child blocks reading the console; the parent kills it,
 * then reads the console itself (the driver must have forgotten the dead
 * reader). `suspend unpause`: the process blocks reading the console while a
 * child keeps the CPU busy; the test harness sends PM_UNPAUSE (what a caught
 * signal will do) and the read must return EINTR.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    char buf[64];
    int status, n;
    pid_t pid;
    volatile unsigned long spin;

    if (argc == 2 && strcmp(argv[1], "kill") == 0) {
        pid = fork();
        if (pid == 0) {
            n = read(0, buf, sizeof buf);
            printf("child read returned %d\n", n);   /* must never happen */
            _exit(3);
        }
        for (spin = 0; spin < 6000000; spin++)
            ;   /* the child gets the CPU when this slice ends, and blocks in read */
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        printf("child killed by signal %d\n", WIFSIGNALED(status) ? WTERMSIG(status) : -1);
        n = read(0, buf, sizeof buf - 1);
        buf[n > 0 ? n : 0] = 0;
        printf("parent read %d: %s", n, buf);
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "unpause") == 0) {
        pid = fork();
        if (pid == 0) {
            for (spin = 0; spin < 12000000; spin++)
                ;
            _exit(0);
        }
        n = read(0, buf, sizeof buf);
        printf("read returned %d errno %s\n", n, n < 0 && errno == EINTR ? "EINTR" : "other");
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        return n < 0 && errno == EINTR ? 0 : 1;
    }
    fprintf(stderr, "usage: suspend kill|unpause\n");
    return 100;
}
