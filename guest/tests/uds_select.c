/* select() on sockets (issue 8 step 1's readiness, through VFS's select and
 * PFS's DEV_SELECT): a listening socket becomes readable when a connection
 * is pending, data makes a socket readable, a full peer buffer makes it not
 * writable, a timeout passes, and a peer's close wakes a select at once. */
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include "fstest.h"

static int ready(int fd, int want_write, long usec)
{
    fd_set r, w;
    struct timeval tv = { 0, usec };
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(fd, want_write ? &w : &r);
    int n = select(fd + 1, &r, &w, NULL, usec < 0 ? NULL : &tv);
    return n < 0 ? -1 : n;
}

int main(void)
{
    struct sockaddr_un a;
    int sd, cd, ad, sv[2], status;
    pid_t pid;
    static char big[32768];

    memset(&a, 0, sizeof(a));
    a.sun_family = AF_UNIX;
    strcpy(a.sun_path, "/tmp/uds_select.sock");
    unlink(a.sun_path);
    CHECK_OK(sd = socket(AF_UNIX, SOCK_STREAM, 0));
    CHECK_OK(bind(sd, (struct sockaddr *) &a, sizeof(a)));
    CHECK_OK(listen(sd, 2));
    CHECK_EQ(ready(sd, 0, 1000), 0);                       /* nothing pending: timeout */
    CHECK_OK(pid = fork());
    if (pid == 0) {
        int c = socket(AF_UNIX, SOCK_STREAM, 0);
        _exit(connect(c, (struct sockaddr *) &a, sizeof(a)) == 0 ? 0 : 1);
    }
    CHECK_EQ(ready(sd, 0, -1), 1);                         /* woken by the connect */
    CHECK_OK(ad = accept(sd, NULL, NULL));
    CHECK_OK(waitpid(pid, &status, 0));
    CHECK_EQ(WEXITSTATUS(status), 0);
    CHECK_EQ(ready(ad, 0, 0), 1);                          /* the client exited: EOF */
    CHECK_OK(close(ad));
    CHECK_OK(close(sd));
    CHECK_OK(unlink(a.sun_path));

    CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    CHECK_EQ(ready(sv[0], 0, 0), 0);
    CHECK_EQ(ready(sv[0], 1, 0), 1);                       /* room for a whole buffer */
    CHECK_EQ(write(sv[1], "d", 1), 1);
    CHECK_EQ(ready(sv[0], 0, 0), 1);
    CHECK_EQ(read(sv[0], big, 1), 1);
    CHECK_EQ(write(sv[0], big, sizeof(big)), (long) sizeof(big));
    CHECK_EQ(ready(sv[0], 1, 1000), 0);                    /* the peer's buffer is full */
    CHECK_OK(pid = fork());
    if (pid == 0) {
        close(sv[0]);
        for (volatile int i = 0; i < 20000; i++)
            ;
        _exit(read(sv[1], big, sizeof(big)) == (long) sizeof(big) ? 0 : 1);
    }
    CHECK_OK(close(sv[1]));
    CHECK_EQ(ready(sv[0], 1, -1), 1);                      /* drained: writable again */
    CHECK_OK(waitpid(pid, &status, 0));
    CHECK_EQ(WEXITSTATUS(status), 0);
    CHECK_EQ(ready(sv[0], 0, -1), 1);                      /* peer gone: readable (EOF) */
    CHECK_EQ(read(sv[0], big, 1), 0);
    CHECK_OK(close(sv[0]));

    /* A select blocked for read wakes when the peer closes. */
    CHECK_OK(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv));
    CHECK_OK(pid = fork());
    if (pid == 0) {
        close(sv[1]);
        _exit(ready(sv[0], 0, -1) == 1 && read(sv[0], big, 1) == 0 ? 0 : 1);
    }
    CHECK_OK(close(sv[0]));
    for (volatile int i = 0; i < 20000; i++)
        ;
    CHECK_OK(close(sv[1]));
    CHECK_OK(waitpid(pid, &status, 0));
    CHECK_EQ(WEXITSTATUS(status), 0);
    return fs_done("uds_select");
}
