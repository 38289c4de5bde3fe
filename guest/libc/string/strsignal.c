/* strsignal, psignal and sys_siglist: the names of signals. */
#include <signal.h>
#include <stdio.h>

const char *const sys_siglist[_NSIG] = {
    "Signal 0", "Hangup", "Interrupt", "Quit", "Illegal instruction",
    "Trace/breakpoint trap", "Abort trap", "Bus error", "Floating point exception",
    "Killed", "User defined signal 1", "Segmentation fault", "User defined signal 2",
    "Broken pipe", "Alarm clock", "Terminated", "EMT trap", "Child exited",
    "Continued", "Stopped (signal)", "Stopped", "Window size changed",
    "Stopped (tty input)", "Stopped (tty output)", "Virtual timer expired",
    "Profiling timer expired",
};

char *strsignal(int sig)
{
    static char unknown[32];
    if (sig >= 0 && sig < _NSIG)
        return (char *) sys_siglist[sig];
    snprintf(unknown, sizeof unknown, "Unknown signal %d", sig);
    return unknown;
}

void psignal(int sig, const char *s)
{
    if (s && *s)
        fprintf(stderr, "%s: %s\n", s, strsignal(sig));
    else
        fprintf(stderr, "%s\n", strsignal(sig));
}
