/* /sbin/init: the first process of a system booted from disk.
 *
 * It opens the console as descriptors 0, 1 and 2 and runs /etc/rc with
 * /bin/sh. Then:
 *   init -c CMD     runs `/bin/sh -c CMD` (root, in /): `minixemu boot -c CMD`;
 *   init PROG ARGS  runs PROG (found through PATH) with its arguments;
 *   init            runs a shell on the console, again whenever one is killed
 *                   by a signal; a shell that exits (`exit`, end of input)
 *                   ends the session.
 * init holds the console as its session's controlling terminal and ignores
 * the terminal's signals (^C, ^\, ^Z and background access), which its
 * children get back at their defaults: a ^C ends the command, never init.
 * Orphans are reaped on the way. At the end init syncs the file systems and
 * exits with the command's (or the shell's) status: PM powers the machine
 * off and that status becomes the emulator's.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define SHELL "/bin/sh"
#define RC "/etc/rc"

static const int tty_signals[] = {SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU};

static void say(const char *s) { write(2, s, strlen(s)); }

static void terminal_signals(void (*action)(int))
{
    unsigned i;
    for (i = 0; i < sizeof tty_signals / sizeof tty_signals[0]; i++)
        signal(tty_signals[i], action);
}

/* Run argv (execvp) and wait for it, reaping orphans; returns its wait status. */
static int run(char *const argv[])
{
    int status = 0;
    pid_t child = fork(), pid;
    if (child < 0) {
        say("init: fork failed\n");
        return 1 << 8;
    }
    if (child == 0) {
        terminal_signals(SIG_DFL);
        execvp(argv[0], argv);
        fprintf(stderr, "init: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    while ((pid = wait(&status)) != child) {
        if (pid < 0)
            return 1 << 8;
    }
    return status;
}

static int code(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
}

int main(int argc, char **argv)
{
    int fd, status;
    struct stat st;

    terminal_signals(SIG_IGN);
    for (fd = 0; fd < 3; fd++) {
        if (open("/dev/console", fd == 0 ? O_RDONLY : O_WRONLY) != fd)
            return 111;     /* no console: nobody could read a message */
    }
    chdir("/");
    if (stat(RC, &st) == 0) {
        char *rc[] = {SHELL, RC, NULL};
        status = run(rc);
        if (status != 0)
            fprintf(stderr, "init: %s failed (status %d)\n", RC, code(status));
    }
    if (argc >= 3 && strcmp(argv[1], "-c") == 0) {
        char *cmd[] = {SHELL, "-c", argv[2], NULL};
        status = run(cmd);
    } else if (argc >= 2) {
        status = run(argv + 1);
    } else {
        for (;;) {
            char *sh[] = {SHELL, NULL};
            status = run(sh);
            if (!WIFSIGNALED(status))
                break;
            fprintf(stderr, "init: the shell was killed (signal %d); starting another\n",
                    WTERMSIG(status));
        }
    }
    sync();
    return code(status);
}
