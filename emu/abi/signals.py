"""Signal numbers of MINIX 3.1.8 (abi.md), plus the job-control ones it reserves,
the sigaction flags, the sigprocmask operations and the wait-status encoding.

A sigset_t is an unsigned long with bit `1 << sig` for each signal, as in
3.1.8's libc (sigaddset), so PM keeps masks as plain ints.
"""
from enum import IntEnum, IntFlag


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


class SigAction(IntFlag):
    """sa_flags (<signal.h>, 3.1.8 values)."""
    SA_ONSTACK = 0x0001
    SA_RESETHAND = 0x0002
    SA_NODEFER = 0x0004
    SA_RESTART = 0x0008
    SA_SIGINFO = 0x0010
    SA_NOCLDWAIT = 0x0020
    SA_NOCLDSTOP = 0x0040


class SigHow(IntEnum):
    """sigprocmask's `how`; SIG_INQUIRE is what libc sends for a NULL set."""
    SIG_BLOCK = 0
    SIG_UNBLOCK = 1
    SIG_SETMASK = 2
    SIG_INQUIRE = 4


SIG_DFL = 0
SIG_IGN = 1
SIG_ERR = -1 & 0xFFFFFFFF

# struct sigaction { __sighandler_t sa_handler; sigset_t sa_mask; int sa_flags; }
SIGACTION_FORMAT = "<IIi"
SIGACTION_SIZE = 12


def sigmask(sig: int) -> int:
    """The sigset_t bit of a signal."""
    return 1 << sig


ALL_SIGNALS = ((1 << NSIG) - 1) & ~1            # bits 1 .. NSIG-1
UNBLOCKABLE = sigmask(Signal.SIGKILL) | sigmask(Signal.SIGSTOP)

# Default actions (POSIX): what SIG_DFL does.
DEFAULT_IGNORE = frozenset({Signal.SIGCHLD, Signal.SIGWINCH, Signal.SIGCONT})
DEFAULT_STOP = frozenset({Signal.SIGSTOP, Signal.SIGTSTP, Signal.SIGTTIN, Signal.SIGTTOU})
DEFAULT_CORE = frozenset({Signal.SIGQUIT, Signal.SIGILL, Signal.SIGTRAP, Signal.SIGABRT,
                          Signal.SIGBUS, Signal.SIGFPE, Signal.SIGSEGV, Signal.SIGEMT})
STOP_SIGNALS = sum(sigmask(s) for s in DEFAULT_STOP)


def signal_name(value: int) -> str:
    try:
        return Signal(value).name
    except ValueError:
        return f"signal {value}"


# Wait status encoding (<sys/wait.h>): exit code in bits 8..15, or the
# terminating signal in bits 0..6 with WCOREFLAG for a core-dumping default
# action; a stopped child is 0x7F with the signal in bits 8..15; a continued
# one is 0xFFFF.
WCOREFLAG = 0x80
WSTOPPED_LOW = 0x7F
WCONTINUED_STATUS = 0xFFFF


def wait_status_exited(code: int) -> int:
    return (code & 0xFF) << 8


def wait_status_signaled(sig: int, core: bool = False) -> int:
    return (sig & 0x7F) | (WCOREFLAG if core else 0)


def wait_status_stopped(sig: int) -> int:
    return (sig & 0xFF) << 8 | WSTOPPED_LOW
