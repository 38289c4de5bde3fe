/* exec from the file system: argv and envp, FD_CLOEXEC, set-uid, and the errors.
 *
 * `exectest run` (as root) checks everything and prints "ok NAME" or
 * "FAIL NAME: ..." lines; the other modes are what it execs itself as.
 * The exit status is the number of failures.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;

static void check(int cond, const char *name)
{
    if (cond) {
        printf("ok %s\n", name);
    } else {
        printf("FAIL %s: errno %d (%s)\n", name, errno, strerror(errno));
        failures++;
    }
}

static void fails(int r, int want, const char *name)
{
    if (r == -1 && errno == want) {
        printf("ok %s\n", name);
    } else {
        printf("FAIL %s: got %d errno %d, want errno %d\n", name, r, errno, want);
        failures++;
    }
}

/* Run `argv` in a child (after `uid` if >= 0); its exit status. */
static int spawn(char *const argv[], char *const envp[], int uid)
{
    int status;
    pid_t pid = fork();
    if (pid == 0) {
        if (uid >= 0 && setuid(uid) != 0)
            _exit(90);
        execve(argv[0], argv, envp);
        _exit(91);
    }
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 200 + WTERMSIG(status);
}

static int copy(const char *from, const char *to, int mode)
{
    char buf[4096];
    int in = open(from, O_RDONLY), out, n;
    if (in < 0)
        return -1;
    out = open(to, O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (out < 0)
        return -1;
    while ((n = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, n) != n)
            return -1;
    close(in);
    return close(out);
}

static void run(void)
{
    char fdbuf1[8], fdbuf2[8];
    char *argv[6], *envp[3];
    static char big[300][1000];
    static char *bigv[302];
    int keep, lose, i, fd;

    keep = open("/etc/passwd", O_RDONLY);
    lose = open("/etc/group", O_RDONLY);
    fcntl(lose, F_SETFD, FD_CLOEXEC);
    sprintf(fdbuf1, "%d", keep);
    sprintf(fdbuf2, "%d", lose);
    argv[0] = "/usr/tests/exectest"; argv[1] = "child"; argv[2] = fdbuf1;
    argv[3] = fdbuf2; argv[4] = "last arg"; argv[5] = NULL;
    envp[0] = "FOO=bar"; envp[1] = "EMPTY="; envp[2] = NULL;
    check(spawn(argv, envp, -1) == 0, "exec with argv, envp and FD_CLOEXEC");

    check(copy("/usr/tests/exectest", "/tmp/suid", 04755) == 0
          && chmod("/tmp/suid", 04755) == 0, "make a set-uid root program");
    argv[0] = "/tmp/suid"; argv[1] = "ids"; argv[2] = "1000"; argv[3] = "0"; argv[4] = NULL;
    check(spawn(argv, envp, 1000) == 0, "set-uid root program run by uid 1000 has euid 0");
    fd = open("/tmp/secret", O_WRONLY | O_CREAT | O_TRUNC, 0600);
    close(fd);
    argv[1] = "access"; argv[2] = "/tmp/secret"; argv[3] = NULL;
    check(spawn(argv, envp, 1000) == 0, "access() checks the real uid, open() the effective");
    unlink("/tmp/secret");
    argv[1] = "ids"; argv[2] = "1000";
    chmod("/tmp/suid", 0755);
    argv[3] = "1000";
    check(spawn(argv, envp, 1000) == 0, "without the bit it keeps euid 1000");

    fd = open("/tmp/text", O_WRONLY | O_CREAT | O_TRUNC, 0755);
    write(fd, "echo hello\n", 11);
    close(fd);
    argv[1] = NULL;
    fails(execve("/tmp/text", argv, envp), ENOEXEC, "text file ENOEXEC");
    copy("/usr/tests/exectest", "/tmp/nox", 0644);
    fails(execve("/tmp/nox", argv, envp), EACCES, "no x bit EACCES");
    fails(execve("/tmp", argv, envp), EACCES, "directory EACCES");
    fails(execve("/tmp/nonesuch", argv, envp), ENOENT, "missing ENOENT");
    for (i = 0; i < 300; i++) {
        memset(big[i], 'a', 999);
        big[i][999] = 0;
        bigv[i + 1] = big[i];
    }
    bigv[0] = "/usr/tests/exectest";
    bigv[301] = NULL;
    fails(execve(bigv[0], bigv, envp), E2BIG, "oversized frame E2BIG");
    unlink("/tmp/suid"); unlink("/tmp/text"); unlink("/tmp/nox");
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "run") == 0) {
        run();
        return failures;
    }
    if (argc == 5 && strcmp(argv[1], "child") == 0) {
        const char *foo = getenv("FOO");
        int ok = strcmp(argv[0], "/usr/tests/exectest") == 0
                 && strcmp(argv[4], "last arg") == 0
                 && foo != NULL && strcmp(foo, "bar") == 0
                 && getenv("EMPTY") != NULL && getenv("HOME") == NULL
                 && fcntl(atoi(argv[2]), F_GETFD) == 0
                 && fcntl(atoi(argv[3]), F_GETFD) == -1 && errno == EBADF;
        return ok ? 0 : 1;
    }
    if (argc == 3 && strcmp(argv[1], "access") == 0) {
        int fd = open(argv[2], O_RDONLY);
        return fd >= 0 && access(argv[2], R_OK) == -1 && errno == EACCES ? 0 : 1;
    }
    if (argc == 4 && strcmp(argv[1], "ids") == 0) {
        /* real uid stays, effective uid is the file owner's for a set-uid file */
        return (int) getuid() == atoi(argv[2]) && (int) geteuid() == atoi(argv[3]) ? 0 : 1;
    }
    fprintf(stderr, "usage: exectest run\n");
    return 100;
}
