/* Unix domain sockets, the core (issue 8 step 1): socketpair for STREAM and
 * SEQPACKET, read/write, message boundaries, end of file and EPIPE after a
 * close, EMSGSIZE, non-blocking EAGAIN, a blocked reader woken by a writer in
 * another process and by the peer's close, the socket options PFS answers,
 * fstat's per-socket device, and the library's argument errors. */
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include "fstest.h"

static void stream_pair(void)
{
    int sv[2];
    char buf[64];
    struct stat st0, st1;

    CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    CHECK_EQ(write(sv[0], "hello", 5), 5);
    CHECK_EQ(write(sv[0], "world", 5), 5);
    CHECK_EQ(read(sv[1], buf, 3), 3);              /* a stream has no boundaries */
    CHECK(memcmp(buf, "hel", 3) == 0);
    CHECK_EQ(read(sv[1], buf, sizeof(buf)), 7);
    CHECK(memcmp(buf, "loworld", 7) == 0);
    CHECK_EQ(send(sv[1], "back", 4, 0), 4);
    CHECK_EQ(recv(sv[0], buf, sizeof(buf), 0), 4);
    CHECK(memcmp(buf, "back", 4) == 0);

    /* Each socket is its own device: major 18, its own minor. */
    CHECK_OK(fstat(sv[0], &st0));
    CHECK_OK(fstat(sv[1], &st1));
    CHECK(S_ISSOCK(st0.st_mode));
    CHECK_EQ(major(st0.st_dev), 18);
    CHECK(st0.st_dev != st1.st_dev);

    /* Nothing buffered, non-blocking: EAGAIN (also with MSG_DONTWAIT). */
    CHECK_ERR(recv(sv[0], buf, 1, MSG_DONTWAIT), EAGAIN);
    CHECK_OK(fcntl(sv[0], F_SETFL, O_NONBLOCK));
    CHECK_ERR(read(sv[0], buf, 1), EAGAIN);
    CHECK_OK(fcntl(sv[0], F_SETFL, 0));

    /* A write larger than the buffer: EMSGSIZE; one that does not fit: EAGAIN. */
    static char big[40000];
    CHECK_ERR(write(sv[0], big, sizeof(big)), EMSGSIZE);
    CHECK_EQ(write(sv[0], big, 32768), 32768);
    CHECK_OK(fcntl(sv[0], F_SETFL, O_NONBLOCK));
    CHECK_ERR(write(sv[0], big, 1), EAGAIN);
    CHECK_OK(fcntl(sv[0], F_SETFL, 0));
    CHECK_EQ(read(sv[1], big, sizeof(big)), 32768);

    /* Peer closed: buffered data first, then end of file; writes EPIPE. */
    CHECK_EQ(write(sv[1], "last", 4), 4);
    CHECK_OK(close(sv[1]));
    CHECK_EQ(read(sv[0], buf, sizeof(buf)), 4);
    CHECK_EQ(read(sv[0], buf, sizeof(buf)), 0);
    CHECK_ERR(write(sv[0], "x", 1), EPIPE);
    CHECK_OK(close(sv[0]));
    CHECK_ERR(read(sv[0], buf, 1), EBADF);
}

static void seqpacket_pair(void)
{
    int sv[2];
    char buf[64];

    CHECK_OK(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv));
    CHECK_EQ(write(sv[0], "one", 3), 3);
    CHECK_EQ(write(sv[0], "two!", 4), 4);
    CHECK_EQ(read(sv[1], buf, sizeof(buf)), 3);    /* one message per read */
    CHECK_EQ(read(sv[1], buf, 2), 2);              /* the rest of it is dropped */
    CHECK(memcmp(buf, "tw", 2) == 0);
    CHECK_ERR(recv(sv[1], buf, 1, MSG_DONTWAIT), EAGAIN);
    CHECK_OK(shutdown(sv[0], SHUT_WR));
    CHECK_ERR(write(sv[0], "x", 1), EPIPE);
    CHECK_EQ(read(sv[1], buf, sizeof(buf)), 0);    /* the peer shut down writing */
    CHECK_ERR(shutdown(sv[0], 7), EINVAL);
    CHECK_OK(close(sv[0]));
    CHECK_OK(close(sv[1]));
}

static void across_fork(void)
{
    int sv[2], status;
    char buf[64];
    pid_t pid;

    /* The parent blocks in read until the child writes. */
    CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    CHECK_OK(pid = fork());
    if (pid == 0) {
        close(sv[0]);
        for (volatile int i = 0; i < 20000; i++)
            ;
        _exit(write(sv[1], "from child", 10) == 10 ? 0 : 1);
    }
    CHECK_OK(close(sv[1]));
    CHECK_EQ(read(sv[0], buf, sizeof(buf)), 10);
    CHECK(memcmp(buf, "from child", 10) == 0);
    /* The child exited: its end closed, so the next read is end of file. */
    CHECK_EQ(read(sv[0], buf, sizeof(buf)), 0);
    CHECK_OK(waitpid(pid, &status, 0));
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK_OK(close(sv[0]));

    /* A reader blocked when its peer closes wakes with end of file. */
    CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    CHECK_OK(pid = fork());
    if (pid == 0) {
        close(sv[1]);
        _exit(read(sv[0], buf, sizeof(buf)) == 0 ? 0 : 1);
    }
    CHECK_OK(close(sv[0]));
    for (volatile int i = 0; i < 20000; i++)
        ;
    CHECK_OK(close(sv[1]));
    CHECK_OK(waitpid(pid, &status, 0));
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void options_and_errors(void)
{
    int sv[2], v;
    socklen_t len = sizeof(v);

    CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    CHECK_OK(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &v, &len));
    CHECK_EQ(v, SOCK_STREAM);
    len = sizeof(v);
    CHECK_OK(getsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, &len));
    CHECK_EQ(v, 32768);
    v = 65536;
    CHECK_ERR(setsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)), ENOSYS);
    v = 1024;
    CHECK_OK(setsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)));
    CHECK_ERR(ioctl(sv[0], 0x4004ee01, &v), EBADIOCTL);
    CHECK_OK(close(sv[0]));
    CHECK_OK(close(sv[1]));

    CHECK_ERR(socket(AF_UNIX, 9, 0), EPROTOTYPE);
    CHECK_ERR(socket(AF_UNIX, SOCK_STREAM, 1), EPROTONOSUPPORT);
    CHECK_ERR(socket(77, SOCK_STREAM, 0), EAFNOSUPPORT);
    CHECK_ERR(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv), EPROTOTYPE);
    CHECK_OK(v = socket(AF_UNIX, SOCK_STREAM, 0));
    char c;
    CHECK_ERR(read(v, &c, 1), ENOTCONN);
    CHECK_ERR(write(v, &c, 1), ENOTCONN);
    CHECK_ERR(shutdown(v, SHUT_RD), ENOTCONN);
    CHECK_ERR(getsockopt(0, SOL_SOCKET, SO_TYPE, &c, &len), ENOTSOCK);
    CHECK_OK(close(v));

    /* 1024 socket + close cycles leak nothing. */
    for (int i = 0; i < 1024; i++) {
        CHECK_OK(v = socket(AF_UNIX, SOCK_DGRAM, 0));
        CHECK_OK(close(v));
    }
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);      /* EPIPE is checked here; SIGPIPE in uds_flags */
    stream_pair();
    seqpacket_pair();
    across_fork();
    options_and_errors();
    printf("%d checks\nok\n", fs_checks);
    return 0;
}
