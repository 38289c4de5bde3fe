/* test56: Unix domain sockets, every call of the seed's list for the three
 * socket types, in one process and across fork (reference/uds-semantics.md,
 * "The test that drove the original work"). Prints "Test 56 ok" and exits 0.
 *
 * The same source builds natively with the host's cc as a semantics oracle:
 * the POSIX-common checks must pass on Linux too; what MINIX (and this
 * system) does differently sits under #ifdef __minix: absolute canonical
 * addresses, 32768-byte buffers, EMSGSIZE, automatic SCM_CREDENTIALS,
 * ENOTTY/ENOSYS on non-sockets, EINPROGRESS, EPIPE after SHUT_RD, ENFILE,
 * and a SEQPACKET peer's buffered records before its ECONNRESET (Linux
 * reports the reset first there, and only there).
 *
 * The scratch directory is made and removed with system("mkdir ...") and
 * system("rm -rf ...") when /bin/sh and system() exist, and with mkdir(),
 * unlink() and rmdir() directly otherwise (no shell on this branch yet). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#ifdef __minix
#include <sys/ucred.h>
#else
#include <sys/resource.h>
#endif

#define DIR_NAME "/tmp/test56.d"
#define TEST_UID 1000
#define TEST_GID 100

static int errct, checks;
static char scratch[256];

static void fail(int line, const char *what)
{
    fprintf(stderr, "test56:%d: %s (errno %d: %s)\n", line, what, errno, strerror(errno));
    fflush(stderr);
    if (++errct > 20)
        exit(1);
}

#define CHECK(c) do { checks++; if (!(c)) fail(__LINE__, #c); } while (0)
#define OK(e) do { checks++; errno = 0; \
        if ((long) (e) == -1) fail(__LINE__, #e " failed"); } while (0)
#define ERR(e, en) do { checks++; errno = 0; long r_ = (long) (e); \
        if (r_ != -1 || errno != (en)) fail(__LINE__, #e " != -1 " #en); } while (0)
#define EQ(e, v) do { checks++; errno = 0; long r_ = (long) (e); \
        if (r_ != (long) (v)) fail(__LINE__, #e " != " #v); } while (0)

/* system() when there is a shell; plain calls when there is not. */
extern int system(const char *) __attribute__((weak));

static int have_shell(void)
{
    return system != NULL && access("/bin/sh", X_OK) == 0;
}

static void scratch_make(void)
{
    if (have_shell()) {
        snprintf(scratch, sizeof(scratch), "rm -rf %s && mkdir -p %s", DIR_NAME, DIR_NAME);
        OK(system(scratch));
    } else {
        OK(mkdir(DIR_NAME, 0777));
    }
    OK(chmod(DIR_NAME, 0777));
    OK(chdir(DIR_NAME));
}

static void scratch_remove(void)
{
    static const char *const names[] = { "test.sock", "test2.sock", "dgram1", "dgram2",
        "sym.sock", "loop1", "loop2", "file", "perm.sock", "fd.txt", "user.sock", NULL };
    OK(chdir("/"));
    if (have_shell()) {
        snprintf(scratch, sizeof(scratch), "rm -rf %s", DIR_NAME);
        OK(system(scratch));
        return;
    }
    for (int i = 0; names[i]; i++) {
        snprintf(scratch, sizeof(scratch), "%s/%s", DIR_NAME, names[i]);
        unlink(scratch);
    }
    OK(rmdir(DIR_NAME));
}

static struct sockaddr_un addr_of(const char *path)
{
    struct sockaddr_un a;
    memset(&a, 0, sizeof(a));
    a.sun_family = AF_UNIX;
    strncpy(a.sun_path, path, sizeof(a.sun_path) - 1);
    return a;
}

#define SA(a) ((struct sockaddr *) &(a))
static const int types[] = { SOCK_STREAM, SOCK_SEQPACKET, SOCK_DGRAM };

