/* Unix domain sockets by name (issue 8 steps 2-3): bind makes an S_IFSOCK
 * node and binds its absolute canonical path, EADDRINUSE, listen/connect/
 * accept across fork, addresses back as absolute paths, a symlink to the
 * socket, ENOENT/ELOOP/ECONNREFUSED/EACCES (after setuid), ENAMETOOLONG for
 * a canonical path of 127 characters or more, non-blocking
 * connect (EINPROGRESS, EALREADY, EAGAIN from accept), SEQPACKET over a
 * connection and DGRAM with sendto/recvfrom's source address. */
#include <sys/socket.h>
#include <sys/un.h>
#include "fstest.h"

#define D "/tmp/uds_connect"

static const char *const junk[] = {
    D "/srv.sock", D "/dg1", D "/dg2", D "/link", D "/loop1", D "/loop2", D "/plain",
    D "/seq.sock", D "/private.sock", D, NULL
};

static void cleanup(void)
{
    for (int i = 0; junk[i]; i++) {
        unlink(junk[i]);
        rmdir(junk[i]);
    }
}

static struct sockaddr_un addr(const char *path)
{
    struct sockaddr_un a;
    memset(&a, 0, sizeof(a));
    a.sun_family = AF_UNIX;
    strncpy(a.sun_path, path, sizeof(a.sun_path) - 1);
    return a;
}

#define SA(a) ((struct sockaddr *) &(a))

static void stream_server(void)
{
    struct sockaddr_un a = addr("srv.sock"), got;
    socklen_t len;
    struct stat st;
    char buf[64];
    int sd, cd, status;
    pid_t pid;

    CHECK_OK(chdir(D));
    CHECK_OK(sd = socket(AF_UNIX, SOCK_STREAM, 0));
    CHECK_OK(bind(sd, SA(a), sizeof(a)));
    CHECK_OK(stat(D "/srv.sock", &st));
    CHECK(S_ISSOCK(st.st_mode));
    len = sizeof(got);
    CHECK_OK(getsockname(sd, SA(got), &len));
    CHECK(strcmp(got.sun_path, D "/srv.sock") == 0);      /* absolute, canonical */
    CHECK_EQ(got.sun_family, AF_UNIX);
    CHECK_EQ(len, SUN_LEN(&got));
    CHECK_ERR(bind(sd, SA(a), sizeof(a)), EINVAL);          /* already bound */
    CHECK_OK(cd = socket(AF_UNIX, SOCK_STREAM, 0));
    CHECK_ERR(bind(cd, SA(a), sizeof(a)), EADDRINUSE);
    CHECK_ERR(connect(cd, SA(a), sizeof(a)), ECONNREFUSED); /* bound, not listening */
    CHECK_OK(close(cd));
    CHECK_OK(listen(sd, 5));
    CHECK_OK(chdir("/"));

    CHECK_OK(pid = fork());
    if (pid == 0) {
        struct sockaddr_un via = addr(D "/link"), peer;
        socklen_t plen = sizeof(peer);
        int c = socket(AF_UNIX, SOCK_STREAM, 0);
        if (c < 0 || connect(c, SA(via), sizeof(via)) < 0)   /* through the symlink */
            _exit(2);
        if (getpeername(c, SA(peer), &plen) < 0 || strcmp(peer.sun_path, D "/srv.sock"))
            _exit(3);
        if (write(c, "ping", 4) != 4 || read(c, buf, sizeof(buf)) != 4 || memcmp(buf, "pong", 4))
            _exit(4);
        _exit(0);
    }
    len = sizeof(got);
    CHECK_OK(cd = accept(sd, SA(got), &len));
    CHECK(strcmp(got.sun_path, D "/srv.sock") == 0);
    CHECK_EQ(read(cd, buf, sizeof(buf)), 4);
    CHECK(memcmp(buf, "ping", 4) == 0);
    CHECK_EQ(write(cd, "pong", 4), 4);
    CHECK_EQ(read(cd, buf, sizeof(buf)), 0);                 /* the client exited */
    CHECK_OK(waitpid(pid, &status, 0));
    CHECK_EQ(WEXITSTATUS(status), 0);
    CHECK_OK(close(cd));

    /* Non-blocking: accept with nothing pending, connect that must wait. */
    CHECK_OK(fcntl(sd, F_SETFL, O_NONBLOCK));
    CHECK_ERR(accept(sd, NULL, NULL), EAGAIN);
    CHECK_OK(fcntl(sd, F_SETFL, 0));
    CHECK_OK(cd = socket(AF_UNIX, SOCK_STREAM, 0));
    CHECK_OK(fcntl(cd, F_SETFL, O_NONBLOCK));
    a = addr(D "/srv.sock");
    CHECK_ERR(connect(cd, SA(a), sizeof(a)), EINPROGRESS);
    CHECK_ERR(connect(cd, SA(a), sizeof(a)), EALREADY);
    int ad;
    CHECK_OK(ad = accept(sd, NULL, NULL));
    CHECK_EQ(write(ad, "x", 1), 1);
    CHECK_EQ(read(cd, buf, 1), 1);
    CHECK_ERR(connect(cd, SA(a), sizeof(a)), EISCONN);
    CHECK_OK(close(ad));
    CHECK_OK(close(cd));

    /* The server's close refuses connectors waiting in its backlog. */
    CHECK_OK(cd = socket(AF_UNIX, SOCK_STREAM, 0));
    CHECK_OK(fcntl(cd, F_SETFL, O_NONBLOCK));
    CHECK_ERR(connect(cd, SA(a), sizeof(a)), EINPROGRESS);
    CHECK_OK(close(sd));
    CHECK_ERR(read(cd, buf, 1), ENOTCONN);
    CHECK_OK(close(cd));
    CHECK_OK(cd = socket(AF_UNIX, SOCK_STREAM, 0));
    CHECK_ERR(connect(cd, SA(a), sizeof(a)), ECONNREFUSED); /* nobody listens now */
    CHECK_OK(close(cd));
    CHECK_OK(stat(D "/srv.sock", &st));                      /* close keeps the file */
}

