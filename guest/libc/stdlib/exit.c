/* exit, _Exit, atexit, abort: ending the process.
 * exit runs atexit handlers newest first, then lets stdio flush its
 * streams (through __stdio_cleanup, set once stdio buffers output). */
#include <stdlib.h>
#include <unistd.h>
#include <signal.h>

#define NATEXIT 64                 /* ATEXIT_MAX in <limits.h> */

void (*__stdio_cleanup)(void);

static void (*handlers[NATEXIT])(void);
static int nhandlers;

int atexit(void (*func)(void))
{
    if (nhandlers >= NATEXIT)
        return -1;
    handlers[nhandlers++] = func;
    return 0;
}

void exit(int status)
{
    while (nhandlers > 0)                  /* a handler may register more */
        handlers[--nhandlers]();
    if (__stdio_cleanup)
        __stdio_cleanup();
    _exit(status);
}

void _Exit(int status)
{
    _exit(status);
}

/* abort: SIGABRT even if it is blocked; if a handler returns, once more
 * with the default action. */
void abort(void)
{
    sigset_t set = 1UL << SIGABRT;
    sigprocmask(SIG_UNBLOCK, &set, 0);
    raise(SIGABRT);
    signal(SIGABRT, SIG_DFL);
    raise(SIGABRT);
    _exit(128 + SIGABRT);
}
