/* exec from the file system: execve with argv and envp, and the family
 * (execv, execvp's PATH search, execl, execle, execlp); FD_CLOEXEC
 * descriptors closed; a program from /usr/bin found on PATH; ENOEXEC,
 * EACCES, ENOENT, ENOTDIR, E2BIG; a set-uid root program started by uid
 * 1000 runs with euid 0.
 * Usage: fs_exec [CHILD], CHILD the path of exec_child (default: the
 * exec_child next to this program). */
#include <limits.h>
#include "fstest.h"

#define D "/tmp/fs_exec"

static const char *const junk[] = {
    D "/out", D "/k", D "/text", D "/noexec", D "/suid", D "/plain", D "/bin/exec_child",
    D "/bin", D "/pathdir/exec_child", D "/pathdir", D, NULL
};

static char child[PATH_MAX + 1];

static void copy_file(const char *from, const char *to, mode_t mode)
{
    char buf[4096];
    int in, out;
    ssize_t n;

    CHECK_OK(in = open(from, O_RDONLY));
    CHECK_OK(out = open(to, O_WRONLY | O_CREAT | O_TRUNC, mode));
    while ((n = read(in, buf, sizeof(buf))) > 0)
        CHECK_EQ(write(out, buf, (size_t) n), n);
    CHECK_EQ(n, 0);
    CHECK_OK(close(in));
    CHECK_OK(close(out));
    CHECK_OK(chmod(to, mode));
}

/* Fork; in the child send stdout to D/out, become uid (if not -1) and call
 * run(); returns the child's exit status (run returns only if exec failed:
 * then the child exits 100 + errno). */
static int spawn(void (*run)(void), int uid)
{
    int status, fd;
    pid_t pid;

    (void) unlink(D "/out");                    /* the child makes it, as its user */
    fflush(stdout);
    CHECK_OK(pid = fork());
    if (pid == 0) {
        fd = open(D "/out", O_WRONLY | O_CREAT | O_TRUNC, 0666);
        if (fd < 0 || dup2(fd, 1) != 1)
            _exit(99);
        close(fd);
        if (uid >= 0 && (setgid(USER_GID) < 0 || setuid((uid_t) uid) < 0))
            _exit(98);
        run();
        _exit(100 + errno);
    }
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK(WIFEXITED(status));
    return WEXITSTATUS(status);
}

static int starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static const char *output(void)
{
    static char buf[2048];
    return get_file(D "/out", buf, sizeof(buf));
}

static char *const args[] = { "exec_child", "args", "one", "two words", "", NULL };
static char *const env[] = { "A=1", "B=two=2", NULL };

static void run_execve(void) { execve(child, args, env); }
static void run_execv(void) { execv(child, args); }
static void run_execl(void) { execl(child, "c", "args", "x", (char *) NULL); }
static void run_execle(void) { execle(child, "c", "args", (char *) NULL, env); }
static void run_execvp(void)
{
    setenv("PATH", "/nonexistent:" D "/pathdir:" D "/bin", 1);    /* pathdir's: no x */
    execvp("exec_child", args);
}
static void run_execlp(void)
{
    setenv("PATH", D "/bin", 1);
    execlp("exec_child", "p", "args", (char *) NULL);
}
static void run_from_usr_bin(void)
{
    setenv("PATH", "/bin:/usr/bin", 1);
    execlp("fs_exec_child", "from-usr-bin", "args", "x", (char *) NULL);
}
static void run_missing_on_path(void)
{
    setenv("PATH", "/nonexistent:" D, 1);
    execlp("exec_child", "p", (char *) NULL);
}

static int fd_keep, fd_close;
static char fd_args[2][12];
static void run_fds(void)
{
    snprintf(fd_args[0], sizeof(fd_args[0]), "%d", fd_keep);
    snprintf(fd_args[1], sizeof(fd_args[1]), "%d", fd_close);
    execl(child, "c", "fds", fd_args[0], fd_args[1], (char *) NULL);
}
static void run_suid(void) { execl(D "/suid", "suid", "ids", "1000", "0", (char *) NULL); }
static void run_plain(void) { execl(D "/plain", "plain", "ids", "1000", "1000", (char *) NULL); }

