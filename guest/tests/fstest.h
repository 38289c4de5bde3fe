/* Shared checks for the file-system guest tests: each failed check prints
 * "FAIL file:line: what (errno N: text)" and exits 1; a test that gets to
 * its end prints "ok". Helpers make files, read them back and run a piece
 * of a test as another user in a child process. */
#ifndef FSTEST_H
#define FSTEST_H

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define USER_UID 1000
#define USER_GID 100

static int fs_checks;

static inline void fs_fail(const char *file, int line, const char *what, int err)
{
    fflush(stdout);
    fprintf(stderr, "FAIL %s:%d: %s (errno %d: %s)\n", file, line, what, err, strerror(err));
    exit(1);
}

/* cond must hold. */
#define CHECK(cond) do { \
        fs_checks++; \
        if (!(cond)) fs_fail(__FILE__, __LINE__, #cond, errno); \
    } while (0)

/* expr must succeed (not return -1); its value is kept in fs_last. */
static long fs_last;
#define CHECK_OK(expr) do { \
        errno = 0; \
        fs_checks++; \
        fs_last = (long) (expr); \
        if (fs_last == -1) fs_fail(__FILE__, __LINE__, #expr " failed", errno); \
    } while (0)

/* expr must fail with -1 and errno err. */
#define CHECK_ERR(expr, err) do { \
        long r_; \
        char msg_[200]; \
        errno = 0; \
        fs_checks++; \
        r_ = (long) (expr); \
        if (r_ != -1 || errno != (err)) { \
            snprintf(msg_, sizeof(msg_), "%s: want -1 errno %d (%s), got %ld", #expr, (err), \
                     strerror(err), r_); \
            fs_fail(__FILE__, __LINE__, msg_, errno); \
        } \
    } while (0)

/* expr must fail with -1 and errno e1 or e2: for the few calls where MINIX
 * 3.1.8 and POSIX name different errors (both are accepted, nothing else). */
#define CHECK_ERR2(expr, e1, e2) do { \
        long r_; \
        char msg_[200]; \
        errno = 0; \
        fs_checks++; \
        r_ = (long) (expr); \
        if (r_ != -1 || (errno != (e1) && errno != (e2))) { \
            snprintf(msg_, sizeof(msg_), "%s: want -1 errno %d or %d, got %ld", #expr, (e1), \
                     (e2), r_); \
            fs_fail(__FILE__, __LINE__, msg_, errno); \
        } \
    } while (0)

/* The number of descriptors open now. */
static inline int open_fds(void)
{
    int fd, n = 0;

    for (fd = 0; fd < OPEN_MAX; fd++)
        if (fcntl(fd, F_GETFD) >= 0)
            n++;
    return n;
}

/* Two integers must be equal. */
#define CHECK_EQ(a, b) do { \
        long a_ = (long) (a), b_ = (long) (b); \
        char msg_[200]; \
        fs_checks++; \
        if (a_ != b_) { \
            snprintf(msg_, sizeof(msg_), "%s == %s: %ld != %ld", #a, #b, a_, b_); \
            fs_fail(__FILE__, __LINE__, msg_, errno); \
        } \
    } while (0)

/* Create (or replace) path with mode and the given contents. */
static inline void put_file(const char *path, mode_t mode, const char *data)
{
    int fd;
    size_t n = strlen(data);

    CHECK_OK(fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode));
    CHECK_EQ(write(fd, data, n), n);
    CHECK_OK(close(fd));
}

/* The contents of path (at most cap - 1 bytes) in buf, NUL-terminated. */
static inline const char *get_file(const char *path, char *buf, size_t cap)
{
    int fd;
    ssize_t n;

    CHECK_OK(fd = open(path, O_RDONLY));
    CHECK_OK(n = read(fd, buf, cap - 1));
    buf[n] = '\0';
    CHECK_OK(close(fd));
    return buf;
}

/* Remove what a previous run may have left: files, links and empty dirs. */
static inline void scrub(const char *const *paths)
{
    for (; *paths != NULL; paths++)
        if (unlink(*paths) < 0)
            (void) rmdir(*paths);
}

/* Run fn in a child with real and effective uid and gid those of the test
 * user; the child's failed check fails the test. */
static inline void as_user(void (*fn)(void))
{
    int status;
    pid_t pid;

    fflush(stdout);
    CHECK_OK(pid = fork());
    if (pid == 0) {
        if (setgid(USER_GID) < 0 || setuid(USER_UID) < 0)
            fs_fail(__FILE__, __LINE__, "cannot become the test user", errno);
        fn();
        fflush(stdout);
        exit(0);
    }
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK(WIFEXITED(status));
    CHECK_EQ(WEXITSTATUS(status), 0);
}

static inline int fs_done(const char *name)
{
    printf("%s: %d checks\nok\n", name, fs_checks);
    return 0;
}

#endif