static void test_socket(void)
{
    int sd, fds[300], n, sv[2];
    struct stat st;

    for (int i = 0; i < 3; i++) {
        int t;
        socklen_t len = sizeof(t);
        OK(sd = socket(PF_UNIX, types[i], 0));
        OK(getsockopt(sd, SOL_SOCKET, SO_TYPE, &t, &len));
        EQ(t, types[i]);
        OK(fstat(sd, &st));
        CHECK(S_ISSOCK(st.st_mode));
        OK(close(sd));
    }
    ERR(socket(PF_UNIX, SOCK_STREAM, 4), EPROTONOSUPPORT);
    ERR(socket(-1, SOCK_STREAM, 0), EAFNOSUPPORT);
    ERR(close(-1), EBADF);
    ERR(read(999, &n, 1), EBADF);
    ERR(write(999, &n, 1), EBADF);
#ifdef __minix
    ERR(socket(PF_UNIX, 77, 0), EPROTOTYPE);
    ERR(socketpair(PF_UNIX, SOCK_DGRAM, 0, sv), EPROTOTYPE);
    OK(sd = socket(PF_UNIX, SOCK_STREAM, 0));
    OK(fstat(sd, &st));
    EQ(major(st.st_dev), 18);
    OK(close(sd));
#endif
    ERR(socketpair(-1, SOCK_STREAM, 0, sv), EAFNOSUPPORT);

    /* Fill the descriptor table: EMFILE for socket, socketpair and dup. */
#ifndef __minix
    struct rlimit rl = { 256, 256 };       /* the host's limit is far larger */
    OK(setrlimit(RLIMIT_NOFILE, &rl));
#endif
    for (n = 0; n < 300; n++)
        if ((fds[n] = socket(PF_UNIX, SOCK_STREAM, 0)) < 0)
            break;
    CHECK(n < 300 && errno == EMFILE);
    ERR(socket(PF_UNIX, SOCK_STREAM, 0), EMFILE);
    ERR(socketpair(PF_UNIX, SOCK_STREAM, 0, sv), EMFILE);
    ERR(dup(0), EMFILE);
    while (n-- > 0)
        OK(close(fds[n]));

#ifdef __minix
    /* 255 sockets in the system: ENFILE when the table is full. */
    int p[2];
    pid_t pid;
    OK(pipe(p));
    OK(pid = fork());
    if (pid == 0) {
        for (int i = 0; i < 20; i++)
            socket(PF_UNIX, SOCK_STREAM, 0);
        write(p[1], "r", 1);
        pause();
        _exit(0);
    }
    char c;
    EQ(read(p[0], &c, 1), 1);
    for (n = 0; n < 300; n++)
        if ((fds[n] = socket(PF_UNIX, SOCK_STREAM, 0)) < 0)
            break;
    CHECK(errno == ENFILE);
    while (n-- > 0)
        OK(close(fds[n]));
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    close(p[0]);
    close(p[1]);
#endif
    /* 1024 socket + close cycles leak nothing. */
    for (n = 0; n < 1024; n++) {
        OK(sd = socket(PF_UNIX, types[n % 3], 0));
        OK(close(sd));
    }
}

static void test_bind_and_addresses(void)
{
    struct sockaddr_un a = addr_of("test.sock"), got;
    socklen_t len = sizeof(got);
    int sd, sd2;
    struct stat st;

    OK(sd = socket(PF_UNIX, SOCK_STREAM, 0));
    ERR(bind(sd, NULL, sizeof(a)), EFAULT);
    OK(bind(sd, SA(a), sizeof(a)));
    OK(stat("test.sock", &st));
    CHECK(S_ISSOCK(st.st_mode));
    OK(getsockname(sd, SA(got), &len));
    EQ(got.sun_family, AF_UNIX);
#ifdef __minix
    CHECK(strcmp(got.sun_path, DIR_NAME "/test.sock") == 0);   /* absolute, canonical */
    ERR(bind(sd, SA(a), sizeof(a)), EINVAL);
#endif
    OK(sd2 = socket(PF_UNIX, SOCK_STREAM, 0));
    ERR(bind(sd2, SA(a), sizeof(a)), EADDRINUSE);
    int fd;
    struct sockaddr_un plain = addr_of("file");     /* a regular file is no socket */
    OK(fd = open("file", O_RDWR | O_CREAT, 0666));
    OK(close(fd));
    ERR(bind(sd2, SA(plain), sizeof(plain)), EADDRINUSE);
    OK(stat("file", &st));
    CHECK(S_ISREG(st.st_mode));
#ifdef __minix
    struct sockaddr_un empty = addr_of("");    /* Linux binds an abstract name */
    ERR(bind(sd2, SA(empty), sizeof(empty)), ENOENT);
#endif
    OK(close(sd2));
    OK(close(sd));
    OK(stat("test.sock", &st));                     /* close leaves the file */
    OK(unlink("test.sock"));
}

