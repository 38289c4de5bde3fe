/* Hostile input for /dev/uds (issue 8): random ioctl numbers and random bytes
 * in sockaddr_un, msghdr and cmsghdr fields (lengths, counts, descriptors,
 * pointers) on every socket call. Pointers the C library itself reads stay
 * inside a scratch area (a real libc would fault there too); pointers that go
 * to the system are anything, so bad ones must come back as EFAULT. Every
 * call must return or fail with an errno; afterwards the system still works.
 * Usage: uds_fuzz [calls] [seed]. Prints "ok" at the end. */
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include "fstest.h"

static unsigned long rng = 12345;
static unsigned rnd(void)
{
    rng = rng * 1103515245 + 12345;
    return (unsigned) (rng >> 16) ^ (unsigned) (rng << 13);
}

static char scratch[65536];
static int socks[12];

/* A pointer the system may be handed: NULL, unmapped, or inside scratch. */
static void *any_ptr(void)
{
    switch (rnd() % 5) {
    case 0: return NULL;
    case 1: return (void *) (unsigned long) (rnd() % 4096);
    case 2: return (void *) (unsigned long) (0xC0000000u + rnd());
    default: return scratch + rnd() % (sizeof(scratch) - 8192);
    }
}

/* A pointer the C library reads itself: NULL or inside scratch. */
static void *lib_ptr(void)
{
    return rnd() % 6 == 0 ? NULL : scratch + rnd() % (sizeof(scratch) - 8192);
}

static void randomize(void *p, size_t n)
{
    unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        b[i] = (unsigned char) rnd();
}

static int pick_fd(void)
{
    return rnd() % 10 == 0 ? (int) (rnd() % 300) - 20 : socks[rnd() % 12];
}

static void refill(void)
{
    for (int i = 0; i < 12; i++) {
        if (socks[i] >= 0 && rnd() % 8)
            continue;
        if (socks[i] >= 0)
            close(socks[i]);
        socks[i] = socket(AF_UNIX, 1 + rnd() % 5, 0);
        if (socks[i] < 0)
            socks[i] = socket(AF_UNIX, SOCK_DGRAM, 0);
        if (socks[i] >= 0)
            fcntl(socks[i], F_SETFL, O_NONBLOCK);
    }
}

static struct sockaddr_un *rand_addr(socklen_t *len)
{
    struct sockaddr_un *a = (struct sockaddr_un *) (scratch + 60000);
    static const char *const paths[] = { "/tmp/uds_fuzz/a", "/tmp/uds_fuzz/b", "a", "../x",
                                         "/tmp/uds_fuzz", "/dev/uds", "" };
    randomize(a, sizeof(*a));
    if (rnd() % 3) {
        a->sun_family = rnd() % 4 ? AF_UNIX : (sa_family_t) rnd();
        strcpy(a->sun_path, paths[rnd() % 7]);
    }
    *len = rnd() % 3 ? sizeof(*a) : rnd() % 300;
    return rnd() % 10 ? a : (struct sockaddr_un *) lib_ptr();
}

static struct msghdr *rand_msg(void)
{
    static struct msghdr m;
    struct iovec *iov = (struct iovec *) (scratch + 50000);
    socklen_t len;
    randomize(&m, sizeof(m));
    for (int i = 0; i < 4; i++) {
        iov[i].iov_base = lib_ptr();
        iov[i].iov_len = rnd() % 4 ? rnd() % 512 : rnd();
        if (iov[i].iov_base == NULL)
            iov[i].iov_len = 0;
    }
    m.msg_iov = rnd() % 8 ? iov : NULL;
    m.msg_iovlen = rnd() % 6 ? (int) (rnd() % 5) : (int) rnd();
    if (m.msg_iov == NULL)
        m.msg_iovlen = 0;
    m.msg_name = rnd() % 2 ? rand_addr(&len) : NULL;
    m.msg_namelen = len;
    struct cmsghdr *c = (struct cmsghdr *) (scratch + 40000);
    randomize(c, 512);
    if (rnd() % 2) {
        c->cmsg_len = rnd() % 3 ? CMSG_LEN(4 * (rnd() % 8)) : rnd();
        c->cmsg_level = rnd() % 4 ? SOL_SOCKET : (int) rnd();
        c->cmsg_type = rnd() % 2 ? SCM_RIGHTS : (int) (rnd() % 4);
        int *fds = (int *) CMSG_DATA(c);
        for (int i = 0; i < 8; i++)
            fds[i] = rnd() % 3 ? pick_fd() : (int) rnd();
    }
    m.msg_control = rnd() % 5 ? (void *) c : NULL;
    m.msg_controllen = rnd() % 3 ? rnd() % 256 : rnd() % 2048;
    return &m;
}

