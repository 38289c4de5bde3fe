/* A message fuzzer: random IPC calls with random message types, fields and
 * pointers to every endpoint (kernel tasks, every server slot, other user
 * processes, dead and bogus endpoints), reproducible from a seed.
 *   msgfuzz SEED COUNT
 * The first process stays out of harm's way: it forks a peer (a user process
 * that answers whatever it receives and keeps the fuzzer's progress) and then
 * workers that send the messages as uid 1000 in their own session. A worker
 * may die of its own messages (EXIT, KILL), hang (PAUSE, a SEND nobody takes)
 * until its watchdog alarm ends it, or finish; the next worker resumes after
 * the last message the peer recorded. At the end the system must still work:
 * a normal write and getpid, and exit status 0. */
#include <errno.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include <minix/callnr.h>
#include <minix/com.h>
#include <minix/ipc.h>

#define PROGRESS 0x7F10         /* worker -> peer: about to send message m1_i3 */
#define QUERY 0x7F11            /* first process -> peer: last recorded message */
#define MAGIC1 0x5EC0F22D
#define MAGIC2 0x1BADB002
#define WATCHDOG 2              /* seconds of virtual time a worker may hang */
#define FUZZ_UID 1000

static uint32_t scratch[2048];  /* messages and the buffers their pointers name */
static const uint32_t rodata[16] = {0x12345678, 0x9abcdef0, 3, 4};
static endpoint_t self_ep, main_ep, peer_ep, dead_ep;
static endpoint_t children[4];
static int nchildren;

/* splitmix32: each message is a function of (seed, index) alone. */
static uint32_t rng_state;
static uint32_t rnd(void)
{
    uint32_t z = (rng_state += 0x9E3779B9u);
    z = (z ^ (z >> 16)) * 0x85EBCA6Bu;
    z = (z ^ (z >> 13)) * 0xC2B2AE35u;
    return z ^ (z >> 16);
}

static uint32_t below(uint32_t n)
{
    return rnd() % n;
}

static endpoint_t random_endpoint(void)
{
    switch (below(17)) {
    case 0: return -(endpoint_t) below(6);                  /* kernel tasks, -5..0 */
    case 1: case 2: return (endpoint_t) below(16);          /* every system slot */
    case 3: case 4: case 5: return PM_PROC_NR;              /* the two servers a user */
    case 6: case 7: case 8: return VFS_PROC_NR;             /* process may reach */
    case 9: return self_ep;
    case 10: case 11: return peer_ep;
    case 12: return below(4) ? dead_ep : main_ep;           /* main: never receives */
    case 13: return nchildren ? children[below(nchildren)] : dead_ep;
    case 14: { static const endpoint_t odd[] = {ANY, NONE, SELF, 16, 255, 256};
               return odd[below(6)]; }
    case 15: return peer_ep + _ENDPOINT_GENERATION_SIZE * (1 + below(3));  /* stale */
    default: return (endpoint_t) rnd();
    }
}

/* A pointer: mostly into scratch, else NULL, read-only, unmapped, wrapping. */
static char *random_pointer(int len)
{
    char *base = (char *) scratch;
    switch (below(16)) {
    case 0: return 0;
    case 1: return (char *) 16;
    case 2: return (char *) (uintptr_t) &random_pointer;    /* text */
    case 3: return (char *) rodata;
    case 4: return (char *) 0xB0000000u;                    /* unmapped */
    case 5: return (char *) (0xC0000000u - 8 * 1024 * 1024 + 64);  /* stack reserve */
    case 6: return (char *) (uintptr_t) (0x100000000ull - 8 - below(64));  /* wraps */
    case 7: return base + sizeof scratch - len / 2;         /* runs off the end */
    case 8: return (char *) (uintptr_t) rnd();
    default: return base + below(sizeof scratch - len);
    }
}

static const int type_bases[] = {0, 0, 0x400, 0x500, 0x600, 0x900, 0x100, 0x1000, 0};
static int random_type(void)
{
    switch (below(8)) {
    case 0: return (int) rnd();
    case 1: return -(int) below(120);
    default: {
        int b = type_bases[below(sizeof type_bases / sizeof type_bases[0])];
        return b + (int) below(b == 0 ? 100 : 0x40);
    }
    }
}

/* The requests each server knows, so that messages get past the dispatch. */
static const int pm_types[] = {EXIT, FORK, WAIT, WAITPID, GETPID, GETUID, GETGID, SETUID,
                               SETEUID, SETGID, SETEGID, SETSID, GETPGRP, GETEPINFO, BRK,
                               TIME, GETTIMEOFDAY, TIMES, KILL, ALARM, PAUSE, SIGACTION,
                               SIGPROCMASK, SIGPENDING, SIGSUSPEND, SIGRETURN, SETPGID,
                               GETPGID, NOTIFY_MESSAGE};