static void stream_or_seqpacket(int type)
{
    struct sockaddr_un a = addr_of(DIR_NAME "/test.sock"), got;
    socklen_t len;
    int sd, cd, ad, status;
    char buf[128];
    pid_t pid;
    fd_set r;
    struct timeval tv = { 5, 0 };

    unlink(a.sun_path);
    OK(sd = socket(PF_UNIX, type, 0));
    ERR(listen(sd, 1), EINVAL);                     /* not bound */
    OK(bind(sd, SA(a), sizeof(a)));
    OK(listen(sd, 4));
    OK(pid = fork());
    if (pid == 0) {
        struct sockaddr_un via = addr_of(DIR_NAME "/sym.sock");
        char b[16];
        int c = socket(PF_UNIX, type, 0);
        if (connect(c, SA(via), sizeof(via)) < 0)
            _exit(2);
        if (send(c, "hello", 5, 0) != 5 || send(c, "world", 5, 0) != 5)
            _exit(3);
        if (recv(c, b, sizeof(b), 0) != 3 || memcmp(b, "bye", 3))
            _exit(4);
        _exit(0);
    }
    FD_ZERO(&r);
    FD_SET(sd, &r);
    EQ(select(sd + 1, &r, NULL, NULL, &tv), 1);     /* the connection is pending */
    len = sizeof(got);
    OK(ad = accept(sd, SA(got), &len));
    len = sizeof(got);
    OK(getpeername(ad, SA(got), &len));
#ifdef __minix
    CHECK(strcmp(got.sun_path, DIR_NAME "/test.sock") == 0);
#endif
    if (type == SOCK_SEQPACKET) {
        EQ(recv(ad, buf, sizeof(buf), 0), 5);       /* one record per read */
        EQ(recv(ad, buf, sizeof(buf), 0), 5);
    } else {
        EQ(recv(ad, buf, 10, MSG_WAITALL), 10);
    }
    CHECK(memcmp(buf, type == SOCK_SEQPACKET ? "world" : "helloworld", 5) == 0);
    EQ(write(ad, "bye", 3), 3);
    OK(waitpid(pid, &status, 0));
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    EQ(read(ad, buf, sizeof(buf)), 0);              /* the client exited: EOF */
    OK(close(ad));

    /* Non-blocking: accept with nothing pending, connect that waits. */
    OK(fcntl(sd, F_SETFL, O_NONBLOCK));
    ERR(accept(sd, NULL, NULL), EAGAIN);
    OK(fcntl(sd, F_SETFL, 0));
    OK(cd = socket(PF_UNIX, type, 0));
    OK(fcntl(cd, F_SETFL, O_NONBLOCK));
#ifdef __minix
    ERR(connect(cd, SA(a), sizeof(a)), EINPROGRESS);
    ERR(connect(cd, SA(a), sizeof(a)), EALREADY);
#else
    CHECK(connect(cd, SA(a), sizeof(a)) == 0 || errno == EINPROGRESS);
#endif
    OK(ad = accept(sd, NULL, NULL));
    OK(fcntl(cd, F_SETFL, 0));
    ERR(connect(cd, SA(a), sizeof(a)), EISCONN);

    /* readv/writev, sendto on a connected socket ignores the address. */
    struct iovec out[2] = { { "ab", 2 }, { "cd", 2 } }, in[2];
    char x[1], y[3];
    in[0].iov_base = x; in[0].iov_len = 1; in[1].iov_base = y; in[1].iov_len = 3;
    EQ(writev(cd, out, 2), 4);
    EQ(readv(ad, in, 2), 4);
    CHECK(x[0] == 'a' && memcmp(y, "bcd", 3) == 0);
#ifdef __minix
    EQ(sendto(cd, "s", 1, 0, SA(a), sizeof(a)), 1);   /* Linux: EISCONN */
    EQ(recvfrom(ad, buf, sizeof(buf), 0, NULL, NULL), 1);
#endif

    /* shutdown. */
    ERR(shutdown(cd, 9), EINVAL);
    OK(shutdown(cd, SHUT_WR));
    ERR(send(cd, "x", 1, MSG_NOSIGNAL), EPIPE);
    EQ(read(ad, buf, 1), 0);
    OK(shutdown(ad, SHUT_RD));
#ifdef __minix
    ERR(read(ad, buf, 1), EPIPE);
#endif
    OK(close(ad));
    OK(close(cd));
    OK(close(sd));
    OK(cd = socket(PF_UNIX, type, 0));
    ERR(connect(cd, SA(a), sizeof(a)), ECONNREFUSED);    /* nobody listens */
#ifdef __minix
    ERR(shutdown(cd, SHUT_RDWR), ENOTCONN);         /* Linux accepts it */
#endif
    OK(close(cd));
    OK(unlink(a.sun_path));
}

