/* Job control at the controlling terminal (POSIX 11.1.4), run by
 * `minixemu boot -c /usr/tests/tty_jobs` with a terminal as the console:
 * tcsetpgrp's EINVAL and EPERM; a background read stops the job with SIGTTIN
 * and runs again once the job is in the foreground and continued; EIO when
 * SIGTTIN is ignored or blocked or the group is orphaned; EINTR from a
 * handler, or the read again under SA_RESTART (signalled again); SIGTTOU for a background write under TOSTOP (and none when it is
 * ignored), for tcsetattr and for tcsetpgrp. Each result is one line; the
 * test types one line when asked ("type a line:"). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static pid_t me;            /* this process's group, the foreground one between cases */
static volatile int caught;

static void on_sig(int sig)
{
    caught = sig;
}

static const char *err(int r)
{
    return r < 0 ? strerror(errno) : "ok";
}


/* Give the terminal to `pgrp` (SIGTTOU is ignored here: this process may be
 * in the background when it does). */
static void foreground(pid_t pgrp)
{
    signal(SIGTTOU, SIG_IGN);
    if (tcsetpgrp(0, pgrp) != 0)
        printf("tcsetpgrp(%d) failed: %s\n", (int) pgrp, strerror(errno));
}

/* A child in a new background group running `body`; returns its pid. */
static pid_t background(void (*body)(void))
{
    pid_t pid;
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        signal(SIGTTOU, SIG_DFL);
        body();
        _exit(0);
    }
    setpgid(pid, pid);
    return pid;
}

/* How the child ended or stopped. */
static const char *how(pid_t pid)
{
    static char buf[64];
    int st;
    if (waitpid(pid, &st, WUNTRACED) != pid)
        return "waitpid failed";
    if (WIFSTOPPED(st))
        snprintf(buf, sizeof buf, "stopped by %s", WSTOPSIG(st) == SIGTTIN ? "SIGTTIN" :
                 WSTOPSIG(st) == SIGTTOU ? "SIGTTOU" : "another signal");
    else if (WIFEXITED(st))
        snprintf(buf, sizeof buf, "exited %d", WEXITSTATUS(st));
    else
        snprintf(buf, sizeof buf, "killed by %d", WTERMSIG(st));
    return buf;
}

static void finish(pid_t pid)
{
    int st;
    kill(pid, SIGKILL);
    kill(pid, SIGCONT);
    waitpid(pid, &st, 0);
}

static void read_line(void)
{
    char buf[64];
    int n = read(0, buf, sizeof buf - 1);
    if (n < 0) {
        printf("child read: %s\n", strerror(errno));
        _exit(1);
    }
    buf[n] = 0;
    printf("child read after fg: %s", buf);
}

/* A one-byte read of the terminal with SIGTTIN caught by `handler`. */
static int read_catching_ttin(void (*handler)(int), int flags)
{
    struct sigaction sa;
    char c;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = flags;
    sigaction(SIGTTIN, &sa, NULL);
    return read(0, &c, 1);
}

static void read_with_handler(void)
{
    int r = read_catching_ttin(on_sig, 0);
    printf("background read with a SIGTTIN handler: %d %s, handler ran %d\n", r, err(r),
           caught == SIGTTIN);
}

static void write_line(void)
{
    printf("background write\n");
    fflush(stdout);
}

static void change_settings(void)
{
    struct termios t;
    tcgetattr(0, &t);
    tcsetattr(0, TCSANOW, &t);
    printf("tcsetattr returned\n");
}

static void take_terminal(void)
{
    tcsetpgrp(0, getpgrp());
    printf("tcsetpgrp returned\n");
}

static volatile int calls;

/* Under SA_RESTART the read runs again after each SIGTTIN, and signals again;
 * the third time the handler ignores SIGTTIN, and the read fails with EIO. */
static void on_ttin_restart(int sig)
{
    if (++calls == 3)
        signal(sig, SIG_IGN);
}

static void read_restarted(void)
{
    int r = read_catching_ttin(on_ttin_restart, SA_RESTART);
    printf("background read, SIGTTIN caught with SA_RESTART: %d %s after %d signals\n", r,
           err(r), calls);
}

static void read_ignored(void)
{
    char c;
    int r;
    signal(SIGTTIN, SIG_IGN);
    r = read(0, &c, 1);
    printf("background read, SIGTTIN ignored: %d %s\n", r, err(r));
}

