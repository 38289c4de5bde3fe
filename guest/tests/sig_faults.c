/* Faults go to handlers:  sig_faults MODE
 *   null|div|hlt|ud2  a handler that siglongjmps out survives the fault twice
 *                     (the second is a plain fault again, not a double fault);
 *                     then, back at SIG_DFL, the third fault kills
 *   skip         the handler moves sc_eip past a faulting hlt and returns
 *   blocked      the fault's signal is blocked: the fault kills anyway
 *   ignored      SIGSEGV ignored: the fault kills anyway
 *   overflow     endless recursion with a SIGSEGV handler: no room for the frame
 *   deepstack    a handler runs on an almost full stack (the frame grows it)
 *   eflags       sigreturn takes only the user's EFLAGS bits (not IOPL, TF, IF);
 *                a context that cannot be read is EFAULT */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/sigcontext.h>
#include <unistd.h>
#include <minix/callnr.h>
#include <minix/com.h>
#include <minix/ipc.h>

static sigjmp_buf env;
static volatile int caught;
static volatile int zero;

static void jump_out(int sig)
{
    caught = sig;
    siglongjmp(env, 1);
}

static void fault(const char *kind)
{
    if (!strcmp(kind, "null"))
        caught += *(volatile int *) 0;
    else if (!strcmp(kind, "div"))
        caught += 10 / zero;
    else if (!strcmp(kind, "hlt"))
        __asm__ volatile("hlt");
    else if (!strcmp(kind, "ud2"))
        __asm__ volatile("ud2");
}

static int signal_of(const char *kind)
{
    return !strcmp(kind, "div") ? SIGFPE : !strcmp(kind, "ud2") ? SIGILL : SIGSEGV;
}

static void skip_hlt(int sig, int code, struct sigcontext *scp)
{
    (void) code;
    caught = sig;
    scp->sc_eip += 1;           /* hlt is one byte */
}

static int depth;
static void recurse(void)
{
    volatile char pad[4096];
    pad[0] = (char) depth++;
    recurse();
    (void) pad[0];
}

static volatile int handled_deep;
static void deep_handler(int sig)
{
    volatile char local[256];
    local[0] = (char) sig;
    handled_deep = local[0];
}

static void fill_stack(int kib)
{
    volatile char pad[1024];
    pad[0] = 1;
    if (kib > 0)
        fill_stack(kib - 1);
    else
        raise(SIGUSR1);
    (void) pad[0];
}

static void raise_flags(int sig, int code, struct sigcontext *scp)
{
    (void) sig;
    (void) code;
    scp->sc_eflags |= 0x3000 | 0x100 | 0x1;    /* IOPL 3, TF, CF */
    scp->sc_eflags &= ~0x200u;                 /* IF off */
}

static unsigned eflags_after_signal(void)
{
    unsigned flags;
    raise(SIGUSR1);
    __asm__ volatile("pushfl\n\tpopl %0" : "=r"(flags));
    return flags;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "null";
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    if (!strcmp(mode, "skip")) {
        sa.sa_handler = (void (*)(int)) skip_hlt;
        sigaction(SIGSEGV, &sa, 0);
        __asm__ volatile("hlt");
        printf("skipped hlt: caught %d\n", caught);
        return 0;
    }
    if (!strcmp(mode, "blocked") || !strcmp(mode, "ignored")) {
        sa.sa_handler = !strcmp(mode, "ignored") ? SIG_IGN : jump_out;
        sigaction(SIGSEGV, &sa, 0);
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGSEGV);
        if (!strcmp(mode, "blocked"))
            sigprocmask(SIG_BLOCK, &set, 0);
        printf("faulting with SIGSEGV %s\n", mode);
        fflush(stdout);
        if (sigsetjmp(env, 1) == 0)
            fault("null");
        printf("survived: wrong\n");
        return 1;
    }
    if (!strcmp(mode, "overflow")) {
        sa.sa_handler = jump_out;
        sigaction(SIGSEGV, &sa, 0);
        if (sigsetjmp(env, 1) == 0)
            recurse();
        printf("survived overflow: wrong\n");
        return 1;
    }
    if (!strcmp(mode, "eflags")) {
        sa.sa_handler = (void (*)(int)) raise_flags;
        sigaction(SIGUSR1, &sa, 0);
        unsigned f = eflags_after_signal();
        printf("iopl %u tf %u if %u\n", (f >> 12) & 3, (f >> 8) & 1, (f >> 9) & 1);
        message m;              /* SIGRETURN by hand: libc's would read the mask itself */
        m.m2_l1 = 0;
        m.m2_p1 = (char *) 16;
        errno = 0;
        int r = _syscall(PM_PROC_NR, SIGRETURN, &m);
        printf("sigreturn(bad): %d %s\n", r, strerror(errno));
        return 0;
    }
    if (!strcmp(mode, "deepstack")) {
        sa.sa_handler = deep_handler;
        sigaction(SIGUSR1, &sa, 0);
        fill_stack(8 * 1024 - 24);      /* 8 MiB stack limit, a little room left */
        printf("deep handler ran: %d\n", handled_deep);
        return 0;
    }
    int sig = signal_of(mode);
    sa.sa_handler = jump_out;
    sigaction(sig, &sa, 0);
    for (int round = 1; round <= 2; round++) {
        caught = 0;
        if (sigsetjmp(env, 1) == 0)
            fault(mode);
        sigset_t now;
        sigprocmask(SIG_BLOCK, 0, &now);
        printf("round %d: caught %s, still blocked %d\n", round, strsignal(caught),
               sigismember(&now, sig));
    }
    signal(sig, SIG_DFL);
    fflush(stdout);
    fault(mode);
    printf("survived a fault at SIG_DFL: wrong\n");
    return 1;
}