static void test_dgram(void)
{
    struct sockaddr_un a1 = addr_of(DIR_NAME "/dgram1"), a2 = addr_of(DIR_NAME "/dgram2"), from;
    socklen_t len = sizeof(from);
    int s1, s2;
    char buf[64];
    struct msghdr msg;
    struct iovec iov;

    OK(s1 = socket(PF_UNIX, SOCK_DGRAM, 0));
    OK(s2 = socket(PF_UNIX, SOCK_DGRAM, 0));
    OK(bind(s1, SA(a1), sizeof(a1)));
    OK(bind(s2, SA(a2), sizeof(a2)));
    ERR(listen(s1, 1), EOPNOTSUPP);
    EQ(sendto(s1, "one", 3, 0, SA(a2), sizeof(a2)), 3);
    EQ(sendto(s1, "three", 5, 0, SA(a2), sizeof(a2)), 5);
    EQ(recvfrom(s2, buf, sizeof(buf), 0, SA(from), &len), 3);
    CHECK(strcmp(from.sun_path, DIR_NAME "/dgram1") == 0);
    memset(&msg, 0, sizeof(msg));
    iov.iov_base = buf;
    iov.iov_len = 2;
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_name = &from;
    msg.msg_namelen = sizeof(from);
    EQ(recvmsg(s2, &msg, 0), 2);                    /* the rest is dropped */
    CHECK(memcmp(buf, "th", 2) == 0);
    ERR(recv(s2, buf, 1, MSG_DONTWAIT), EAGAIN);
    memset(&msg, 0, sizeof(msg));
    iov.iov_base = "z";
    iov.iov_len = 1;
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
#ifdef __minix
    ERR(sendmsg(s1, &msg, 0), EDESTADDRREQ);
#else
    CHECK(sendmsg(s1, &msg, 0) == -1 && (errno == EDESTADDRREQ || errno == ENOTCONN));
#endif
    OK(close(s2));
    OK(unlink(a2.sun_path));
    ERR(sendto(s1, "x", 1, 0, SA(a2), sizeof(a2)), ENOENT);
    OK(close(s1));
    OK(unlink(a1.sun_path));
}

static void test_options(void)
{
    int sv[2], v;
    socklen_t len = sizeof(v);
    OK(socketpair(PF_UNIX, SOCK_STREAM, 0, sv));
    OK(getsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, &len));
