/* Pipes, FIFOs and select from a guest (tests/integration/test_pipes.py).
 * `pipes MODE` runs one group of checks, printing "ok ..." or "FAIL ..." per
 * check; the exit status is the number of failures. Waits that must let
 * other processes run use select() with no descriptors as a sleep: it runs
 * on virtual time, so it costs no wall time. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;

static void check(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok" : "FAIL", what);
    if (!ok)
        failures++;
}

static void check_err(int r, int err, const char *what)
{
    int ok = r == -1 && errno == err;
    printf("%s %s", ok ? "ok" : "FAIL", what);
    if (!ok)
        printf(" (r=%d errno=%d)", r, errno);
    printf("\n");
    if (!ok)
        failures++;
}

static void nap(int ms)
{
    struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
    select(0, NULL, NULL, NULL, &tv);
}

static long now_ms(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return tv.tv_sec * 1000L + tv.tv_usec / 1000;
}

static int read_all(int fd, char *buf, int max)
{
    int got = 0, n;
    while (got < max && (n = read(fd, buf + got, max - got)) > 0)
        got += n;
    return got;
}

static char big[65536], big2[65536];

static void basic(void)
{
    int p[2];
    char buf[64];
    struct stat st;

    check(pipe(p) == 0 && p[0] >= 3 && p[1] == p[0] + 1, "pipe gives two descriptors");
    check(write(p[1], "hello", 5) == 5, "write 5");
    check(write(p[1], " world", 6) == 6, "write 6");
    check(fstat(p[0], &st) == 0 && S_ISFIFO(st.st_mode) && st.st_size == 11,
          "fstat: a FIFO holding 11 bytes");
    check(read(p[0], buf, 3) == 3 && memcmp(buf, "hel", 3) == 0, "read 3 in order");
    check(read(p[0], buf, 64) == 8 && memcmp(buf, "lo world", 8) == 0, "read the rest");
    check_err(lseek(p[0], 0, SEEK_SET), ESPIPE, "lseek ESPIPE");
    check_err(read(p[1], buf, 1), EBADF, "read of the write end EBADF");
    check_err(write(p[0], buf, 1), EBADF, "write of the read end EBADF");
    check(close(p[1]) == 0, "close the writer");
    check(read(p[0], buf, 64) == 0, "EOF when the last writer closed");
    close(p[0]);
}

static volatile int sigpipes;
static void on_sigpipe(int sig) { (void)sig; sigpipes++; }

static void epipe(void)
{
    int p[2], status;
    pid_t pid;

    pipe(p);
    close(p[0]);
    signal(SIGPIPE, on_sigpipe);
    check_err(write(p[1], "x", 1), EPIPE, "write with no reader EPIPE");
    check(sigpipes == 1, "SIGPIPE caught once");
    signal(SIGPIPE, SIG_IGN);
    check_err(write(p[1], "x", 1), EPIPE, "EPIPE with SIGPIPE ignored");
    close(p[1]);

    signal(SIGPIPE, SIG_DFL);
    pipe(p);
    pid = fork();
    if (pid == 0) {
        close(p[0]);
        nap(20);                 /* the parent closes its read end meanwhile */
        write(p[1], "x", 1);
        _exit(0);                /* not reached: SIGPIPE kills */
    }
    close(p[0]);
    close(p[1]);
    waitpid(pid, &status, 0);
    check(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE, "default SIGPIPE kills the writer");

    /* A writer blocked on a full pipe gets EPIPE when the reader goes. */
    pipe(p);
    pid = fork();
    if (pid == 0) {
        int r;
        close(p[0]);
        signal(SIGPIPE, SIG_IGN);
        write(p[1], big, 32768);                 /* fills the pipe */
        r = write(p[1], big, 10);                /* waits, then the reader is gone */
        _exit(r == -1 && errno == EPIPE ? 7 : 1);
    }
    close(p[1]);
    nap(50);
    close(p[0]);
    waitpid(pid, &status, 0);
    check(WIFEXITED(status) && WEXITSTATUS(status) == 7, "blocked writer revived with EPIPE");
}

static void nonblock(void)
{
    int p[2], n;
    char buf[16];

    pipe(p);
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    fcntl(p[1], F_SETFL, O_NONBLOCK);
    check_err(read(p[0], buf, 16), EAGAIN, "empty pipe, O_NONBLOCK read EAGAIN");
    check(write(p[1], big, 30000) == 30000, "30000 fit");
    check_err(write(p[1], big, 5000), EAGAIN, "5000 more (at most PIPE_BUF) EAGAIN: atomic");
    check(write(p[1], big, 2768) == 2768, "exactly the room left fits");
    check_err(write(p[1], big, 1), EAGAIN, "full pipe EAGAIN");
    n = read_all(p[0], big2, 32768);
    check(n == 32768, "read back 32768");
    check(write(p[1], big, 10) == 10, "10 in");
    n = write(p[1], big, 40000);
    check(n == 32758, "a write over PIPE_BUF writes what fits");
    close(p[0]);
    close(p[1]);
}

