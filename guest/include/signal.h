/* <signal.h>: signal numbers and the calls that send them. */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>
#include <minix/gen/signals.h>

typedef int sig_atomic_t;
typedef void (*sighandler_t)(int);

#define SIG_DFL ((sighandler_t) 0)
#define SIG_IGN ((sighandler_t) 1)
#define SIG_ERR ((sighandler_t) -1)

int kill(pid_t pid, int sig);
int raise(int sig);

#endif