static void address_errors(void)
{
    struct sockaddr_un a;
    int sd;

    CHECK_OK(sd = socket(AF_UNIX, SOCK_STREAM, 0));
    a = addr(D "/nothing-here");
    CHECK_ERR(connect(sd, SA(a), sizeof(a)), ENOENT);
    a = addr(D "/loop1");
    CHECK_ERR(connect(sd, SA(a), sizeof(a)), ELOOP);
    a = addr("");
    CHECK_ERR(bind(sd, SA(a), sizeof(a)), ENOENT);
    CHECK_ERR(bind(sd, NULL, sizeof(a)), EFAULT);
    a = addr(D "/x");
    a.sun_family = 99;
    CHECK_ERR(bind(sd, SA(a), sizeof(a)), EAFNOSUPPORT);
    a = addr(D "/plain");                                     /* a regular file */
    CHECK_ERR(connect(sd, SA(a), sizeof(a)), ECONNREFUSED);
    CHECK_ERR(bind(sd, SA(a), sizeof(a)), EADDRINUSE);        /* is not a socket's */
    a = addr(D);
    CHECK_ERR(bind(sd, SA(a), sizeof(a)), EADDRINUSE);        /* nor is a directory */

    /* A canonical path of 127 characters or more is ENAMETOOLONG, even for a
     * short name relative to a deep working directory; the node bind made
     * for it is removed again. */
    char deep[200];
    int levels = 0;
    strcpy(deep, D);
    while (strlen(deep) < 127) {
        strcat(deep, "/0123456789");
        CHECK_OK(mkdir(deep, 0755));
        levels++;
    }
    CHECK_OK(chdir(deep));
    a = addr("s");
    CHECK_ERR(bind(sd, SA(a), sizeof(a)), ENAMETOOLONG);
    CHECK_ERR(access("s", F_OK), ENOENT);
    CHECK_OK(mknod("s", S_IFSOCK | 0666, 0));
    CHECK_ERR(connect(sd, SA(a), sizeof(a)), ENAMETOOLONG);
    CHECK_OK(unlink("s"));
    CHECK_OK(chdir("/"));
    while (levels-- > 0) {
        CHECK_OK(rmdir(deep));
        *strrchr(deep, '/') = '\0';
    }
    CHECK_OK(close(sd));
    CHECK_ERR(listen(0, 1), ENOTTY);                          /* not a socket */
}

static void as_user_connect(void)
{
    struct sockaddr_un a = addr(D "/private.sock");
    int sd = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_OK(sd);
    CHECK_ERR(connect(sd, SA(a), sizeof(a)), EACCES);
    a = addr(D "/user.sock");
    CHECK_ERR(bind(sd, SA(a), sizeof(a)), EACCES);            /* no write on the dir */
    close(sd);
}