/* Several writers, messages of several sizes up to PIPE_BUF: the reader must
 * find every message whole (interleaving only at write boundaries). */
#define WRITERS 4
#define MESSAGES 12
static const int sizes[] = {100, 4096, 32768, 20000, 7, 16384};

static void atomic(void)
{
    int p[2], w, status, bad = 0, seen[WRITERS] = {0}, total = 0;
    static char stream[WRITERS * MESSAGES * 32768];
    int len, off = 0;

    pipe(p);
    for (w = 0; w < WRITERS; w++) {
        if (fork() == 0) {
            int i;
            close(p[0]);
            for (i = 0; i < MESSAGES; i++) {
                int size = sizes[(w + i) % 6];
                memset(big, 'A' + w, size);
                big[0] = (char)w;
                big[1] = (char)i;
                big[2] = (char)(size & 0xff);
                big[3] = (char)(size >> 8);
                if (write(p[1], big, size) != size)
                    _exit(1);
            }
            _exit(0);
        }
    }
    close(p[1]);
    len = read_all(p[0], stream, sizeof stream);
    while (w-- > 0) {
        wait(&status);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            bad++;
    }
    while (off + 4 <= len && off < len) {
        int who = stream[off], seq = stream[off + 1];
        int size = (unsigned char)stream[off + 2] | ((unsigned char)stream[off + 3] << 8);
        int j;
        if (who < 0 || who >= WRITERS || seq != seen[who] || size != sizes[(who + seq) % 6]
            || off + size > len) {
            bad++;
            break;
        }
        for (j = 4; j < size; j++)
            if (stream[off + j] != 'A' + who) {
                bad++;
                break;
            }
        seen[who]++;
        total++;
        off += size;
    }
    check(bad == 0 && total == WRITERS * MESSAGES && off == len,
          "4 writers, 48 messages up to 32768 bytes, each whole and in order");
    close(p[0]);
}

static void blocking(void)
{
    int p[2], status, n;
    pid_t a, b;
    char buf[64];

    /* A reader waits for a writer in another process. */
    pipe(p);
    if (fork() == 0) {
        nap(30);
        write(p[1], "late", 4);
        _exit(0);
    }
    close(p[1]);
    n = read(p[0], buf, sizeof buf);
    check(n == 4 && memcmp(buf, "late", 4) == 0, "blocked reader revived by a write");
    check(read(p[0], buf, sizeof buf) == 0, "then EOF");
    wait(&status);
    close(p[0]);

    /* Writers on a full pipe are revived in the order they came. */
    pipe(p);
    memset(big, 'P', 32768);
    write(p[1], big, 32768);
    a = fork();
    if (a == 0) {
        memset(big, 'a', 32768);
        _exit(write(p[1], big, 32768) == 32768 ? 0 : 1);
    }
    nap(20);
    b = fork();
    if (b == 0) {
        memset(big, 'b', 20000);
        _exit(write(p[1], big, 20000) == 20000 ? 0 : 1);
    }
    nap(20);
    close(p[1]);
    n = read_all(p[0], big2, 32768 * 2 + 20000);
    check(n == 32768 * 2 + 20000 && big2[0] == 'P' && big2[32767] == 'P' &&
          big2[32768] == 'a' && big2[65535] == 'a' && big2[65536] == 'b' &&
          big2[65536 + 19999] == 'b', "writers revived in order, each write whole");
    waitpid(a, &status, 0);
    check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "first writer done");
    waitpid(b, &status, 0);
    check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "second writer done");
    close(p[0]);

    /* A write bigger than the pipe goes in pieces as the reader drains it. */
    pipe(p);
    if (fork() == 0) {
        int i;
        close(p[0]);
        for (i = 0; i < 65536; i++)
            big[i] = (char)(i * 7);
        _exit(write(p[1], big, 65536) == 65536 ? 0 : 1);
    }
    close(p[1]);
    n = read_all(p[0], big2, 65536);
    wait(&status);
    {
        int i, same = 1;
        for (i = 0; i < 65536; i++)
            if (big2[i] != (char)(i * 7))
                same = 0;
        check(n == 65536 && same && WEXITSTATUS(status) == 0, "a 64 KiB write arrives whole");
    }
    close(p[0]);
}

