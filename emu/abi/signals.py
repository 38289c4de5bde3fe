"""Signal numbers of MINIX 3.1.8 (abi.md), plus the job-control ones it reserves."""
from enum import IntEnum


class Signal(IntEnum):
    SIGHUP = 1
    SIGINT = 2
    SIGQUIT = 3
    SIGILL = 4
    SIGTRAP = 5
    SIGABRT = 6
    SIGBUS = 7
    SIGFPE = 8
    SIGKILL = 9
    SIGUSR1 = 10
    SIGSEGV = 11
    SIGUSR2 = 12
    SIGPIPE = 13
    SIGALRM = 14
    SIGTERM = 15
    SIGEMT = 16
    SIGCHLD = 17
    SIGCONT = 18
    SIGSTOP = 19
    SIGTSTP = 20
    SIGWINCH = 21
    SIGTTIN = 22
    SIGTTOU = 23
    SIGVTALRM = 24
    SIGPROF = 25


NSIG = 26  # _NSIG: highest signal number + 1


def signal_name(value: int) -> str:
    try:
        return Signal(value).name
    except ValueError:
        return f"signal {value}"


# Wait status encoding (<sys/wait.h>): exit code in bits 8..15, or the
# terminating signal in bits 0..6.
def wait_status_exited(code: int) -> int:
    return (code & 0xFF) << 8


def wait_status_signaled(sig: int) -> int:
    return sig & 0x7F
