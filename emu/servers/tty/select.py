"""DEV_SELECT for the serial lines (MINIX's tty.c select_try/select_retry).

A line is readable when a read would return at once: a complete line (or
any byte in raw mode), end of file, or a hang-up; it is always writable
(output is flow-controlled by the host, never refused). A query with
SEL_NOTIFY for a read that is not ready is remembered per minor, and
notify_ready sends VFS DEV_SEL_REPL once input makes it true (the protocol:
emu/abi/select.py).
"""
from emu.abi import endpoints as ep
from emu.abi.message import Message
from emu.abi.select import (DEV_SEL_REPL, SEL_MINOR, SEL_NOTIFY, SEL_OPS_FIELD, SEL_RD,
                            SEL_READY, SEL_WR)


def do_select(tty, m: Message):
    minor = getattr(m, SEL_MINOR)
    line = tty.line(m)
    ops = getattr(m, SEL_OPS_FIELD)
    ready = ops & SEL_WR
    if ops & SEL_RD:
        if line.readable():
            ready |= SEL_RD
        elif ops & SEL_NOTIFY:
            tty.select_ops[minor] = tty.select_ops.get(minor, 0) | SEL_RD
    return tty.reply(minor, ready)


def notify_ready(tty, minor: int, line) -> None:
    """Input arrived on `minor`: tell VFS if a select waits for it."""
    if tty.select_ops.get(minor, 0) & SEL_RD and line.readable():
        del tty.select_ops[minor]
        m = Message.of(DEV_SEL_REPL)
        setattr(m, SEL_MINOR, minor)
        setattr(m, SEL_READY, SEL_RD)
        tty.sys.send(tty.endpoint, ep.VFS, m)
