/* sh: command substitution, $(cmd) and `cmd`: the command runs in a child
 * whose output is read back, trailing newlines removed; $? becomes its status. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

/* $(cmd): the output of cmd with trailing newlines removed. Over a pipe;
 * until the system has pipes (ENOSYS), through an unlinked temporary file. */
char *cmd_subst(const char *cmd)
{
    int fds[2], use_file = 0, status;
    pid_t pid;
    size_t cap = 256, n = 0;
    char *out;
    ssize_t r;
    if (pipe(fds) < 0) {
        char path[64];
        if (errno != ENOSYS) {
            sh_error("pipe: %s", strerror(errno));
            return xstrdup("");
        }
        snprintf(path, sizeof path, "/tmp/sh-subst-%d-%d", (int) getpid(),
                 sh.tmp_counter++);
        fds[1] = open(path, O_RDWR | O_CREAT | O_EXCL | O_TRUNC, 0600);
        if (fds[1] < 0) {
            sh_error("cannot create %s: %s", path, strerror(errno));
            return xstrdup("");
        }
        unlink(path);
        fds[0] = fds[1];
        use_file = 1;
    }
    pid = sh_fork();
    if (pid == 0) {
        child_setup();
        if (!use_file) close(fds[0]);
        dup2(fds[1], 1);
        close(fds[1]);
        sh_exit(run_string(cmd, NULL));
    }
    if (!use_file)
        close(fds[1]);
    out = xmalloc(cap);
    if (use_file && pid > 0) {
        sh.subst_status = job_wait_fg(pid, &pid, 1);
        lseek(fds[0], 0, SEEK_SET);
    }
    for (;;) {
        if (n + 512 > cap) {
            cap *= 2;
            out = xrealloc(out, cap);
        }
        r = read(fds[0], out + n, cap - n - 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        n += r;
    }
    close(fds[0]);
    if (!use_file && pid > 0)
        sh.subst_status = job_wait_fg(pid, &pid, 1);
    status = pid > 0 ? sh.subst_status : 2;
    sh.status = status;
    while (n > 0 && out[n - 1] == '\n')
        n--;
    out[n] = 0;
    return out;
}
