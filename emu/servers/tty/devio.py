"""The TTY's driver calls: open, close, read, write, ioctl, cancel (tty.c)."""
import struct

from emu.abi import endpoints as ep
from emu.abi import ioctl as T
from emu.abi.com import FLG_OP_NONBLOCK, SESSION
from emu.abi.com import SUSPEND as DRIVER_SUSPEND
from emu.abi.errno import Errno
from emu.abi.fcntl import OpenFlag
from emu.abi.message import Message
from emu.abi.signals import Signal
from emu.servers.server import ErrnoError
from emu.servers.tty import jobctl
from emu.servers.tty.line import PendingRead

MAX_CHUNK = 4096
PGRP = struct.Struct("<i")     # tcgetpgrp/tcsetpgrp's argument: a pid_t
_SIGTTIN, _SIGTTOU = int(Signal.SIGTTIN), int(Signal.SIGTTOU)
# The requests POSIX has a background process stopped for (tcsetattr, tcdrain,
# tcflow, tcflush, tcsendbreak; tcsetpgrp in _job_control).
_CHANGES = frozenset({T.TCSETS, T.TCSETSW, T.TCSETSF, T.TCSBRK, T.TCDRAIN, T.TCFLOW, T.TCFLSH})


def do_open(tty, m: Message):
    """A session leader's first open of a terminal without O_NOCTTY makes it
    the session's controlling terminal, with the leader's group (its pid) in
    the foreground (VFS names the leader's session in SESSION, else 0). It
    stays the session's until the system stops (sessions here outlive none
    of their terminals: init's session holds the console)."""
    line = tty.line(m)
    leader = getattr(m, SESSION)
    if leader > 0 and line.is_terminal and line.session == 0 \
            and not m.m2_i3 & OpenFlag.O_NOCTTY:
        line.session = line.pgrp = leader
    return tty.reply(m.m2_i2, 0)


def do_close(tty, m: Message):
    tty.line(m)
    return tty.reply(m.m2_i2, 0)


def do_write(tty, m: Message):
    line = tty.line(m)
    user, address, count = m.m2_i2, m.m2_p1, m.m2_i3
    if line.lflag & T.TOSTOP:
        held = jobctl.check(tty, line, m, _SIGTTOU, user)
        if held is not None:
            return tty.reply(user, held)
    done = 0
    try:
        while done < count:
            chunk = tty.sys.copy_from(user, address + done, min(MAX_CHUNK, count - done))
            tty.port_of(m).write(line.process_output(chunk))
            done += len(chunk)
    except ErrnoError as e:
        return tty.reply(user, done if done else -e.errno)
    return tty.reply(user, done)


def do_read(tty, m: Message):
    line = tty.line(m)
    user, address, count = m.m2_i2, m.m2_p1, m.m2_i3
    held = jobctl.check(tty, line, m, _SIGTTIN, user)
    if held is not None:
        return tty.reply(user, held)
    if line.pending is not None:
        return tty.reply(user, -Errno.EIO)   # one reader at a time
    tty.poll_hardware()
    data = line.take_input(count)
    if data is None:
        if m.m2_s1 & FLG_OP_NONBLOCK:
            return tty.reply(user, -Errno.EAGAIN)
        line.pending = PendingRead(user, address, count)
        return tty.reply(user, DRIVER_SUSPEND)
    try:
        tty.sys.copy_to(user, address, data)
    except ErrnoError as e:
        return tty.reply(user, -e.errno)
    return tty.reply(user, len(data))


def do_ioctl(tty, m: Message):
    """termios and window-size requests. An unknown request is ENOTTY, as in
    MINIX 3.1.8's tty.c (do_ioctl's default case) and as POSIX says for a
    request that does not apply to the device; other drivers answer an
    unknown ioctl with EBADIOCTL, MINIX's "illegal ioctl for device"."""
    line = tty.line(m)
    user, request, address = m.m2_l1, m.m2_i3 & 0xFFFFFFFF, m.m2_p1   # codes use bit 31
    if not line.is_terminal:
        return tty.reply(user, -Errno.ENOTTY)   # a pipe or a file on the host end
    if request in _CHANGES:
        held = jobctl.check(tty, line, m, _SIGTTOU, user)
        if held is not None:
            return tty.reply(user, held)
    try:
        if request == T.TCGETS:
            tty.sys.copy_to(user, address, line.get_termios())
        elif request in (T.TCSETS, T.TCSETSW, T.TCSETSF):
            line.set_termios(tty.sys.copy_from(user, address, T.TERMIOS.size))
            if request == T.TCSETSF:
                line.ready.clear()
            tty.try_pending_read(line)
        elif request == T.TIOCGWINSZ:
            tty.sys.copy_to(user, address, T.WINSIZE.pack(*line.winsize))
        elif request == T.TIOCSWINSZ:
            line.winsize = T.WINSIZE.unpack(tty.sys.copy_from(user, address, T.WINSIZE.size))
        elif request in (T.TIOCGPGRP, T.TIOCSPGRP):
            held = _job_control(tty, line, m, request)
            if held is not None:
                return tty.reply(user, held)
        elif request in (T.TCDRAIN, T.TCSBRK, T.TCFLOW):
            pass
        elif request == T.TCFLSH:
            line.ready.clear()
            line.editing.clear()
        else:
            return tty.reply(user, -Errno.ENOTTY)
    except ErrnoError as e:
        return tty.reply(user, -e.errno)
    return tty.reply(user, 0)


def _job_control(tty, line, m: Message, request: int) -> int | None:
    """tcgetpgrp/tcsetpgrp. ENOTTY unless the line is the controlling terminal
    of the caller's session (VFS names it in SESSION). tcsetpgrp of a
    negative group is EINVAL, of a group that does not exist in the caller's
    session EPERM (PM knows), and from a background group SIGTTOU unless
    ignored or blocked (jobctl.check; its status is returned)."""
    user, address = m.m2_l1, m.m2_p1
    if line.session == 0 or getattr(m, SESSION) != line.session:
        raise ErrnoError(Errno.ENOTTY)
    if request == T.TIOCGPGRP:
        tty.sys.copy_to(user, address, PGRP.pack(line.pgrp))
        return None
    (pgrp,) = PGRP.unpack(tty.sys.copy_from(user, address, PGRP.size))
    if pgrp < 0:
        raise ErrnoError(Errno.EINVAL)
    if pgrp == 0:
        raise ErrnoError(Errno.EPERM)        # no process is in group 0
    held = jobctl.check(tty, line, m, _SIGTTOU, user, new_pgrp=pgrp)
    if held is None:
        line.pgrp = pgrp
    return held


def do_cancel(tty, m: Message):
    """VFS takes a call back (a signal, the process exits): a read waiting
    for input, or a call held for a job-control signal."""
    for line in tty.lines.values():
        if line.pending is not None and line.pending.endpoint == m.m2_i2:
            line.pending = None
    return tty.reply(m.m2_i2, -Errno.EINTR)


def do_notify(tty, m: Message):
    if m.m_source == ep.HARDWARE:
        tty.poll_hardware()
    return None
