/* Unix domain socket figures (bench/run.py --only uds), each with the
 * baseline of the same shape measured in the same run:
 *   udsbench pingpong N  1-byte round trips over a socketpair between two processes
 *   udsbench pipepong N  the same over two pipes (baseline)
 *   udsbench getpid N    getpid round trips (baseline: one message to PM and back)
 *   udsbench bulk N      one process writes 32 KiB into a stream socket and reads it back
 *   udsbench pipebulk N  the same through a pipe (baseline)
 *   udsbench rights N    SCM_RIGHTS: send a descriptor, receive it, close it */
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/wait.h>

#define CHUNK 32768
static char src[CHUNK], dst[CHUNK];

static int pong(int rd, int wr, int rd2, int wr2, long n)
{
    char c = 'x';
    int status;
    pid_t pid = fork();
    if (pid == 0) {
        for (long i = 0; i < n; i++)
            if (read(rd2, &c, 1) != 1 || write(wr2, &c, 1) != 1)
                _exit(1);
        _exit(0);
    }
    for (long i = 0; i < n; i++)
        if (write(wr, &c, 1) != 1 || read(rd, &c, 1) != 1)
            return 2;
    waitpid(pid, &status, 0);
    return WEXITSTATUS(status);
}

static int send_fd(int sd, int fd)
{
    struct iovec iov = { "f", 1 };
    union { struct cmsghdr h; char b[CMSG_SPACE(sizeof(int))]; } u;
    struct msghdr msg;
    memset(&msg, 0, sizeof(msg));
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = u.b;
    msg.msg_controllen = sizeof(u.b);
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_len = CMSG_LEN(sizeof(int));
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    memcpy(CMSG_DATA(c), &fd, sizeof(int));
    return sendmsg(sd, &msg, 0);
}

static int recv_fd(int sd)
{
    char b, ctl[64];
    struct iovec iov = { &b, 1 };
    struct msghdr msg;
    int fd = -1;
    memset(&msg, 0, sizeof(msg));
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = ctl;
    msg.msg_controllen = sizeof(ctl);
    if (recvmsg(sd, &msg, 0) != 1)
        return -1;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
        if (c->cmsg_type == SCM_RIGHTS)
            memcpy(&fd, CMSG_DATA(c), sizeof(int));
    return fd;
}

int main(int argc, char **argv)
{
    int sv[2], p[2], q[2];
    if (argc != 3)
        return 100;
    long n = atol(argv[2]);
    const char *mode = argv[1];
    if (strcmp(mode, "getpid") == 0) {
        for (long i = 0; i < n; i++)
            getpid();
        return 0;
    }
    if (strcmp(mode, "pingpong") == 0) {
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
            return 3;
        return pong(sv[0], sv[0], sv[1], sv[1], n);
    }
    if (strcmp(mode, "pipepong") == 0) {
        if (pipe(p) < 0 || pipe(q) < 0)
            return 3;
        return pong(q[0], p[1], p[0], q[1], n);
    }
    if (strcmp(mode, "bulk") == 0 || strcmp(mode, "pipebulk") == 0) {
        int rd, wr;
        if (mode[0] == 'b') {
            if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
                return 3;
            wr = sv[0], rd = sv[1];
        } else {
            if (pipe(p) < 0)
                return 3;
            wr = p[1], rd = p[0];
        }
        for (long i = 0; i < n; i++)
            if (write(wr, src, CHUNK) != CHUNK || read(rd, dst, CHUNK) != CHUNK)
                return 4;
        return 0;
    }
    if (strcmp(mode, "rights") == 0) {
        int fd = open("/etc/passwd", O_RDONLY);
        if (fd < 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
            return 3;
        for (long i = 0; i < n; i++) {
            if (send_fd(sv[0], fd) != 1)
                return 5;
            int got = recv_fd(sv[1]);
            if (got < 0 || close(got) < 0)
                return 6;
        }
        return 0;
    }
    return 100;
}