static void on_alarm(int sig) { (void)sig; }

static void eintr(void)
{
    int p[2], r;
    char buf[4];
    struct sigaction sa;
    fd_set rd;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    pipe(p);
    alarm(1);
    r = read(p[0], buf, sizeof buf);
    check_err(r, EINTR, "blocked pipe read, caught signal: EINTR");
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    alarm(1);
    r = select(p[0] + 1, &rd, NULL, NULL, NULL);
    check_err(r, EINTR, "select, caught signal: EINTR");
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    alarm(1);
    r = select(p[0] + 1, &rd, NULL, NULL, NULL);
    check_err(r, EINTR, "select is not restarted under SA_RESTART");
    if (fork() == 0) {
        nap(1500);
        write(p[1], "ab", 2);
        _exit(0);
    }
    alarm(1);
    r = read(p[0], buf, sizeof buf);
    check(r == 2, "pipe read restarted under SA_RESTART, then data");
    wait(NULL);
    close(p[0]);
    close(p[1]);
}

static void forkexec(void)
{
    int p[2], status, n;
    char buf[128];
    pid_t pid;

    pipe(p);
    pid = fork();
    if (pid == 0) {
        dup2(p[1], 1);
        close(p[0]);
        close(p[1]);
        execl("/usr/tests/pipes", "pipes", "echo", (char *)NULL);
        _exit(99);
    }
    close(p[1]);
    n = read_all(p[0], buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    waitpid(pid, &status, 0);
    check(strcmp(buf, "hello through a pipe\n") == 0 && WEXITSTATUS(status) == 0,
          "fork, dup2 onto stdout, exec: the parent reads the child's output");
    close(p[0]);
}

static void fifo(void)
{
    const char *path = "/tmp/fifo";
    struct stat st;
    int fd, status, n;
    char buf[32];
    pid_t pid;

    unlink(path);
    check(mkfifo(path, 0666) == 0, "mkfifo");
    check(stat(path, &st) == 0 && S_ISFIFO(st.st_mode), "stat: a FIFO");
    fd = open(path, O_RDONLY | O_NONBLOCK);
    check(fd >= 0, "read-only O_NONBLOCK open returns at once");
    close(fd);
    check_err(open(path, O_WRONLY | O_NONBLOCK), ENXIO, "write-only O_NONBLOCK, no reader: ENXIO");

    pid = fork();
    if (pid == 0) {
        int w = open(path, O_WRONLY);        /* waits for the reader */
        if (w < 0)
            _exit(1);
        write(w, "through the fifo", 16);
        _exit(0);
    }
    nap(30);
    fd = open(path, O_RDONLY);
    check(fd >= 0, "reader's open meets the waiting writer");
    n = read_all(fd, buf, sizeof buf);
    check(n == 16 && memcmp(buf, "through the fifo", 16) == 0, "data through the FIFO, then EOF");
    waitpid(pid, &status, 0);
    check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the writer finished");
    close(fd);

    pid = fork();
    if (pid == 0) {
        int r;
        nap(30);
        r = open(path, O_WRONLY);
        write(r, "x", 1);
        _exit(0);
    }
    fd = open(path, O_RDONLY);               /* waits for the writer */
    check(fd >= 0 && read(fd, buf, 1) == 1 && buf[0] == 'x', "reader's open waits for a writer");
    waitpid(pid, &status, 0);
    close(fd);

    fd = open(path, O_RDWR);
    check(fd >= 0 && write(fd, "rw", 2) == 2 && read(fd, buf, 2) == 2, "O_RDWR never waits");
    close(fd);
    check(unlink(path) == 0, "unlink the FIFO");
}

static int ready(int fd, int wr, int ms)
{
    fd_set s;
    struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
    FD_ZERO(&s);
    FD_SET(fd, &s);
    if (wr)
        return select(fd + 1, NULL, &s, NULL, &tv) == 1 && FD_ISSET(fd, &s);
    return select(fd + 1, &s, NULL, NULL, &tv) == 1 && FD_ISSET(fd, &s);
}

static void selects(void)
{
    int p[2], fd, n;
    fd_set rd, wr;
    struct timeval tv;
    long t0, t1;

    pipe(p);
    check(!ready(p[0], 0, 0), "empty pipe: not readable");
    check(ready(p[1], 1, 0), "empty pipe: writable");
    write(p[1], "z", 1);
    check(ready(p[0], 0, 0), "pipe with data: readable");
    write(p[1], big, 32767);
    check(!ready(p[1], 1, 0), "full pipe: not writable");
    read_all(p[0], big2, 32768);
    close(p[1]);
    check(ready(p[0], 0, 0), "writer gone: readable (EOF)");
    close(p[0]);

    fd = open("/dev/null", O_RDWR);
    check(ready(fd, 0, 0) && ready(fd, 1, 0), "/dev/null readable and writable");
    close(fd);
    fd = open("/dev/zero", O_RDONLY);
    check(ready(fd, 0, 0), "/dev/zero readable");
    close(fd);
    fd = open("/etc/passwd", O_RDONLY);
    check(ready(fd, 0, 0), "regular file readable");
    close(fd);
    check(ready(1, 1, 0), "terminal writable");

    /* several descriptors at once: the count of ready bits */
    pipe(p);
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_SET(p[0], &rd);
    FD_SET(p[1], &wr);
    FD_SET(1, &wr);
    tv.tv_sec = 0;
    tv.tv_usec = 0;
    n = select(p[1] + 1, &rd, &wr, NULL, &tv);
    check(n == 2 && !FD_ISSET(p[0], &rd) && FD_ISSET(p[1], &wr) && FD_ISSET(1, &wr),
          "two of three ready: 2, the sets say which");

    /* the timeout, in virtual time */
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    tv.tv_sec = 1;
    tv.tv_usec = 500000;
    t0 = now_ms();
    n = select(p[0] + 1, &rd, NULL, NULL, &tv);
    t1 = now_ms();
    check(n == 0 && !FD_ISSET(p[0], &rd), "timeout: 0 and the set cleared");
    check(t1 - t0 >= 1500 && t1 - t0 < 1700, "after 1.5 s of guest time");

    /* woken by a write from another process, long before the timeout */
    if (fork() == 0) {
        nap(100);
        write(p[1], "w", 1);
        _exit(0);
    }
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    tv.tv_sec = 10;
    tv.tv_usec = 0;
    t0 = now_ms();
    n = select(p[0] + 1, &rd, NULL, NULL, &tv);
    t1 = now_ms();
    check(n == 1 && FD_ISSET(p[0], &rd) && t1 - t0 < 1000,
          "select on a pipe woken by another process's write, at once");
    wait(NULL);

    /* a full pipe becomes writable when another process reads */
    write(p[1], big, 32767);
    if (fork() == 0) {
        nap(100);
        read(p[0], big2, 100);
        _exit(0);
    }
    check(ready(p[1], 1, 5000), "full pipe woken writable by a read");
    wait(NULL);

    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    FD_SET(p[1] + 5, &rd);
    tv.tv_sec = 0;
    check_err(select(p[1] + 6, &rd, NULL, NULL, &tv), EBADF, "closed descriptor EBADF");
    check_err(select(-1, NULL, NULL, NULL, &tv), EINVAL, "nfds < 0 EINVAL");
    check_err(select(256, NULL, NULL, NULL, &tv), EINVAL, "nfds > FD_SETSIZE EINVAL");
    check(select(FD_SETSIZE, NULL, NULL, NULL, &tv) == 0, "nfds == FD_SETSIZE is fine");
    close(p[0]);
    close(p[1]);
}

/* The console: readable once input is there (the test feeds a line). */
static void tty(void)
{
    char buf[64];
    int n;
    check(ready(0, 0, 5000), "console readable with a line typed");
    n = read(0, buf, sizeof buf);
    check(n == 6 && memcmp(buf, "typed\n", 6) == 0, "the line");
    check(ready(0, 0, 5000), "console at end of input: readable (EOF)");
    check(read(0, buf, sizeof buf) == 0, "EOF");
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    setvbuf(stdout, NULL, _IONBF, 0);
    if (strcmp(mode, "echo") == 0) {
        fputs("hello through a pipe\n", stdout);
        return 0;
    }
    if (strcmp(mode, "basic") == 0) basic();
    else if (strcmp(mode, "epipe") == 0) epipe();
    else if (strcmp(mode, "nonblock") == 0) nonblock();
    else if (strcmp(mode, "atomic") == 0) atomic();
    else if (strcmp(mode, "blocking") == 0) blocking();
    else if (strcmp(mode, "eintr") == 0) eintr();
    else if (strcmp(mode, "forkexec") == 0) forkexec();
    else if (strcmp(mode, "fifo") == 0) fifo();
    else if (strcmp(mode, "select") == 0) selects();
    else if (strcmp(mode, "tty") == 0) tty();
    else {
        printf("usage: pipes MODE\n");
        return 100;
    }
    return failures;
}