static const int vfs_types[] = {READ, WRITE, IOCTL, CLOSE, DUP, FCNTL, PM_INIT, PM_SETUID,
                                PM_SETGID, PM_SETSID, PM_EXIT, PM_FORK, DEV_REVIVE,
                                TASK_REPLY, NOTIFY_MESSAGE};
static const int driver_types[] = {DEV_OPEN, DEV_CLOSE, DEV_READ, DEV_WRITE, DEV_IOCTL, CANCEL,
                                   DEV_READ_S, DEV_WRITE_S, DEV_IOCTL_S, NOTIFY_MESSAGE};
#define PICK(a) ((a)[below(sizeof (a) / sizeof (a)[0])])

static int type_for(endpoint_t to)
{
    if (below(2))
        return random_type();
    if (to == PM_PROC_NR)
        return PICK(pm_types);
    if (to == VFS_PROC_NR)
        return PICK(vfs_types);
    return PICK(driver_types);
}

static uint32_t random_word(void)
{
    switch (below(10)) {
    case 0: return below(4) - 2u;
    case 1: return below(65);
    case 2: return (uint32_t) random_endpoint();
    case 3: return (uint32_t) (uintptr_t) random_pointer(64);
    case 4: { static const uint32_t edge[] = {0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 4096, 0x10000,
                                               0x40245408, (uint32_t) -998};
              return edge[below(7)]; }
    case 5: return below(3);              /* fds 0..2: the console */
    default: return rnd();
    }
}

/* Ask the peer to remember that message `index` is about to go out. */
static void report(int index)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m_type = PROGRESS;
    m.m1_i1 = MAGIC1;
    m.m1_i2 = MAGIC2;
    m.m1_i3 = index;
    _sendrec(peer_ep, &m);
}

static int ipc(int call, endpoint_t who, void *msg)
{
    int r;
    /* RECEIVE returns a status word in ebx: it is an output too. */
    __asm__ volatile("int $0x21" : "=a"(r), "+b"(msg) : "a"(who), "c"(call) : "memory");
    return r;
}

static void one_message(uint32_t seed, int index, pid_t me)
{
    rng_state = seed * 0x9E3779B1u ^ (uint32_t) index * 0x85EBCA77u;
    rnd();
    endpoint_t to = random_endpoint();
    char *p = random_pointer(36);
    int call;
    switch (below(20)) {
    case 0: case 1: case 2: case 3: call = SEND; break;
    case 4: case 5: case 6: case 7: case 8: case 9: case 10: call = SENDREC; break;
    case 11: case 12: case 13: call = SENDNB; break;
    case 14: case 15: call = NOTIFY; break;
    case 16: case 17: case 18: call = RECEIVE; break;
    default: call = below(2) ? (int) below(40) : (int) rnd(); break;   /* bogus calls */
    }
    int known = (uintptr_t) p - (uintptr_t) scratch <= sizeof scratch - 36;  /* no wrap */
    if (known) {
        uint32_t *w = (uint32_t *) (void *) p;   /* 36 bytes of scratch; may be unaligned */
        uint32_t words[9];
        words[0] = random_word();
        words[1] = (uint32_t) type_for(to);
        for (int i = 2; i < 9; i++)
            words[i] = random_word();
        memcpy(w, words, sizeof words);
    }
    int type = 0;
    if (known || p == (char *) rodata)
        memcpy(&type, p + 4, sizeof type);
    if (call == RECEIVE) {
        /* A receive that nothing will satisfy would hang the worker: receive
         * from ANY or ourselves only with our own notification pending; other
         * sources are rare and end, at worst, with the watchdog. */
        if (to == ANY || to == self_ep || below(8))
            to = below(2) ? ANY : self_ep;
        if (to == ANY || to == self_ep)
            _notify(self_ep);
    }
    ipc(call, to, p);
    if (type == FORK && getpid() != me)
        _exit(0);                 /* a child made by a random FORK: stop here */
    if (type == ALARM || index % 32 == 0)
        alarm(WATCHDOG);          /* a random ALARM may have cancelled the watchdog */
}

/* Answer every SENDREC with the message itself; never block. */
static void echo(void)
{
    message m;
    for (;;) {
        int status = 0;
        if (_receive(ANY, &m, &status) == 0 && IPC_STATUS_CALL(status) == SENDREC)
            _sendnb(m.m_source, &m);
    }
}