static void permissions(void)
{
    struct sockaddr_un a = addr(D "/private.sock");
    int sd;
    CHECK_OK(sd = socket(AF_UNIX, SOCK_STREAM, 0));
    CHECK_OK(bind(sd, SA(a), sizeof(a)));
    CHECK_OK(chmod(D "/private.sock", 0600));
    CHECK_OK(listen(sd, 1));
    as_user(as_user_connect);
    CHECK_OK(close(sd));
}

static void seqpacket_connection(void)
{
    struct sockaddr_un a = addr(D "/seq.sock");
    char buf[64];
    int sd, cd, ad;

    CHECK_OK(sd = socket(AF_UNIX, SOCK_SEQPACKET, 0));
    CHECK_OK(bind(sd, SA(a), sizeof(a)));
    CHECK_OK(listen(sd, 2));
    CHECK_OK(cd = socket(AF_UNIX, SOCK_SEQPACKET, 0));
    CHECK_OK(fcntl(cd, F_SETFL, O_NONBLOCK));
    CHECK_ERR(connect(cd, SA(a), sizeof(a)), EINPROGRESS);
    CHECK_OK(fcntl(cd, F_SETFL, 0));
    CHECK_OK(ad = accept(sd, NULL, NULL));
    CHECK_EQ(send(cd, "abc", 3, 0), 3);
    CHECK_EQ(send(cd, "de", 2, 0), 2);
    CHECK_EQ(recv(ad, buf, sizeof(buf), 0), 3);
    CHECK_EQ(recv(ad, buf, sizeof(buf), 0), 2);
    int t = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_ERR(connect(t, SA(a), sizeof(a)), ECONNREFUSED);   /* wrong type */
    close(t);
    close(ad);
    close(cd);
    close(sd);
}

static void datagrams(void)
{
    struct sockaddr_un a1 = addr(D "/dg1"), a2 = addr(D "/dg2"), from;
    socklen_t len = sizeof(from);
    char buf[64];
    int s1, s2;

    CHECK_OK(s1 = socket(AF_UNIX, SOCK_DGRAM, 0));
    CHECK_OK(s2 = socket(AF_UNIX, SOCK_DGRAM, 0));
    CHECK_OK(bind(s1, SA(a1), sizeof(a1)));
    CHECK_OK(bind(s2, SA(a2), sizeof(a2)));
    CHECK_ERR(listen(s1, 1), EOPNOTSUPP);
    CHECK_ERR(write(s1, "x", 1), EDESTADDRREQ);
    CHECK_EQ(sendto(s1, "hello", 5, 0, SA(a2), sizeof(a2)), 5);
    CHECK_EQ(sendto(s1, "hi", 2, 0, SA(a2), sizeof(a2)), 2);
    CHECK_EQ(recvfrom(s2, buf, sizeof(buf), 0, SA(from), &len), 5);
    CHECK(memcmp(buf, "hello", 5) == 0);
    CHECK(strcmp(from.sun_path, D "/dg1") == 0);
    CHECK_EQ(recvfrom(s2, buf, 1, 0, NULL, NULL), 1);        /* the rest is dropped */
    CHECK_ERR(recv(s2, buf, 1, MSG_DONTWAIT), EAGAIN);
    CHECK_OK(close(s2));
    CHECK_ERR(sendto(s1, "x", 1, 0, SA(a2), sizeof(a2)), ENOENT);  /* nobody bound */
    CHECK_OK(close(s1));
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "keep") == 0) {
        /* Bind a socket at argv[2] and leave its node behind (the fsck test). */
        struct sockaddr_un a = addr(argv[2]);
        int sd;
        CHECK_OK(sd = socket(AF_UNIX, SOCK_STREAM, 0));
        CHECK_OK(bind(sd, SA(a), sizeof(a)));
        return fs_done("keep");
    }
    cleanup();
    CHECK_OK(mkdir(D, 0755));
    CHECK_OK(symlink(D "/srv.sock", D "/link"));
    CHECK_OK(symlink(D "/loop2", D "/loop1"));
    CHECK_OK(symlink(D "/loop1", D "/loop2"));
    put_file(D "/plain", 0666, "not a socket");
    stream_server();
    address_errors();
    permissions();
    seqpacket_connection();
    datagrams();
    cleanup();
    return fs_done("uds_connect");
}
