/* Host stand-ins for the guest system calls, so tests can run the guest libc
 * in a shared library under ctypes: sbrk over a static arena, read/write/
 * open/lseek/close over in-memory files, and an _exit that jumps back. */
#include <sys/types.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <string.h>
#include <stdlib.h>
#include <signal.h>

#define ARENA (48 << 20)
#define NFILES 12
#define FILESZ (1 << 16)
#define NFDS 16

static char arena[ARENA] __attribute__((aligned(16)));
static size_t brk_off, brk_cap = ARENA;

struct file { char name[32]; char data[FILESZ]; size_t size; int writes; };
struct fd { int file, used, flags; size_t pos; };
static struct file files[NFILES];   /* 0 stdin, 1 stdout, 2 stderr, rest named */
static struct fd fds[NFDS];
static size_t in_chunk;             /* most bytes one read of stdin returns */
static void *jump[5];
static int exit_status, raised;
static char *env0[] = { "HOME=/root", "PATH=/bin:/usr/bin", "TERM=minix", NULL };
static char *envbuf[8];
char **environ;

void *sbrk(intptr_t incr)
{
    char *old = arena + brk_off;

    if ((incr > 0 && (size_t) incr > brk_cap - brk_off) || (incr < 0 && (size_t) -incr > brk_off)) {
        errno = ENOMEM;
        return (void *) -1;
    }
    brk_off += incr;
    return old;
}

/* Tests: limit the arena (to provoke ENOMEM); returns the bytes in use. */
size_t shim_brk_cap(size_t cap)
{
    brk_cap = cap < ARENA ? cap : ARENA;
    return brk_off;
}

void shim_reset(void)
{
    int i;

    memset(files, 0, sizeof(files));
    memset(fds, 0, sizeof(fds));
    for (i = 0; i < 3; i++)
        fds[i] = (struct fd) { i, 1, i == 0 ? O_RDONLY : O_WRONLY, 0 };
    in_chunk = FILESZ;
    for (i = 0; env0[i]; i++)
        envbuf[i] = env0[i];
    envbuf[i] = NULL;
    environ = envbuf;
}

void shim_set_stdin(const char *data, size_t n, size_t chunk)
{
    memcpy(files[0].data, data, n);
    files[0].size = n;
    fds[0].pos = 0;
    in_chunk = chunk ? chunk : FILESZ;
}

/* Copy out a file's contents: by fd-file number 1/2, or by name. */
size_t shim_file(int idx, const char *name, char *buf, size_t cap)
{
    int i;

    if (name != NULL)
        for (idx = -1, i = 3; i < NFILES; i++)
            if (strcmp(files[i].name, name) == 0)
                idx = i;
    if (idx < 0)
        return (size_t) -1;
    memcpy(buf, files[idx].data, files[idx].size < cap ? files[idx].size : cap);
    return files[idx].size;
}

int shim_writes(int idx) { return files[idx].writes; }
int shim_raised(void) { return raised; }

static struct fd *lookup(int fd)
{
    if (fd < 0 || fd >= NFDS || !fds[fd].used) {
        errno = EBADF;
        return NULL;
    }
    return &fds[fd];
}

ssize_t write(int fd, const void *buf, size_t n)
{
    struct fd *d = lookup(fd);
    struct file *f;

    if (d == NULL)
        return -1;
    if ((d->flags & O_ACCMODE) == O_RDONLY) {
        errno = EBADF;
        return -1;
    }
    f = &files[d->file];
    if (d->file < 3 || (d->flags & O_APPEND))
        d->pos = f->size;
    if (d->pos + n > FILESZ) {
        errno = ENOSPC;
        return -1;
    }
    memcpy(f->data + d->pos, buf, n);
    d->pos += n;
    if (d->pos > f->size)
        f->size = d->pos;
    f->writes++;
    return (ssize_t) n;
}

ssize_t read(int fd, void *buf, size_t n)
{
    struct fd *d = lookup(fd);
    struct file *f;
    size_t k;

    if (d == NULL)
        return -1;
    if ((d->flags & O_ACCMODE) == O_WRONLY) {
        errno = EBADF;
        return -1;
    }
    f = &files[d->file];
    k = d->pos < f->size ? f->size - d->pos : 0;
    if (k > n)
        k = n;
    if (d->file == 0 && k > in_chunk)
        k = in_chunk;
    memcpy(buf, f->data + d->pos, k);
    d->pos += k;
    return (ssize_t) k;
}

int open(const char *path, int oflag, ...)
{
    int i, fd, idx = -1;

    for (i = 3; i < NFILES; i++)
        if (files[i].name[0] && strcmp(files[i].name, path) == 0)
            idx = i;
    if (idx >= 0 && (oflag & O_CREAT) && (oflag & O_EXCL)) {
        errno = EEXIST;
        return -1;
    }
    if (idx < 0) {
        if (!(oflag & O_CREAT)) {
            errno = ENOENT;
            return -1;
        }
        for (i = 3; i < NFILES && files[i].name[0]; i++)
            ;
        if (i == NFILES) {
            errno = ENOSPC;
            return -1;
        }
        strlcpy(files[i].name, path, sizeof(files[i].name));
        idx = i;
    }
    if (oflag & O_TRUNC)
        files[idx].size = 0;
    for (fd = 0; fd < NFDS && fds[fd].used; fd++)
        ;
    if (fd == NFDS) {
        errno = EMFILE;
        return -1;
    }
    fds[fd] = (struct fd) { idx, 1, oflag, 0 };
    return fd;
}

int close(int fd)
{
    struct fd *d = lookup(fd);

    if (d == NULL)
        return -1;
    d->used = 0;
    return 0;
}

off_t lseek(int fd, off_t off, int whence)
{
    struct fd *d = lookup(fd);
    off_t base;

    if (d == NULL)
        return -1;
    if (d->file < 3) {
        errno = ESPIPE;
        return -1;
    }
    base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (off_t) d->pos
         : (off_t) files[d->file].size;
    if (base + off < 0) {
        errno = EINVAL;
        return -1;
    }
    d->pos = (size_t) (base + off);
    return (off_t) d->pos;
}

int raise(int sig)
{
    raised = sig;
    return 0;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *oset)
{
    (void) how;
    (void) set;
    if (oset)
        *oset = 0;
    return 0;
}

__sighandler_t signal(int sig, __sighandler_t func)
{
    (void) sig;
    (void) func;
    return SIG_DFL;
}

void _exit(int status)
{
    exit_status = status;
    __builtin_longjmp(jump, 1);
}

/* Run exit(status) (or abort() if status < 0); returns what reached _exit. */
int shim_exit(int status)
{
    if (__builtin_setjmp(jump) == 0) {
        if (status < 0)
            abort();
        exit(status);
    }
    return exit_status;
}

/* Expose exit-time flushing without exiting: call the handler chain's tail. */
extern void (*__stdio_cleanup)(void);
void shim_cleanup(void)
{
    if (__stdio_cleanup)
        __stdio_cleanup();
}

/* A C comparator, so large qsort tests need not call back into Python. */
int shim_cmp_int(const void *a, const void *b)
{
    int x = *(const int *) a, y = *(const int *) b;

    return (x > y) - (x < y);
}