static void worker(uint32_t seed, int start, int count)
{
    signal(SIGALRM, SIG_DFL);     /* our own watchdog kills us (main catches it) */
    setsid();
    if (setuid(FUZZ_UID) != 0)
        _exit(3);
    self_ep = getepinfo(getpid(), 0, 0);
    pid_t me = getpid();
    /* Children of our own, in our session and uid, so random KILLs reach
     * them: one already dead, one paused in PM, one answering IPC. The first
     * process kills what is left when we are done. */
    for (int i = 0; i < 3; i++) {
        pid_t c = fork();
        if (c == 0) {
            if (i == 1)
                pause();
            if (i == 2)
                echo();
            _exit(0);
        }
        if (c > 0)
            children[nchildren++] = getepinfo(c, 0, 0);
    }
    alarm(WATCHDOG);
    for (int i = start; i < count; i++) {
        report(i);
        one_message(seed, i, me);
    }
    report(count);
    _exit(0);
}

static void peer(void)
{
    int last = -1;
    message m;
    for (;;) {
        int status = 0;
        if (_receive(ANY, &m, &status) != 0)
            continue;
        int magic = m.m1_i1 == MAGIC1 && m.m1_i2 == MAGIC2;
        if (magic && m.m_type == PROGRESS)
            last = m.m1_i3;
        else if (magic && m.m_type == QUERY)
            m.m1_i3 = last;
        if (IPC_STATUS_CALL(status) == SENDREC)
            _sendnb(m.m_source, &m);
    }
}

/* A worker can defeat its own watchdog (block or ignore SIGALRM, stop
 * itself): main keeps one of its own, which interrupts its waitpid. */
static volatile sig_atomic_t worker_overdue;

static void on_overdue(int sig)
{
    (void) sig;
    worker_overdue = 1;
}

static pid_t wait_worker(pid_t w, int *status)
{
    worker_overdue = 0;
    alarm(4 * WATCHDOG);
    pid_t got = waitpid(w, status, WUNTRACED);
    alarm(0);
    if ((got < 0 && errno == EINTR && worker_overdue) || (got == w && WIFSTOPPED(*status))) {
        kill(-w, SIGKILL);        /* stuck, or stopped by a random SIGSTOP */
        kill(w, SIGKILL);
        got = waitpid(w, status, 0);
    }
    return got;
}

static int last_progress(void)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m_type = QUERY;
    m.m1_i1 = MAGIC1;
    m.m1_i2 = MAGIC2;
    if (_sendrec(peer_ep, &m) != 0)
        return -2;
    return m.m1_i3;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: msgfuzz SEED COUNT\n");
        return 2;
    }
    uint32_t seed = (uint32_t) strtoul(argv[1], 0, 0);
    int count = atoi(argv[2]);
    struct termios saved;
    int have_termios = tcgetattr(0, &saved) == 0;
    main_ep = getepinfo(getpid(), 0, 0);
    signal(SIGALRM, on_overdue);
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    dead_ep = getepinfo(pid, 0, 0);
    waitpid(pid, 0, 0);
    pid_t peer_pid = fork();
    if (peer_pid == 0)
        peer();
    peer_ep = getepinfo(peer_pid, 0, 0);

    int next = 0, workers = 0, died = 0;
    while (next < count) {
        pid_t w = fork();
        if (w < 0) {
            printf("msgfuzz: fork failed (errno %d)\n", errno);
            return 1;
        }
        if (w == 0)
            worker(seed, next, count);
        workers++;
        int status;
        pid_t got = wait_worker(w, &status);
        if (got != w) {
            printf("msgfuzz: lost worker %d (waitpid %d, errno %d)\n", (int) w, (int) got, errno);
            return 1;
        }
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            died++;
        kill(-w, SIGKILL);        /* what is left of the worker's session */
        while (waitpid(-1, &status, WNOHANG) > 0)
            ;                     /* children of dead workers come to us */
        int last = last_progress();
        if (last < -1) {
            printf("msgfuzz: the peer is gone\n");
            return 1;
        }
        next = last + 1 > next ? last + 1 : next + 1;
    }
    kill(peer_pid, SIGKILL);
    waitpid(peer_pid, 0, 0);
    if (have_termios)
        tcsetattr(0, TCSANOW, &saved);
    printf("\nmsgfuzz: seed %u: %d messages, %d workers (%d ended early)\n", (unsigned) seed,
           count, workers, died);
    int r = printf("msgfuzz: still usable: getpid %d\n", (int) getpid());
    return r > 0 && getpid() == 1 ? 0 : 1;
}