#ifdef __minix
    EQ(v, 32768);
    len = sizeof(v);
    OK(getsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &v, &len));
    EQ(v, 32768);
    v = 65536;
    ERR(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)), ENOSYS);
    static char big[40000];
    ERR(write(sv[0], big, sizeof(big)), EMSGSIZE);
    ERR(listen(0, 1), ENOTTY);                      /* not a socket: 3.1.8's ioctl errors */
    ERR(shutdown(0, SHUT_RD), ENOSYS);
#endif
    v = 1024;
    OK(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)));
    v = 1;                                          /* SO_PASSCRED on: on when asked */
    OK(setsockopt(sv[0], SOL_SOCKET, SO_PASSCRED, &v, sizeof(v)));
    v = 0;
    len = sizeof(v);
    OK(getsockopt(sv[0], SOL_SOCKET, SO_PASSCRED, &v, &len));
    EQ(v, 1);
    EQ(len, sizeof(v));
#ifdef __minix
    v = 0;                                          /* 3.1.8: always on, for every socket */
    len = sizeof(v);
    OK(getsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &v, &len));
    EQ(v, 1);
    ERR(getsockopt(0, SOL_SOCKET, SO_PASSCRED, &v, &len), ENOTSOCK); /* not a socket */
#endif
    struct ucred cred;
    len = sizeof(cred);
    OK(getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cred, &len));
    EQ(cred.pid, getpid());
    EQ(cred.uid, geteuid());
    EQ(cred.gid, getegid());
#ifdef __minix
    uid_t u;
    gid_t g;
    OK(getpeereid(sv[0], &u, &g));
    EQ(u, geteuid());
#endif
    int fd;
    OK(fd = open("file", O_RDWR | O_CREAT, 0666));
    ERR(getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &len), ENOTSOCK);
    OK(close(fd));
    OK(close(sv[0]));
    OK(close(sv[1]));
}

static int readable_within(int fd, long usec)
{
    fd_set r;
    struct timeval tv = { usec / 1000000, usec % 1000000 };
    FD_ZERO(&r);
    FD_SET(fd, &r);
    return select(fd + 1, &r, NULL, NULL, &tv);
}

static void nap(long usec)
{
    struct timeval tv = { 0, usec };
    select(0, NULL, NULL, NULL, &tv);
}

