/* File calls to VFS: read, write, close, dup, fcntl, ioctl, lseek, open. */
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

ssize_t read(int fd, void *buf, size_t nbytes)
{
    message m;
    m.m1_i1 = fd;
    m.m1_i2 = (int) nbytes;
    m.m1_p1 = buf;
    return _syscall(VFS_PROC_NR, READ, &m);
}

ssize_t write(int fd, const void *buf, size_t nbytes)
{
    message m;
    m.m1_i1 = fd;
    m.m1_i2 = (int) nbytes;
    m.m1_p1 = (char *) buf;
    return _syscall(VFS_PROC_NR, WRITE, &m);
}

int close(int fd)
{
    message m;
    m.m1_i1 = fd;
    return _syscall(VFS_PROC_NR, CLOSE, &m);
}

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
    va_start(ap, cmd);
    int arg = (cmd == F_DUPFD || cmd == F_SETFD || cmd == F_SETFL) ? va_arg(ap, int) : 0;
    va_end(ap);
    message m;
    m.m1_i1 = fd;
    m.m1_i2 = cmd;
    m.m1_i3 = arg;
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
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        m.m1_i3 = va_arg(ap, int);
        va_end(ap);
        m.m1_i1 = (int) len;
        m.m1_i2 = flags;
        m.m1_p1 = (char *) path;
    } else {
        m.m3_i1 = (int) len;
        m.m3_i2 = flags;
        m.m3_p1 = (char *) path;
    }
    return _syscall(VFS_PROC_NR, OPEN, &m);
}

int creat(const char *path, mode_t mode)
{
    return open(path, O_CREAT | O_WRONLY | O_TRUNC, mode);
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
