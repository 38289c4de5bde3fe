"""One way to wait: the suspension record every blocked VFS call leaves behind.

A call VFS cannot finish now (a console read with no input, later a pipe, a
select, a lock, a nested call to a server that must answer first) records
what it waits for in `fp.suspended` and returns SUSPEND; the caller stays
blocked in its SENDREC. Whatever ends the wait goes through here, so the
process is always answered exactly once:

- revive(): the wait is over (a driver's DEV_REVIVE, a pipe's writer); the
  reply carries the result.
- cancel(): PM_UNPAUSE (a caught signal) undoes the wait where it is
  recorded (a driver gets CANCEL) and the call returns EINTR, or, under
  SA_RESTART with nothing moved yet, is answered by nobody and runs again.
- forget(): the process exits; the wait is undone and nobody is answered.
"""
from dataclasses import dataclass
from enum import IntEnum

from emu.abi import endpoints as ep
from emu.abi.com import DevRequest, Unpause
from emu.abi.errno import Errno
from emu.abi.message import Message


class WaitKind(IntEnum):
    DRIVER = 1      # a character driver answered SUSPEND; it sends DEV_REVIVE later
    PIPE = 2        # a pipe reader or writer (issue 7)
    SELECT = 3      # select() (issue 7)
    LOCK = 4        # a file lock (F_SETLKW)
    NESTED = 5      # a server VFS asked must answer before the call can go on


@dataclass(slots=True, eq=False)
class Suspension:
    kind: WaitKind
    call: int                 # the system call that waits (READ, WRITE, ...)
    target: int = ep.NONE     # the driver or server it waits for
    minor: int = 0
    filp: object = None       # the open file the call works on
    on_cancel: object = None  # extra clean-up for kinds that have their own queues; may
                              # return the bytes the call moved so far (a partial answer)
    restartable: bool = True  # False: never restarted under SA_RESTART (select)


def suspend(fp, kind: WaitKind, call: int, target: int = ep.NONE, minor: int = 0,
            filp=None, on_cancel=None, restartable: bool = True) -> None:
    fp.suspended = Suspension(kind, call, target, minor, filp, on_cancel, restartable)


def revive(vfs, fp, reply: Message) -> None:
    """The wait is over: answer the process (a revive in the trace)."""
    fp.suspended = None
    vfs.sys.send(ep.VFS, fp.endpoint, reply)


def _undo(vfs, fp, s: Suspension) -> int | None:
    """Undo the wait where it is recorded; a driver may report partial progress."""
    status = None
    if s.kind == WaitKind.DRIVER:
        m = Message.of(DevRequest.CANCEL, m2_i1=s.minor, m2_i2=fp.endpoint, m2_i3=s.call)
        try:
            status = vfs.sys.sendrec(ep.VFS, s.target, m).m2_i2
        except Exception:    # a driver that is gone has nothing to undo
            status = None
    if s.on_cancel is not None:
        moved = s.on_cancel()
        if moved is not None:
            status = moved
    return status


def cancel(vfs, fp, restart: bool = False) -> Unpause:
    """PM_UNPAUSE: end the wait early; the call returns EINTR (or the bytes it
    moved). Under `restart` (SA_RESTART) a call that moved nothing is answered
    by nobody: the kernel backs the caller over its trap and it runs again."""
    s = fp.suspended
    if s is None:
        return Unpause.NONE
    fp.suspended = None
    status = _undo(vfs, fp, s)
    if status is not None and status > 0:
        result = status
    elif restart and s.restartable:
        return Unpause.RESTART
    else:
        result = -Errno.EINTR
    vfs.sys.send(ep.VFS, fp.endpoint, Message.of(result))
    return Unpause.ANSWERED


def forget(vfs, fp) -> None:
    """The process is going away: undo the wait, answer nobody."""
    s = fp.suspended
    if s is None:
        return
    fp.suspended = None
    _undo(vfs, fp, s)