static int so_error(int sd)
{
    int err = -1;
    socklen_t len = sizeof(err);
    if (getsockopt(sd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
        return -1;
    return err;
}

/* A connected socket closed while data it had received is still unread
 * leaves its peer ECONNRESET, once (Linux's AF_UNIX rule); a close with
 * nothing unread is a plain end of file. Writes to the closed peer: EPIPE. */
static void test_reset(void)
{
    int sv[2], status;
    char buf[16];
    pid_t pid;

    for (int i = 0; i < 2; i++) {
        int type = types[i];

        /* sv[0] leaves "to-0" unread: sv[1] reads its own data, then the
         * reset, then end of file for good. */
        OK(socketpair(PF_UNIX, type, 0, sv));
        EQ(write(sv[1], "to-0", 4), 4);
        EQ(write(sv[0], "to-1", 4), 4);
        OK(close(sv[0]));
        EQ(readable_within(sv[1], 0), 1);
        if (type == SOCK_STREAM) {
            ERR(send(sv[1], "x", 1, MSG_NOSIGNAL), EPIPE);   /* the reset stays pending */
            ERR(write(sv[1], "x", 1), EPIPE);
            EQ(read(sv[1], buf, sizeof(buf)), 4);
            ERR(read(sv[1], buf, sizeof(buf)), ECONNRESET);
        } else {
#ifdef __minix
            EQ(read(sv[1], buf, sizeof(buf)), 4);        /* data first, as for a stream */
            ERR(read(sv[1], buf, sizeof(buf)), ECONNRESET);
#else
            ERR(read(sv[1], buf, sizeof(buf)), ECONNRESET);  /* Linux: the error first */
            EQ(read(sv[1], buf, sizeof(buf)), 4);
#endif
        }
        CHECK(memcmp(buf, "to-1", 4) == 0);
        EQ(read(sv[1], buf, sizeof(buf)), 0);
        EQ(read(sv[1], buf, sizeof(buf)), 0);
        OK(close(sv[1]));

        /* SO_ERROR reports the reset and clears it. */
        OK(socketpair(PF_UNIX, type, 0, sv));
        EQ(write(sv[1], "to-0", 4), 4);
        OK(close(sv[0]));
        EQ(readable_within(sv[1], 0), 1);
        EQ(so_error(sv[1]), ECONNRESET);
        EQ(so_error(sv[1]), 0);
        EQ(read(sv[1], buf, sizeof(buf)), 0);
        OK(close(sv[1]));

        /* Everything was read before the close: plain end of file. */
        OK(socketpair(PF_UNIX, type, 0, sv));
        EQ(write(sv[1], "to-0", 4), 4);
        EQ(read(sv[0], buf, sizeof(buf)), 4);
        EQ(write(sv[0], "to-1", 4), 4);
        OK(close(sv[0]));
        EQ(read(sv[1], buf, sizeof(buf)), 4);
        EQ(read(sv[1], buf, sizeof(buf)), 0);
        EQ(so_error(sv[1]), 0);
        OK(close(sv[1]));

        /* A reader blocked when the peer closes with data unread wakes with
         * ECONNRESET (the child writes, then blocks; the parent waits for
         * the data to arrive and closes without reading it). */
        OK(socketpair(PF_UNIX, type, 0, sv));
        OK(pid = fork());
        if (pid == 0) {
            close(sv[1]);
            if (write(sv[0], "unread", 6) != 6)
                _exit(2);
            if (read(sv[0], buf, sizeof(buf)) != -1 || errno != ECONNRESET)
                _exit(3);
            _exit(read(sv[0], buf, sizeof(buf)) == 0 ? 0 : 4);
        }
        OK(close(sv[0]));
        EQ(readable_within(sv[1], 5000000), 1);
        nap(100000);                                /* let the child block in read */
        OK(close(sv[1]));
        OK(waitpid(pid, &status, 0));
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
}

static int send_fd(int sd, int fd)
{
    struct iovec iov = { "f", 1 };
    union { struct cmsghdr h; char b[CMSG_SPACE(sizeof(int))]; } u;
    struct msghdr msg;
    memset(&msg, 0, sizeof(msg));
    memset(&u, 0, sizeof(u));
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

static int recv_fd(int sd, struct ucred *cred)
{
    char b[1], ctl[256];
    struct iovec iov = { b, 1 };
    struct msghdr msg;
    int fd = -1;
    memset(&msg, 0, sizeof(msg));
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = ctl;
    msg.msg_controllen = sizeof(ctl);
    if (recvmsg(sd, &msg, 0) != 1)
        return -2;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_type == SCM_RIGHTS)
            memcpy(&fd, CMSG_DATA(c), sizeof(int));
        if (c->cmsg_type == SCM_CREDENTIALS && cred != NULL)
            memcpy(cred, CMSG_DATA(c), sizeof(*cred));
    }
    return fd;
}

static void test_fd_passing(void)
{
    int sv[2], fd, status;
    char buf[32];
    pid_t pid;

    /* A opens a file and passes it to B; B writes, closes and says so; A
     * reads back what B wrote through the shared open file. */
    OK(socketpair(PF_UNIX, SOCK_STREAM, 0, sv));
    OK(fd = open("fd.txt", O_RDWR | O_CREAT | O_TRUNC, 0644));
    OK(pid = fork());
    if (pid == 0) {
        struct ucred cred;
        memset(&cred, 0, sizeof(cred));
        close(sv[0]);
        int got = recv_fd(sv[1], &cred);
        if (got < 0)
            _exit(2);
#ifdef __minix
        if (cred.pid != getppid())              /* credentials come with every recvmsg */
            _exit(3);
#endif
        if (write(got, "Hello from B", 12) != 12)
            _exit(4);
        close(got);
        _exit(write(sv[1], "k", 1) == 1 ? 0 : 5);
    }
    OK(close(sv[1]));
    EQ(send_fd(sv[0], fd), 1);
    EQ(read(sv[0], buf, 1), 1);
    OK(waitpid(pid, &status, 0));
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    if (WEXITSTATUS(status))
        fprintf(stderr, "test56: fd passing child exited %d\n", WEXITSTATUS(status));
    OK(lseek(fd, 0, SEEK_SET));
    EQ(read(fd, buf, sizeof(buf)), 12);
    CHECK(memcmp(buf, "Hello from B", 12) == 0);
    OK(close(fd));
    OK(close(sv[0]));
}

static void as_test_user(int may)
{
    struct sockaddr_un a = addr_of(DIR_NAME "/perm.sock");
    int sd = socket(PF_UNIX, SOCK_STREAM, 0);
    OK(sd);
    if (may) {                  /* rw for everyone: the connect is let through */
        OK(fcntl(sd, F_SETFL, O_NONBLOCK));
        CHECK(connect(sd, SA(a), sizeof(a)) == 0 || errno == EINPROGRESS);
        OK(close(sd));
        return;
    }
    ERR(connect(sd, SA(a), sizeof(a)), EACCES);
    OK(close(sd));
    OK(sd = socket(PF_UNIX, SOCK_DGRAM, 0));
    ERR(sendto(sd, "x", 1, 0, SA(a), sizeof(a)), EACCES);
    OK(close(sd));
}

/* connect and sendto need write (and, in MINIX, read) permission on the
 * socket file: a process that dropped to uid 1000 is refused a node it
 * may not write, whether it may read it or not. */
static void test_permissions(void)
{
    static const int modes[] = { 0600, 0644, 0666 };
    struct sockaddr_un a = addr_of(DIR_NAME "/perm.sock");
    int sd, status;
    pid_t pid;
    if (geteuid() != 0)
        return;                 /* needs root to become the test user (native runs) */
    OK(sd = socket(PF_UNIX, SOCK_STREAM, 0));
    OK(bind(sd, SA(a), sizeof(a)));
    OK(listen(sd, 1));
    for (int i = 0; i < 3; i++) {
        OK(chmod(a.sun_path, modes[i]));
        fflush(stdout);
        OK(pid = fork());
        if (pid == 0) {
            errct = 0;
            if (setgid(TEST_GID) < 0 || setuid(TEST_UID) < 0)
                _exit(9);
            as_test_user(modes[i] == 0666);
            _exit(errct ? 1 : 0);
        }
        OK(waitpid(pid, &status, 0));
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    OK(close(sd));
    OK(unlink(a.sun_path));
}

static void test_addresses_via_fs(void)
{
    struct sockaddr_un a;
    int sd;
    OK(symlink(DIR_NAME "/loop2", "loop1"));
    OK(symlink(DIR_NAME "/loop1", "loop2"));
    OK(sd = socket(PF_UNIX, SOCK_STREAM, 0));
    a = addr_of(DIR_NAME "/loop1");
    ERR(connect(sd, SA(a), sizeof(a)), ELOOP);
    a = addr_of(DIR_NAME "/nowhere");
    ERR(connect(sd, SA(a), sizeof(a)), ENOENT);
    OK(close(sd));
}

int main(void)
{
    printf("Test 56 ");
    fflush(stdout);
    signal(SIGPIPE, SIG_IGN);
    alarm(60);                  /* a hang is a failure, not a stuck test run */
    scratch_make();
    OK(symlink(DIR_NAME "/test.sock", "sym.sock"));
    test_socket();
    test_bind_and_addresses();
    stream_or_seqpacket(SOCK_STREAM);
    stream_or_seqpacket(SOCK_SEQPACKET);
    test_dgram();
    test_options();
    test_reset();
    test_fd_passing();
    test_permissions();
    test_addresses_via_fs();
    scratch_remove();
    if (errct) {
        printf("failed (%d errors in %d checks)\n", errct, checks);
        return 1;
    }
    printf("ok\n");
    return 0;
}
