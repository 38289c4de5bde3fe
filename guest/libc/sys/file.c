/* File calls to VFS with logic of their own: open's two layouts, dup, dup2,
 * fcntl, ioctl, lseek. The simple ones are generated (emu/abi/syscalls.py). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <minix/callnr.h>
#include <minix/com.h>
#include <minix/ipc.h>
#include <minix/gen/fs.h>

int dup(int fd)
{
    message m;
    m.m1_i1 = fd;
    return _syscall(VFS_PROC_NR, DUP, &m);
}

int dup2(int fd, int fd2)
{
    message m;
    m.m1_i1 = fd | DUP_MASK;
    m.m1_i2 = fd2;
    return _syscall(VFS_PROC_NR, DUP, &m);
}

int fcntl(int fd, int cmd, ...)
{
    va_list ap;
    message m;

    /* 3.1.8: an int argument in m1_i3, a struct flock pointer in m1_p1. */
    memset(&m, 0, sizeof(m));
    va_start(ap, cmd);
    switch (cmd) {
    case F_DUPFD:
    case F_SETFD:
    case F_SETFL:
        m.m1_i3 = va_arg(ap, int);
        break;
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
        m.m1_p1 = (char *) va_arg(ap, struct flock *);
        break;
    }
    va_end(ap);
    m.m1_i1 = fd;
    m.m1_i2 = cmd;
    return _syscall(VFS_PROC_NR, FCNTL, &m);
}

int ioctl(int fd, unsigned long request, ...)
{
    va_list ap;
    va_start(ap, request);
    void *data = va_arg(ap, void *);
    va_end(ap);
    message m;
    m.m2_i1 = fd;
    m.m2_i3 = (int) request;
    m.m2_p1 = data;
    return _syscall(VFS_PROC_NR, IOCTL, &m);
}

off_t lseek(int fd, off_t offset, int whence)
{
    message m;
    m.m2_i1 = fd;
    m.m2_l1 = offset;
    m.m2_i2 = whence;
    if (_syscall(VFS_PROC_NR, LSEEK, &m) < 0)
        return -1;
    return m.m2_l1;
}

int open(const char *path, int flags, ...)
{
    message m;
    size_t len = strlen(path) + 1;

    memset(&m, 0, sizeof(m));
    if (flags & O_CREAT) {
        /* m1: the mode travels only when the file may be created. */
        va_list ap;
        va_start(ap, flags);
        m.m1_i3 = va_arg(ap, int);
        va_end(ap);
        m.m1_i1 = (int) len;
        m.m1_i2 = flags;
        m.m1_p1 = (char *) path;
    } else {
        /* m3, as _loadname: a short name also travels in m3_ca1. */
        m.m3_i1 = (int) len;
        m.m3_i2 = flags;
        m.m3_p1 = (char *) path;
        if (len <= M3_STRING)
            memcpy(m.m3_ca1, path, len);
    }
    return _syscall(VFS_PROC_NR, OPEN, &m);
}

int isatty(int fd)
{
    struct termios t;
    return ioctl(fd, TCGETS, &t) == 0;
}

int getdtablesize(void)
{
    return OPEN_MAX;
}

int getpagesize(void)
{
    return 4096;
}
