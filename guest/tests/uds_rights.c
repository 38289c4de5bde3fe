/* Descriptor and credential passing (issue 8 step 4): SCM_RIGHTS across fork
 * (the receiver writes through the sender's open file, shared offset), the
 * sender closing its copy while the descriptor is in flight, a receiver with
 * too small a control buffer or no free descriptor (MSG_CTRUNC, the fd
 * closed), EBADF for a bad fd,
 * ENOMEM for an oversized control buffer, SCM_CREDENTIALS and SO_PEERCRED
 * from the system (a forged SCM_CREDENTIALS is ignored), getpeereid after
 * setuid, and 1,000 send/close cycles (every 50th also a child that exits
 * with a descriptor in flight) that leave the open-file count where
 * it was (checked by the pytest through the trace-free system state). */
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/ucred.h>
#include "fstest.h"

#define F "/tmp/uds_rights.txt"

static int send_fd(int sd, int fd, const char *data)
{
    struct iovec iov = { (void *) data, strlen(data) };
    union { struct cmsghdr h; char buf[CMSG_SPACE(sizeof(int))]; } u;
    struct msghdr msg;
    memset(&msg, 0, sizeof(msg));
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = u.buf;
    msg.msg_controllen = sizeof(u.buf);
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_len = CMSG_LEN(sizeof(int));
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    memcpy(CMSG_DATA(c), &fd, sizeof(int));
    return sendmsg(sd, &msg, 0);
}

/* Receive one message; the passed fd (or -1) and the credentials seen. */
static int recv_fd(int sd, char *data, size_t size, struct ucred *cred, int *flags,
                   size_t room)
{
    struct iovec iov = { data, size };
    char buf[256];
    struct msghdr msg;
    int fd = -1;
    memset(&msg, 0, sizeof(msg));
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = buf;
    msg.msg_controllen = room;
    if (recvmsg(sd, &msg, 0) < 0)
        return -2;
    *flags = msg.msg_flags;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
            memcpy(&fd, CMSG_DATA(c), sizeof(int));
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS && cred)
            memcpy(cred, CMSG_DATA(c), sizeof(*cred));
    }
    return fd;
}

static void across_fork(void)
{
    int sv[2], fd, status, flags;
    char buf[64];
    pid_t pid;

    CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    CHECK_OK(fd = open(F, O_RDWR | O_CREAT | O_TRUNC, 0644));
    CHECK_OK(pid = fork());
    if (pid == 0) {
        /* B: take the file from A, write through it, say so. */
        struct ucred cred;
        close(sv[0]);
        close(fd);
        memset(&cred, 0, sizeof(cred));
        int got = recv_fd(sv[1], buf, sizeof(buf), &cred, &flags, 256);
        if (got < 0)
            _exit(2);
        if (cred.pid != getppid() || cred.uid != 0)
            _exit(3);
        if (write(got, "written by B", 12) != 12)
            _exit(4);
        close(got);
        _exit(write(sv[1], "done", 4) == 4 ? 0 : 5);
    }
    CHECK_OK(close(sv[1]));
    CHECK_EQ(send_fd(sv[0], fd, "take"), 4);
    CHECK_EQ(read(sv[0], buf, 4), 4);
    CHECK_OK(waitpid(pid, &status, 0));
    CHECK_EQ(WEXITSTATUS(status), 0);
    /* B wrote through the same open file: the offset moved for A too. */
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 12);
    CHECK_OK(lseek(fd, 0, SEEK_SET));
    CHECK_EQ(read(fd, buf, sizeof(buf)), 12);
    CHECK(memcmp(buf, "written by B", 12) == 0);
    CHECK_OK(close(fd));
    CHECK_OK(close(sv[0]));
}

