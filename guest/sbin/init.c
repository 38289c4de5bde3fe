/* /sbin/init: the first process of a system booted from disk.
 *
 * It opens the console as descriptors 0, 1 and 2, runs the command it was
 * given (its arguments, from `minixemu boot IMAGE -- CMD ARGS`) and waits for
 * it, reaping any orphans on the way; then it syncs the file systems and
 * exits with the command's status, which becomes the emulator's. With no
 * command it says so: /etc/rc and a shell come with issue 7.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void say(const char *s) { write(2, s, strlen(s)); }

int main(int argc, char **argv)
{
    int fd, status = 0;
    pid_t child, pid;

    for (fd = 0; fd < 3; fd++) {
        if (open("/dev/console", fd == 0 ? O_RDONLY : O_WRONLY) != fd)
            return 111;     /* no console: nobody could read a message */
    }
    if (argc < 2) {
        say("init: no command to run and no shell yet (/etc/rc and sh come with issue 7)\n");
        sync();
        return 0;
    }
    child = fork();
    if (child < 0) {
        say("init: fork failed\n");
        return 1;
    }
    if (child == 0) {
        execvp(argv[1], argv + 1);
        fprintf(stderr, "init: cannot run %s: %s\n", argv[1], strerror(errno));
        _exit(127);
    }
    while ((pid = wait(&status)) != child) {
        if (pid < 0) {
            status = 1 << 8;
            break;
        }
    }
    sync();
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
}
