/* <signal.h>: signal numbers, dispositions, masks, and the calls on them.
 * The numbers and flags come from emu/abi/signals.py (minix/gen/signals.h);
 * struct sigaction has 3.1.8's layout. */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>
#include <minix/gen/signals.h>

typedef int sig_atomic_t;

#ifndef _SIGSET_T
#define _SIGSET_T
typedef unsigned long sigset_t;
#endif

typedef void (*__sighandler_t)(int);
typedef __sighandler_t sighandler_t;
typedef __sighandler_t sig_t;

#define SIG_ERR ((__sighandler_t) -1)
#define SIG_DFL ((__sighandler_t) 0)
#define SIG_IGN ((__sighandler_t) 1)

struct sigaction {
    __sighandler_t sa_handler;  /* SIG_DFL, SIG_IGN, or a function */
    sigset_t sa_mask;           /* signals blocked while the handler runs */
    int sa_flags;               /* SA_RESTART, SA_RESETHAND, SA_NODEFER, ... */
};

int raise(int sig);
__sighandler_t signal(int sig, __sighandler_t func);
int kill(pid_t pid, int sig);
int killpg(pid_t pgrp, int sig);
int sigaction(int sig, const struct sigaction *act, struct sigaction *oact);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigismember(const sigset_t *set, int sig);
int sigpending(sigset_t *set);
int sigprocmask(int how, const sigset_t *set, sigset_t *oset);
int sigsuspend(const sigset_t *sigmask);
char *strsignal(int sig);
void psignal(int sig, const char *s);

#endif
