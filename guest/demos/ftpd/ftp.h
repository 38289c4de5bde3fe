/* The ftpd demo's shared pieces: the control socket's path, descriptor
 * passing over a Unix domain socket (SCM_RIGHTS), and line I/O. */
#ifndef FTP_H
#define FTP_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <dirent.h>

#define FTP_SOCKET "/tmp/ftpd.sock"
#define FTP_ROOT "/tmp/ftproot"          /* 0700 root: only the monitor gets in */

/* Send `data` with descriptor `fd` attached (fd < 0: none). */
static int send_with_fd(int sd, const char *data, int fd)
{
    struct iovec iov = { (void *) data, strlen(data) };
    union { struct cmsghdr h; char b[CMSG_SPACE(sizeof(int))]; } u;
    struct msghdr msg;
    memset(&msg, 0, sizeof(msg));
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    if (fd >= 0) {
        msg.msg_control = u.b;
        msg.msg_controllen = sizeof(u.b);
        struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
        c->cmsg_len = CMSG_LEN(sizeof(int));
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        memcpy(CMSG_DATA(c), &fd, sizeof(int));
    }
    return sendmsg(sd, &msg, 0) < 0 ? -1 : 0;
}

/* Receive one message into buf (NUL-terminated) and the descriptor with it, or -1. */
static int recv_with_fd(int sd, char *buf, size_t size, int *fd)
{
    char ctl[64];
    struct iovec iov = { buf, size - 1 };
    struct msghdr msg;
    memset(&msg, 0, sizeof(msg));
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = ctl;
    msg.msg_controllen = sizeof(ctl);
    ssize_t n = recvmsg(sd, &msg, 0);
    *fd = -1;
    if (n <= 0)
        return -1;
    buf[n] = '\0';
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
            memcpy(fd, CMSG_DATA(c), sizeof(int));
    return 0;
}

/* One line (without its newline) from a stream socket; -1 at EOF. */
static int read_line(int sd, char *buf, size_t size)
{
    size_t n = 0;
    char c;
    while (n + 1 < size) {
        ssize_t r = read(sd, &c, 1);
        if (r <= 0)
            return n ? (int) n : -1;
        if (c == '\n')
            break;
        buf[n++] = c;
    }
    buf[n] = '\0';
    return (int) n;
}

static int say(int sd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#include <stdarg.h>
static int say(int sd, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    return write(sd, line, n) == n ? 0 : -1;
}

#endif
