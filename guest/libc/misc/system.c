/* system() and popen()/pclose(): commands run by /bin/sh -c. popen's pipe
 * needs pipe(); system's wait gives the command's wait status (127 in it when
 * the shell could not run). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int system(const char *command)
{
    pid_t pid;
    int status;
    if (!command)
        return access("/bin/sh", X_OK) == 0;
    pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c", command, (char *) NULL);
        _exit(127);
    }
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            return -1;
    }
    return status;
}

#define POPEN_MAX 16
static struct { FILE *f; pid_t pid; } popened[POPEN_MAX];

FILE *popen(const char *command, const char *mode)
{
    int fds[2], slot, reading = mode[0] == 'r';
    pid_t pid;
    FILE *f;
    if ((mode[0] != 'r' && mode[0] != 'w') || mode[1]) {
        errno = EINVAL;
        return NULL;
    }
    for (slot = 0; slot < POPEN_MAX && popened[slot].f; slot++)
        ;
    if (slot == POPEN_MAX) {
        errno = EMFILE;
        return NULL;
    }
    if (pipe(fds) < 0)
        return NULL;
    pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return NULL;
    }
    if (pid == 0) {
        int i;
        for (i = 0; i < POPEN_MAX; i++)
            if (popened[i].f)
                close(fileno(popened[i].f));
        if (reading) {
            close(fds[0]);
            if (fds[1] != 1) { dup2(fds[1], 1); close(fds[1]); }
        } else {
            close(fds[1]);
            if (fds[0] != 0) { dup2(fds[0], 0); close(fds[0]); }
        }
        execl("/bin/sh", "sh", "-c", command, (char *) NULL);
        _exit(127);
    }
    if (reading) {
        close(fds[1]);
        f = fdopen(fds[0], "r");
    } else {
        close(fds[0]);
        f = fdopen(fds[1], "w");
    }
    popened[slot].f = f;
    popened[slot].pid = pid;
    return f;
}

int pclose(FILE *f)
{
    int slot, status;
    pid_t pid;
    for (slot = 0; slot < POPEN_MAX && popened[slot].f != f; slot++)
        ;
    if (slot == POPEN_MAX) {
        errno = EINVAL;
        return -1;
    }
    pid = popened[slot].pid;
    popened[slot].f = NULL;
    fclose(f);
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            return -1;
    }
    return status;
}
