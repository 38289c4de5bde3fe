/* A Linux i386 stand-in for the guest system-call layer, so tests can run
 * the guest libc, compiled exactly as for the guest (ILP32), as a native
 * 32-bit Linux program: int 0x80 system calls and a _start that calls main. */
#include <unistd.h>
#include <stdlib.h>
#include <errno.h>
#include <signal.h>

char **environ;
int main(int argc, char **argv);

static int sys3(int n, int a, int b, int c)
{
    int r;

    __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c) : "memory");
    if (r < 0 && r > -4096) {
        errno = -r;
        return -1;
    }
    return r;
}

ssize_t read(int fd, void *buf, size_t n) { return sys3(3, fd, (int) buf, (int) n); }
ssize_t write(int fd, const void *buf, size_t n) { return sys3(4, fd, (int) buf, (int) n); }
int open(const char *path, int flags, ...) { return sys3(5, (int) path, flags, 0666); }
int close(int fd) { return sys3(6, fd, 0, 0); }
off_t lseek(int fd, off_t off, int whence) { return sys3(19, fd, (int) off, whence); }
int raise(int sig) { return sys3(37, sys3(20, 0, 0, 0), sig, 0); }
/* abort's unblocking and reset: Linux's defaults are what abort needs here. */
int sigprocmask(int how, const sigset_t *set, sigset_t *oset) { (void) how; (void) set; (void) oset; return 0; }
__sighandler_t signal(int sig, __sighandler_t func) { (void) sig; (void) func; return SIG_DFL; }

void _exit(int status)
{
    for (;;)
        sys3(1, status, 0, 0);
}

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
    exit(main(argc, argv));
}

__asm__(".globl _start\n_start:\n\txor %ebp, %ebp\n\tmov %esp, %eax\n"
        "\tand $-16, %esp\n\tsub $12, %esp\n\tpush %eax\n\tcall start_c\n\thlt\n");
