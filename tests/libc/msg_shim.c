/* A Linux i386 stand-in for IPC, so a test can see the exact messages the
 * guest C library's system-call wrappers send: _syscall records each one
 * (and, for EXEC, the stack frame it points to) and answers with the reply
 * m_type the test asked for; msg_dump() prints the records with raw Linux
 * system calls (the library's own write() is a recorded wrapper here). */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <minix/callnr.h>
#include <minix/ipc.h>

#define MAX_RECORDS 256
#define FRAME_MAX 4096

char **environ;
int main(int argc, char **argv);

struct record { int who; message m; unsigned frame_len; unsigned char frame[FRAME_MAX]; };
static struct record records[MAX_RECORDS];
static int nrecords;
static int next_reply;

static int sys3(int n, int a, int b, int c)
{
    int r;

    __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c) : "memory");
    return r;
}

void msg_reply(int m_type) { next_reply = m_type; }

int _syscall(endpoint_t who, int syscallnr, message *msgptr)
{
    struct record *r = &records[nrecords < MAX_RECORDS ? nrecords++ : MAX_RECORDS - 1];
    int reply = next_reply;

    msgptr->m_type = syscallnr;
    r->who = who;
    r->m = *msgptr;
    r->frame_len = 0;
    if (syscallnr == EXEC && (unsigned) msgptr->m1_i2 <= FRAME_MAX) {
        r->frame_len = (unsigned) msgptr->m1_i2;
        memcpy(r->frame, msgptr->m1_p2, r->frame_len);
    }
    next_reply = 0;
    msgptr->m_type = reply;
    if (reply < 0) {
        errno = -reply;
        return -1;
    }
    return reply;
}

static void out(const char *s, size_t n) { sys3(4, 1, (int) s, (int) n); }

static void hex(const void *p, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    const unsigned char *b = p;
    char buf[2];
    size_t i;

    for (i = 0; i < n; i++) {
        buf[0] = digits[b[i] >> 4];
        buf[1] = digits[b[i] & 15];
        out(buf, 2);
    }
}

/* "NAME ADDRESS" for the test to match pointers. */
void msg_addr(const char *name, const void *p)
{
    uint32_t a = (uint32_t) (uintptr_t) p;

    out("addr ", 5);
    out(name, strlen(name));
    out(" ", 1);
    hex(&a, 4);
    out("\n", 1);
}

/* One line per recorded message: "msg WHO HEX36 [FRAMEHEX]". */
void msg_dump(void)
{
    int i;

    for (i = 0; i < nrecords; i++) {
        out("msg ", 4);
        hex(&records[i].who, 4);
        out(" ", 1);
        hex(&records[i].m, sizeof(message));
        out(" ", 1);
        hex(records[i].frame, records[i].frame_len);
        out("\n", 1);
    }
    nrecords = 0;
}

void _exit(int status)
{
    for (;;)
        sys3(1, status, 0, 0);
}

int raise(int sig) { _exit(128 + sig); }

void *sbrk(intptr_t incr)
{
    static char *cur;
    char *old;

    if (cur == NULL)
        cur = (char *) sys3(45, 0, 0, 0);
    old = cur;
    if (incr != 0 && (char *) sys3(45, (int) (cur + incr), 0, 0) != cur + incr) {
        errno = ENOMEM;
        return (void *) -1;
    }
    cur += incr;
    return old;
}

void start_c(int *sp)
{
    int argc = sp[0];
    char **argv = (char **) (sp + 1);

    environ = argv + argc + 1;
    _exit(main(argc, argv));
}

__asm__(".globl _start\n_start:\n\txor %ebp, %ebp\n\tmov %esp, %eax\n"
        "\tand $-16, %esp\n\tsub $12, %esp\n\tpush %eax\n\tcall start_c\n\thlt\n");