static void in_flight(void)
{
    int sv[2], fd, got, flags;
    char buf[64];

    /* The sender closes its fd while it is in flight: the file stays open. */
    CHECK_OK(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv));
    CHECK_OK(fd = open(F, O_RDONLY));
    CHECK_EQ(send_fd(sv[0], fd, "x"), 1);
    CHECK_OK(close(fd));
    CHECK_OK(got = recv_fd(sv[1], buf, sizeof(buf), NULL, &flags, 256));
    CHECK_EQ(read(got, buf, 7), 7);
    CHECK(memcmp(buf, "written", 7) == 0);
    CHECK_OK(close(got));

    /* Too small a control buffer: MSG_CTRUNC and the descriptor is closed. */
    CHECK_OK(fd = open(F, O_RDONLY));
    CHECK_EQ(send_fd(sv[0], fd, "y"), 1);
    CHECK_EQ(recv_fd(sv[1], buf, sizeof(buf), NULL, &flags, 4), -1);
    CHECK(flags & MSG_CTRUNC);
    CHECK_OK(close(fd));

    /* A receiver with no free descriptor: MSG_CTRUNC, the passed file is
     * closed (its in-flight reference dropped), the data still arrives. */
    int held[300], n;
    CHECK_OK(fd = open(F, O_RDONLY));
    CHECK_EQ(send_fd(sv[0], fd, "v"), 1);
    for (n = 0; n < 300; n++)
        if ((held[n] = dup(0)) < 0)
            break;
    CHECK(n < 300 && errno == EMFILE);
    buf[0] = 0;
    CHECK_EQ(recv_fd(sv[1], buf, sizeof(buf), NULL, &flags, 256), -1);
    CHECK(flags & MSG_CTRUNC);
    CHECK(buf[0] == 'v');
    while (n-- > 0)
        CHECK_OK(close(held[n]));
    CHECK_OK(close(fd));

    /* A bad descriptor; a control buffer over 1020 bytes. */
    CHECK_ERR(send_fd(sv[0], 77, "z"), EBADF);
    struct msghdr msg;
    char big[2048];
    struct iovec iov = { "q", 1 };
    memset(&msg, 0, sizeof(msg));
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = big;
    msg.msg_controllen = sizeof(big);
    CHECK_ERR(sendmsg(sv[0], &msg, 0), ENOMEM);

    /* A forged SCM_CREDENTIALS is ignored: the receiver sees the real ones. */
    struct { struct cmsghdr h; struct ucred c; } forged;
    forged.h.cmsg_len = CMSG_LEN(sizeof(struct ucred));
    forged.h.cmsg_level = SOL_SOCKET;
    forged.h.cmsg_type = SCM_CREDENTIALS;
    forged.c.pid = 4242;
    forged.c.uid = 77;
    forged.c.gid = 7;
    msg.msg_control = &forged;
    msg.msg_controllen = sizeof(forged);
    CHECK_EQ(sendmsg(sv[0], &msg, 0), 1);
    struct ucred cred;
    CHECK_EQ(recv_fd(sv[1], buf, sizeof(buf), &cred, &flags, 256), -1);
    CHECK_EQ(cred.pid, getpid());
    CHECK_EQ(cred.uid, 0);

    /* Closing the receiving socket with a descriptor in flight drops it. */
    CHECK_OK(fd = open(F, O_RDONLY));
    CHECK_EQ(send_fd(sv[0], fd, "w"), 1);
    CHECK_OK(close(fd));
    CHECK_OK(close(sv[1]));
    CHECK_OK(close(sv[0]));
}

static void peercred_user(void)
{
    int sv[2];
    uid_t uid;
    gid_t gid;
    struct ucred c;
    socklen_t len = sizeof(c);
    CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    CHECK_OK(getpeereid(sv[0], &uid, &gid));
    CHECK_EQ(uid, USER_UID);
    CHECK_EQ(gid, USER_GID);
    CHECK_OK(getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &c, &len));
    CHECK_EQ(c.pid, getpid());
    CHECK_EQ(len, sizeof(c));
    CHECK_ERR(getnucred(getpid(), &c), EPERM);            /* only for the privileged */
    close(sv[0]);
    close(sv[1]);
}

static void credentials(void)
{
    int sd;
    uid_t uid;
    gid_t gid;
    CHECK_OK(sd = socket(AF_UNIX, SOCK_STREAM, 0));
    CHECK_ERR(getpeereid(sd, &uid, &gid), ENOTCONN);
    CHECK_OK(close(sd));
    as_user(peercred_user);
}

/* `cycles` rounds of: send an fd, close one end first (alternating). */
static void leak_cycles(int cycles)
{
    for (int i = 0; i < cycles; i++) {
        int sv[2], fd, flags;
        char buf[8];
        CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
        CHECK_OK(fd = open(F, O_RDONLY));
        CHECK_EQ(send_fd(sv[0], fd, "c"), 1);
        CHECK_OK(close(fd));
        if (i % 3 == 0) {                        /* received, then closed */
            int got = recv_fd(sv[1], buf, sizeof(buf), NULL, &flags, 256);
            CHECK(got >= 0);
            CHECK_OK(close(got));
        }
        CHECK_OK(close(i % 2 ? sv[0] : sv[1]));
        CHECK_OK(close(i % 2 ? sv[1] : sv[0]));
        if (i % 50 == 0) {                       /* a process exits with one in flight */
            pid_t pid;
            int status;
            CHECK_OK(pid = fork());
            if (pid == 0) {
                if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) < 0
                        || (fd = open(F, O_RDONLY)) < 0 || send_fd(sv[0], fd, "e") != 1)
                    _exit(1);
                _exit(0);                        /* nothing closed by hand */
            }
            CHECK_OK(waitpid(pid, &status, 0));
            CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        }
    }
}

int main(int argc, char **argv)
{
    int cycles = argc > 1 ? atoi(argv[1]) : 1000;
    across_fork();
    in_flight();
    credentials();
    /* Every descriptor above was closed: the next open gets fd 3 again. */
    int fd;
    CHECK_OK(fd = open(F, O_RDONLY));
    CHECK_EQ(fd, 3);
    CHECK_OK(close(fd));
    leak_cycles(cycles);
    CHECK_OK(fd = open(F, O_RDONLY));
    CHECK_EQ(fd, 3);
    CHECK_OK(close(fd));
    CHECK_OK(unlink(F));
    return fs_done("uds_rights");
}
