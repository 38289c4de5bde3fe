/* Writes into a process's memory from outside its own trap, and the heap's start.
 *   badmsg const_fork  FORK from a const (read-only) message: EFAULT, no child
 *   badmsg stale_fork  a SENDREC that failed with EFAULT, then FORK by SEND:
 *                      the child's reply goes to the SEND's message
 *   badmsg text_fork   the same after a SENDREC whose reply could not be written
 *   badmsg brk         brk back to the initial break (the C library's _end)
 *   badmsg orphans     a parent waiting for one child is not handed another
 *                      (a grandchild reparented to it as a zombie) */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <minix/callnr.h>
#include <minix/com.h>
#include <minix/ipc.h>

static const message const_fork_msg = {.m_type = FORK};

static int no_children(void)
{
    int status;
    return waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD;
}

static int const_fork(void)
{
    int r = _sendrec(PM_PROC_NR, (message *) &const_fork_msg);
    printf("fork from a const message = %d (%s)\n", r, r == -EFAULT ? "EFAULT" : "?");
    int none = no_children();
    printf("children: %s\n", none ? "none" : "ONE WAS MADE");
    return r != -EFAULT || !none;
}

/* FORK sent with SEND: the parent's reply is dropped, the child's lands in `m`. */
static int fork_by_send(void)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m_type = FORK;
    int r = _send(PM_PROC_NR, &m);
    if (r == 0 && m.m_type == 0)
        _exit(7);                      /* the child: its reply said 0 */
    int status;
    pid_t pid = waitpid(-1, &status, 0);
    printf("send FORK = %d, child %s, status %d\n", r, pid > 0 ? "ran" : "missing",
           pid > 0 ? WEXITSTATUS(status) : -1);
    return r != 0 || pid <= 0 || WEXITSTATUS(status) != 7;
}

static int stale_fork(void)
{
    int r = _sendrec(PM_PROC_NR, (message *) 16);
    printf("sendrec with a bad message = %d (%s)\n", r, r == -EFAULT ? "EFAULT" : "?");
    return fork_by_send() || r != -EFAULT;
}

static int text_fork(void)
{
    /* Readable, not writable: PM answers GETPID-or-whatever, the reply cannot land. */
    int r = _sendrec(PM_PROC_NR, (message *) (void *) &text_fork);
    printf("sendrec with a message in the text = %d (%s)\n", r, r == -EFAULT ? "EFAULT" : "?");
    return fork_by_send() || r != -EFAULT;
}

extern char _end[];

static int heap(void)
{
    char *start = sbrk(0);
    printf("initial break is _end: %s\n", start == _end ? "yes" : "NO");
    char *p = sbrk(200000);
    if (p == (char *) -1) {
        printf("sbrk failed\n");
        return 1;
    }
    memset(p, 0x5A, 200000);
    int r = brk(start);
    printf("brk back to the initial break = %d, break %s\n", r, sbrk(0) == start ? "ok" : "WRONG");
    r |= brk(_end);
    char *again = sbrk(8192);
    if (again == (char *) -1)
        return 1;
    memset(again, 1, 8192);
    printf("grows again: %s\n", again == start ? "yes" : "NO");
    return r != 0 || again != start;
}

static int orphans(void)
{
    pid_t middle = fork();
    if (middle == 0) {
        pid_t grandchild = fork();
        if (grandchild == 0)
            _exit(5);
        for (volatile int i = 0; i < 200000; i++)
            ;       /* the grandchild exits first and stays a zombie */
        _exit(6);   /* its zombie passes to pid 1, us, while we wait for `middle` */
    }
    int status;
    pid_t got = waitpid(middle, &status, 0);
    printf("waitpid(middle) = %s, status %d\n", got == middle ? "middle" : "ANOTHER",
           WEXITSTATUS(status));
    got = waitpid(-1, &status, 0);
    printf("then the orphan: status %d\n", got > 0 ? WEXITSTATUS(status) : -1);
    return 0;
}

int main(int argc, char **argv)
{
    static const struct { const char *name; int (*fn)(void); } modes[] = {
        {"const_fork", const_fork}, {"stale_fork", stale_fork}, {"text_fork", text_fork},
        {"brk", heap}, {"orphans", orphans},
    };
    for (unsigned i = 0; argc == 2 && i < sizeof modes / sizeof modes[0]; i++)
        if (!strcmp(argv[1], modes[i].name))
            return modes[i].fn();
    fprintf(stderr, "usage: badmsg const_fork|stale_fork|text_fork|brk|orphans\n");
    return 2;
}