static void one_call(void)
{
    int fd = pick_fd();
    socklen_t len;
    struct sockaddr_un *a;
    unsigned req;
    switch (rnd() % 14) {
    case 0:                       /* a random ioctl, often in /dev/uds's group */
        req = rnd();
        if (rnd() % 2)
            req = (req & 0xE0000000u) | ((rnd() % 1100) << 16) | ('n' << 8) | (60 + rnd() % 40);
        ioctl(fd, req, any_ptr());
        break;
    case 1: a = rand_addr(&len); bind(fd, (struct sockaddr *) a, len); break;
    case 2: a = rand_addr(&len); connect(fd, (struct sockaddr *) a, len); break;
    case 3: listen(fd, (int) rnd() % 100 - 10); break;
    case 4: len = rnd() % 200;
        int got = accept(fd, lib_ptr(), rnd() % 2 ? &len : NULL);
        if (got >= 0)
            fcntl(got, F_SETFL, O_NONBLOCK);      /* every socket here is non-blocking */
        break;
    case 5: a = rand_addr(&len);
        sendto(fd, lib_ptr(), rnd() % 600, (int) rnd() & 0x4C2, (struct sockaddr *) a, len);
        break;
    case 6: len = rnd() % 200; recvfrom(fd, any_ptr(), rnd() % 600, (int) rnd() & 0xC2,
                                        lib_ptr(), rnd() % 2 ? &len : NULL); break;
    case 7: sendmsg(fd, rnd() % 10 ? rand_msg() : lib_ptr(), (int) rnd() & 0x4C2); break;
    case 8: recvmsg(fd, rnd() % 10 ? rand_msg() : lib_ptr(), (int) rnd() & 0xC2); break;
    case 9: write(fd, any_ptr(), rnd() % 40000); break;
    case 10: read(fd, any_ptr(), rnd() % 40000); break;
    case 11: shutdown(fd, (int) rnd() % 5 - 1); break;
    case 12: len = rnd() % 16;
        getsockopt(fd, rnd() % 2 ? SOL_SOCKET : (int) rnd(), (int) (rnd() % 0x1010), lib_ptr(),
                   rnd() % 2 ? &len : NULL);
        break;
    default: {
        int sv[2];
        if (socketpair(AF_UNIX, 1 + rnd() % 5, 0, sv) == 0) {
            int gone = rnd() % 2;
            close(sv[gone]);
            int slot = rnd() % 12;
            if (socks[slot] >= 0)
                close(socks[slot]);
            socks[slot] = sv[1 - gone];
            fcntl(socks[slot], F_SETFL, O_NONBLOCK);
        }
    }
    }
}

int main(int argc, char **argv)
{
    int calls = argc > 1 ? atoi(argv[1]) : 10000;
    rng = argc > 2 ? (unsigned long) atol(argv[2]) : 12345;
    signal(SIGPIPE, SIG_IGN);
    mkdir("/tmp/uds_fuzz", 0777);
    for (int i = 0; i < 12; i++)
        socks[i] = -1;
    for (int i = 0; i < calls; i++) {
        if (i % 50 == 0)
            refill();
        one_call();
    }
    for (int i = 0; i < 12; i++)
        if (socks[i] >= 0)
            close(socks[i]);
    for (int fd = 3; fd < 255; fd++)
        close(fd);
    /* The system still works: a socketpair carries bytes and a descriptor. */
    int sv[2];
    char buf[8];
    CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    CHECK_EQ(write(sv[0], "alive", 5), 5);
    CHECK_EQ(read(sv[1], buf, sizeof(buf)), 5);
    CHECK(memcmp(buf, "alive", 5) == 0);
    CHECK_OK(close(sv[0]));
    CHECK_OK(close(sv[1]));
    unlink("/tmp/uds_fuzz/a");
    unlink("/tmp/uds_fuzz/b");
    rmdir("/tmp/uds_fuzz");
    printf("%d calls\nok\n", calls);
    return 0;
}