static void family(void)
{
    CHECK_EQ(spawn(run_execve, -1), 0);
    CHECK(strcmp(output(), "argc=5\nargv[0]=exec_child\nargv[1]=args\nargv[2]=one\n"
                 "argv[3]=two words\nargv[4]=\nenv=A=1\nenv=B=two=2\n") == 0);
    CHECK_EQ(spawn(run_execl, -1), 0);
    CHECK(starts(output(), "argc=3\nargv[0]=c\nargv[1]=args\nargv[2]=x\n"));
    CHECK_EQ(spawn(run_execle, -1), 0);
    CHECK(strcmp(output(), "argc=2\nargv[0]=c\nargv[1]=args\nenv=A=1\nenv=B=two=2\n") == 0);
    CHECK_EQ(spawn(run_execv, -1), 0);
    CHECK(strstr(output(), "argv[3]=two words\n") != NULL);
    CHECK(strstr(output(), "env=A=1") == NULL);          /* execv passes environ */
    CHECK_EQ(spawn(run_execvp, -1), 0);
    CHECK(strstr(output(), "argc=5\n") != NULL);
    CHECK(strstr(output(), "env=PATH=/nonexistent:") != NULL);
    CHECK_EQ(spawn(run_execlp, -1), 0);
    CHECK(starts(output(), "argc=2\nargv[0]=p\n"));
    CHECK_EQ(spawn(run_missing_on_path, -1), 100 + ENOENT);
    /* A program installed in /usr/bin, found on the usual PATH. */
    copy_file(child, "/usr/bin/fs_exec_child", 0755);
    CHECK_EQ(spawn(run_from_usr_bin, -1), 0);
    CHECK(starts(output(), "argc=3\nargv[0]=from-usr-bin\nargv[1]=args\nargv[2]=x\n"));
    CHECK_OK(unlink("/usr/bin/fs_exec_child"));
}

static void close_on_exec(void)
{
    put_file(D "/k", 0644, "kk");
    CHECK_OK(fd_keep = open(D "/k", O_RDONLY));
    CHECK_OK(fd_close = open(D "/k", O_RDONLY));
    CHECK_OK(fcntl(fd_close, F_SETFD, FD_CLOEXEC));
    CHECK_EQ(spawn(run_fds, -1), 0);
    /* Swapped: the child must find the cloexec one closed, so this fails. */
    CHECK_OK(fcntl(fd_keep, F_SETFD, FD_CLOEXEC));
    CHECK_OK(fcntl(fd_close, F_SETFD, 0));
    CHECK_EQ(spawn(run_fds, -1), 3);
    CHECK_OK(close(fd_keep));
    CHECK_OK(close(fd_close));
}

static void errors(void)
{
    static char *const none[] = { "x", NULL };
    char **big;
    char *huge;
    size_t n = ARG_MAX + 1024;

    put_file(D "/text", 0755, "this is not a program\n");
    CHECK_ERR(execve(D "/text", none, none + 1), ENOEXEC);
    copy_file(child, D "/noexec", 0644);
    CHECK_ERR(execve(D "/noexec", none, none + 1), EACCES);
    CHECK_ERR(execve(D, none, none + 1), EACCES);
    CHECK_ERR(execve(D "/missing", none, none + 1), ENOENT);
    CHECK_ERR(execve(D "/text/x", none, none + 1), ENOTDIR);
    CHECK_ERR(execv(D "/missing", none), ENOENT);
    /* Arguments and environment larger than ARG_MAX. */
    CHECK((huge = malloc(n)) != NULL);
    memset(huge, 'e', n - 1);
    huge[n - 1] = '\0';
    CHECK((big = malloc(2 * sizeof(char *))) != NULL);
    big[0] = huge;
    big[1] = NULL;
    CHECK_ERR(execve(child, none, big), E2BIG);
    CHECK_ERR(execve(child, big, none + 1), E2BIG);
    free(big);
    free(huge);
    /* The process is still whole after failed execs. */
    CHECK_EQ(spawn(run_execve, -1), 0);
}

static void set_uid(void)
{
    copy_file(child, D "/suid", 0755);
    CHECK_OK(chown(D "/suid", 0, 0));
    CHECK_OK(chmod(D "/suid", 04755));
    copy_file(child, D "/plain", 0755);
    CHECK_EQ(spawn(run_suid, USER_UID), 0);
    CHECK(strcmp(output(), "uid=1000 euid=0\n") == 0);
    CHECK_EQ(spawn(run_plain, USER_UID), 0);
    CHECK(strcmp(output(), "uid=1000 euid=1000\n") == 0);
    /* Without x for others the user cannot run it at all. */
    CHECK_OK(chmod(D "/plain", 0744));
    CHECK_EQ(spawn(run_plain, USER_UID), 100 + EACCES);
}

int main(int argc, char **argv)
{
    char *slash;

    if (argc > 1) {
        snprintf(child, sizeof(child), "%s", argv[1]);
    } else {
        snprintf(child, sizeof(child), "%s", argv[0]);
        slash = strrchr(child, '/');
        snprintf(slash ? slash + 1 : child, sizeof(child) - (size_t) (slash ? slash + 1 - child : 0),
                 "exec_child");
    }
    scrub(junk);
    (void) unlink("/usr/bin/fs_exec_child");
    umask(022);
    CHECK_OK(mkdir(D, 0777));
    CHECK_OK(chmod(D, 0777));                   /* the test user writes D/out */
    CHECK_OK(mkdir(D "/bin", 0755));
    copy_file(child, D "/bin/exec_child", 0755);
    CHECK_OK(mkdir(D "/pathdir", 0755));
    copy_file(child, D "/pathdir/exec_child", 0644);
    family();
    close_on_exec();
    errors();
    set_uid();
    scrub(junk);
    return fs_done("fs_exec");
}