static void read_blocked(void)
{
    sigset_t set;
    char c;
    int r;
    sigemptyset(&set);
    sigaddset(&set, SIGTTIN);
    sigprocmask(SIG_BLOCK, &set, NULL);
    r = read(0, &c, 1);
    printf("background read, SIGTTIN blocked: %d %s\n", r, err(r));
}

static void write_ignored(void)
{
    signal(SIGTTOU, SIG_IGN);
    printf("background write under TOSTOP, SIGTTOU ignored\n");
}

static int report_fd;

/* Into group 1 (init's, orphaned: init has no parent and every other member
 * is init's child), then a grandchild reparented to init reads and writes. */
static void orphan(void)
{
    pid_t pid;
    char c, line[128];
    int r, w, n;
    setpgid(0, 1);
    pid = fork();
    if (pid != 0)
        _exit(0);                   /* the grandchild's parent becomes init */
    while (getppid() != 1)
        sleep(1);
    r = read(0, &c, 1);
    n = snprintf(line, sizeof line, "orphaned group: read %d %s", r, err(r));
    w = write(1, "!", 1);
    n += snprintf(line + n, sizeof line - n, ", write under TOSTOP %d %s\n", w, err(w));
    write(report_fd, line, n);
    _exit(0);
}

static void set_tostop(int on)
{
    struct termios t;
    tcgetattr(0, &t);
    if (on)
        t.c_lflag |= TOSTOP;
    else
        t.c_lflag &= ~TOSTOP;
    if (tcsetattr(0, TCSANOW, &t) != 0)
        printf("tcsetattr: %s\n", strerror(errno));
}

int main(void)
{
    pid_t pid, other;
    int r, p[2];
    char line[128];

    setvbuf(stdout, NULL, _IONBF, 0);
    /* tcsetpgrp's own errors, from the foreground */
    r = tcsetpgrp(0, -5);
    printf("tcsetpgrp(-5): %d %s\n", r, err(r));
    r = tcsetpgrp(0, 29999);
    printf("tcsetpgrp(no such group): %d %s\n", r, err(r));
    other = fork();
    if (other == 0) {
        setsid();
        for (;;)
            pause();
    }
    sleep(1);
    r = tcsetpgrp(0, other);
    printf("tcsetpgrp(a group of another session): %d %s\n", r, err(r));
    finish(other);

    /* Our own group, in the foreground. */
    setpgid(0, 0);
    me = getpgrp();
    foreground(me);
    printf("tcgetpgrp is ours: %d\n", tcgetpgrp(0) == me);

    /* A background read: stopped by SIGTTIN; in the foreground and continued, it reads. */
    pid = background(read_line);
    printf("background read: %s\n", how(pid));
    foreground(pid);
    printf("type a line:\n");
    kill(pid, SIGCONT);
    printf("after fg: %s\n", how(pid));
    foreground(me);

    pid = background(read_with_handler);
    printf("with a handler: %s\n", how(pid));
    pid = background(read_restarted);
    printf("restarted: %s\n", how(pid));
    pid = background(read_ignored);
    printf("ignored: %s\n", how(pid));
    pid = background(read_blocked);
    printf("blocked: %s\n", how(pid));

    /* Writes: free without TOSTOP; under it SIGTTOU unless ignored. */
    pid = background(write_line);
    printf("without TOSTOP: %s\n", how(pid));
    set_tostop(1);
    pid = background(write_line);
    printf("under TOSTOP: %s\n", how(pid));
    finish(pid);
    pid = background(write_ignored);
    printf("under TOSTOP, ignored: %s\n", how(pid));

    /* Changing the terminal from the background. */
    pid = background(change_settings);
    printf("tcsetattr in the background: %s\n", how(pid));
    finish(pid);
    pid = background(take_terminal);
    printf("tcsetpgrp in the background: %s\n", how(pid));
    finish(pid);
    printf("still ours: %d\n", tcgetpgrp(0) == me);

    /* An orphaned group gets EIO rather than a stop nobody could undo. */
    if (pipe(p) != 0)
        return 1;
    report_fd = p[1];
    pid = background(orphan);
    printf("orphan's parent: %s\n", how(pid));
    close(p[1]);
    r = read(p[0], line, sizeof line - 1);
    if (r > 0) {
        line[r] = 0;
        fputs(line, stdout);
    }
    set_tostop(0);
    printf("done\n");
    return 0;
}
