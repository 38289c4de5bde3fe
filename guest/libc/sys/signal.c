/* Signal calls to PM: sigaction, signal, sigprocmask, sigpending,
 * sigsuspend, sigreturn, killpg; and the sigset_t operations. */
#include <errno.h>
#include <signal.h>
#include <sys/sigcontext.h>
#include <minix/callnr.h>
#include <minix/com.h>
#include <minix/ipc.h>

void __sigreturn(void);     /* sigreturn.S: where a handler returns to */

int sigaction(int sig, const struct sigaction *act, struct sigaction *oact)
{
    message m;
    m.m1_i2 = sig;
    m.m1_p1 = (char *) act;
    m.m1_p2 = (char *) oact;
    m.m1_p3 = (char *) __sigreturn;
    return _syscall(PM_PROC_NR, SIGACTION, &m) < 0 ? -1 : 0;
}

/* MINIX's signal(): a reliable handler that stays installed, with the
 * signal blocked while it runs, and no restart of interrupted calls. */
__sighandler_t signal(int sig, __sighandler_t func)
{
    struct sigaction sa, osa;
    if (sig <= 0 || sig >= _NSIG || sig == SIGKILL || sig == SIGSTOP) {
        errno = EINVAL;
        return SIG_ERR;
    }
    sa.sa_handler = func;
    sa.sa_mask = 0;
    sa.sa_flags = 0;
    if (sigaction(sig, &sa, &osa) < 0)
        return SIG_ERR;
    return osa.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *oset)
{
    message m;
    if (set == 0) {
        m.m2_i1 = SIG_INQUIRE;
        m.m2_l1 = 0;
    } else {
        m.m2_i1 = how;
        m.m2_l1 = (long) *set;
    }
    if (_syscall(PM_PROC_NR, SIGPROCMASK, &m) < 0)
        return -1;
    if (oset)
        *oset = (sigset_t) m.m2_l1;
    return 0;
}

int sigpending(sigset_t *set)
{
    message m;
    if (_syscall(PM_PROC_NR, SIGPENDING, &m) < 0)
        return -1;
    *set = (sigset_t) m.m2_l1;
    return 0;
}

int sigsuspend(const sigset_t *set)
{
    message m;
    m.m2_l1 = (long) *set;
    return _syscall(PM_PROC_NR, SIGSUSPEND, &m);
}

/* Called by __sigreturn with the frame's context; returns only on failure. */
int sigreturn(struct sigcontext *scp)
{
    message m;
    m.m2_l1 = (long) scp->sc_mask;
    m.m2_p1 = (char *) scp;
    return _syscall(PM_PROC_NR, SIGRETURN, &m);
}

int killpg(pid_t pgrp, int sig)
{
    if (pgrp < 0) {
        errno = EINVAL;
        return -1;
    }
    return kill(-pgrp, sig);
}

int sigemptyset(sigset_t *set)
{
    *set = 0;
    return 0;
}

int sigfillset(sigset_t *set)
{
    *set = ((1UL << _NSIG) - 1) & ~1UL;
    return 0;
}

int sigaddset(sigset_t *set, int sig)
{
    if (sig <= 0 || sig >= _NSIG) {
        errno = EINVAL;
        return -1;
    }
    *set |= 1UL << sig;
    return 0;
}

int sigdelset(sigset_t *set, int sig)
{
    if (sig <= 0 || sig >= _NSIG) {
        errno = EINVAL;
        return -1;
    }
    *set &= ~(1UL << sig);
    return 0;
}

int sigismember(const sigset_t *set, int sig)
{
    if (sig <= 0 || sig >= _NSIG) {
        errno = EINVAL;
        return -1;
    }
    return (*set >> sig) & 1;
}
