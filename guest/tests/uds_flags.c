/* Unix domain socket flags and signals (issue 8 step 5): MSG_PEEK,
 * MSG_DONTWAIT (without touching the descriptor's flags), MSG_WAITALL, SIGPIPE
 * for a write to a closed peer (none with MSG_NOSIGNAL, EPIPE when ignored),
 * EINTR for a read interrupted by a caught signal, SHUT_RD, SO_ERROR after a
 * refused non-blocking connect, readv/writev as one transfer, and two
 * processes sharing one socket consuming one stream. */
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include "fstest.h"

static void on_alarm(int sig)
{
    (void) sig;
}

static void flags(void)
{
    int sv[2];
    char buf[64];

    CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    CHECK_EQ(send(sv[0], "peekaboo", 8, 0), 8);
    CHECK_EQ(recv(sv[1], buf, 4, MSG_PEEK), 4);
    CHECK(memcmp(buf, "peek", 4) == 0);
    CHECK_EQ(recv(sv[1], buf, sizeof(buf), 0), 8);          /* still all there */
    CHECK(memcmp(buf, "peekaboo", 8) == 0);
    CHECK_ERR(recv(sv[1], buf, 1, MSG_DONTWAIT), EAGAIN);
    CHECK_EQ(fcntl(sv[1], F_GETFL) & O_NONBLOCK, 0);          /* the fd stays blocking */

    /* MSG_WAITALL waits for every byte, written in pieces by another process. */
    pid_t pid;
    CHECK_OK(pid = fork());
    if (pid == 0) {
        for (int i = 0; i < 4; i++) {
            for (volatile int j = 0; j < 5000; j++)
                ;
            if (write(sv[0], "abcd", 4) != 4)
                _exit(1);
        }
        _exit(0);
    }
    CHECK_EQ(recv(sv[1], buf, 16, MSG_WAITALL), 16);
    CHECK(memcmp(buf, "abcdabcdabcdabcd", 16) == 0);
    CHECK_OK(waitpid(pid, NULL, 0));

    /* writev is one transfer, readv scatters it. */
    struct iovec out[3] = { { "one", 3 }, { "-", 1 }, { "two", 3 } };
    char a[2], b[5];
    struct iovec in[2] = { { a, 2 }, { b, 5 } };
    CHECK_EQ(writev(sv[0], out, 3), 7);
    CHECK_EQ(readv(sv[1], in, 2), 7);
    CHECK(memcmp(a, "on", 2) == 0 && memcmp(b, "e-two", 5) == 0);

    /* SHUT_RD: reads give EPIPE. */
    CHECK_OK(shutdown(sv[1], SHUT_RD));
    CHECK_ERR(read(sv[1], buf, 1), EPIPE);
    CHECK_OK(close(sv[0]));
    CHECK_OK(close(sv[1]));
}

static void sigpipe(void)
{
    int sv[2], status;
    pid_t pid;

    /* A write to a closed peer kills with SIGPIPE... */
    CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    CHECK_OK(close(sv[1]));
    CHECK_OK(pid = fork());
    if (pid == 0) {
        write(sv[0], "x", 1);
        _exit(0);
    }
    CHECK_OK(waitpid(pid, &status, 0));
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE);
    /* ... but not with MSG_NOSIGNAL, nor when SIGPIPE is ignored. */
    CHECK_ERR(send(sv[0], "x", 1, MSG_NOSIGNAL), EPIPE);
    signal(SIGPIPE, SIG_IGN);
    CHECK_ERR(write(sv[0], "x", 1), EPIPE);
    signal(SIGPIPE, SIG_DFL);
    CHECK_OK(close(sv[0]));
}

static void interrupted(void)
{
    int sv[2];
    char c;
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm;
    CHECK_OK(sigaction(SIGALRM, &sa, NULL));
    CHECK_OK(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv));
    alarm(1);
    CHECK_ERR(read(sv[0], &c, 1), EINTR);
    /* The socket still works after the interrupted read. */
    CHECK_EQ(write(sv[1], "k", 1), 1);
    CHECK_EQ(read(sv[0], &c, 1), 1);
    CHECK_OK(close(sv[0]));
    CHECK_OK(close(sv[1]));
}

static void refused(void)
{
    struct sockaddr_un a;
    int sd, cd, err;
    socklen_t len = sizeof(err);

    memset(&a, 0, sizeof(a));
    a.sun_family = AF_UNIX;
    strcpy(a.sun_path, "/tmp/uds_flags.sock");
    unlink(a.sun_path);
    CHECK_OK(sd = socket(AF_UNIX, SOCK_STREAM, 0));
    CHECK_OK(bind(sd, (struct sockaddr *) &a, sizeof(a)));
    CHECK_OK(listen(sd, 1));
    CHECK_OK(cd = socket(AF_UNIX, SOCK_STREAM, 0));
    CHECK_OK(fcntl(cd, F_SETFL, O_NONBLOCK));
    CHECK_ERR(connect(cd, (struct sockaddr *) &a, sizeof(a)), EINPROGRESS);
    CHECK_OK(close(sd));
    CHECK_OK(getsockopt(cd, SOL_SOCKET, SO_ERROR, &err, &len));
    CHECK_EQ(err, ECONNREFUSED);
    CHECK_OK(getsockopt(cd, SOL_SOCKET, SO_ERROR, &err, &len));
    CHECK_EQ(err, 0);                                          /* read once */
    CHECK_OK(close(cd));
    CHECK_OK(unlink(a.sun_path));
}

static void shared(void)
{
    int sv[2], status;
    char buf[4];
    pid_t pid;

    /* Parent and child read one socket: they consume one stream. */
    CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    CHECK_EQ(write(sv[0], "aabb", 4), 4);
    CHECK_OK(pid = fork());
    if (pid == 0)
        _exit(read(sv[1], buf, 2) == 2 && memcmp(buf, "aa", 2) == 0 ? 0 : 1);
    CHECK_OK(waitpid(pid, &status, 0));
    CHECK_EQ(WEXITSTATUS(status), 0);
    CHECK_EQ(read(sv[1], buf, 4), 2);
    CHECK(memcmp(buf, "bb", 2) == 0);
    CHECK_OK(close(sv[0]));
    CHECK_OK(close(sv[1]));
}

int main(void)
{
    flags();
    sigpipe();
    interrupted();
    refused();
    shared();
    return fs_done("uds_flags");
}
