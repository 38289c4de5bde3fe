/* strerror, strerror_r and strsignal: message text for error and signal
 * numbers. The errno texts are generated from the emulator's ABI module. */
#include <string.h>
#include <errno.h>
#include <signal.h>
#include <minix/gen/strerror.h>

static const char *const errtab[STRERROR_TABLE_SIZE] = STRERROR_TABLE;

static const char *const sigtab[_NSIG] = {
    [SIGHUP] = "Hangup", [SIGINT] = "Interrupt", [SIGQUIT] = "Quit",
    [SIGILL] = "Illegal instruction", [SIGTRAP] = "Trace/breakpoint trap",
    [SIGABRT] = "Aborted", [SIGBUS] = "Bus error",
    [SIGFPE] = "Floating point exception", [SIGKILL] = "Killed",
    [SIGUSR1] = "User defined signal 1", [SIGSEGV] = "Segmentation fault",
    [SIGUSR2] = "User defined signal 2", [SIGPIPE] = "Broken pipe",
    [SIGALRM] = "Alarm clock", [SIGTERM] = "Terminated",
    [SIGEMT] = "EMT trap", [SIGCHLD] = "Child exited", [SIGCONT] = "Continued",
    [SIGSTOP] = "Stopped (signal)", [SIGTSTP] = "Stopped",
    [SIGWINCH] = "Window changed", [SIGTTIN] = "Stopped (tty input)",
    [SIGTTOU] = "Stopped (tty output)", [SIGVTALRM] = "Virtual timer expired",
    [SIGPROF] = "Profiling timer expired",
};

/* "<prefix><n>" into buf (at least 32 bytes), without pulling in printf. */
static char *unknown(char *buf, const char *prefix, int n)
{
    char digits[12];
    unsigned int u = n < 0 ? -(unsigned int) n : (unsigned int) n;
    int i = 0;
    size_t len = strlen(prefix);

    memcpy(buf, prefix, len);
    do
        digits[i++] = (char) ('0' + u % 10);
    while ((u /= 10) != 0);
    if (n < 0)
        buf[len++] = '-';
    while (i > 0)
        buf[len++] = digits[--i];
    buf[len] = '\0';
    return buf;
}

int strerror_r(int errnum, char *buf, size_t len)
{
    char tmp[32];
    const char *msg;
    int known = errnum >= 0 && errnum < STRERROR_TABLE_SIZE && errtab[errnum];

    if (errnum == 0)
        msg = "Success";
    else
        msg = known ? errtab[errnum] : unknown(tmp, "Unknown error ", errnum);
    if (len == 0 || strlcpy(buf, msg, len) >= len)
        return ERANGE;
    return errnum == 0 || known ? 0 : EINVAL;
}

char *strerror(int errnum)
{
    static char buf[80];

    strerror_r(errnum, buf, sizeof(buf));
    return buf;
}

char *strsignal(int sig)
{
    static char buf[32];

    if (sig > 0 && sig < _NSIG && sigtab[sig])
        return (char *) sigtab[sig];
    return unknown(buf, "Unknown signal ", sig);
}
