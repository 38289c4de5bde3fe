"""The memory driver's requests: open, close, read, write, ioctl, cancel."""
from emu.abi.com import COUNT, DEVICE, IO_ENDPT, REP_ENDPT, REP_STATUS, DevReply
from emu.abi.errno import Errno, ErrnoError
from emu.abi.message import Message
from emu.abi.select import SEL_OPS_FIELD, SEL_RD, SEL_WR

NULL_MINOR = 3
ZERO_MINOR = 5
MINORS = (NULL_MINOR, ZERO_MINOR)
ZERO_CHUNK = 4096


def _reply(endpoint: int, status: int) -> Message:
    return Message.of(DevReply.TASK_REPLY, **{REP_ENDPT: endpoint, REP_STATUS: status})


def _minor(m: Message) -> int:
    minor = getattr(m, DEVICE)
    if minor not in MINORS:
        raise ErrnoError(Errno.ENXIO)
    return minor


def do_open(mem, m: Message):
    _minor(m)
    return _reply(getattr(m, IO_ENDPT), 0)


def do_close(mem, m: Message):
    return _reply(getattr(m, IO_ENDPT), 0)


def do_read(mem, m: Message):
    minor, user, count = _minor(m), getattr(m, IO_ENDPT), getattr(m, COUNT)
    if count < 0:
        return _reply(user, -Errno.EINVAL)
    if minor == NULL_MINOR:
        return _reply(user, 0)
    done = 0
    zeros = bytes(min(count, ZERO_CHUNK))
    try:
        while done < count:
            n = min(ZERO_CHUNK, count - done)
            mem.sys.copy_to(user, m.m2_p1 + done, zeros[:n])
            done += n
    except ErrnoError as e:
        return _reply(user, done if done else -e.errno)
    return _reply(user, done)


def do_write(mem, m: Message):
    _minor(m)
    return _reply(getattr(m, IO_ENDPT), max(0, getattr(m, COUNT)))


def do_ioctl(mem, m: Message):
    _minor(m)
    return _reply(getattr(m, IO_ENDPT), -Errno.ENOTTY)


def do_cancel(mem, m: Message):
    return _reply(getattr(m, IO_ENDPT), -Errno.EINTR)


def do_select(mem, m: Message):
    """/dev/null and /dev/zero never block: every read or write asked is ready."""
    return _reply(_minor(m), getattr(m, SEL_OPS_FIELD) & (SEL_RD | SEL_WR))
