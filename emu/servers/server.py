"""What every server shares: a dispatch table, errno replies, suspend/reply later.

A server gets a message and answers with a reply, or with SUSPEND (None) when
it will answer later through `sys.send` (a revive), exactly like a MINIX
server's main loop. Each server lists its calls once in table.py, mapping a
call number to a handler function named after the call (do_fork, do_read)
and living in a module named for its concern. A handler returns an int (the
reply's m_type), a Message, or SUSPEND, and raises ErrnoError to fail.

An int result is sent back in the request message itself, with m_type
replaced (so a handler may set reply fields on `m` once it has read its
arguments): no new message on the system-call path (bench/: null syscall).
"""
from types import MethodType
from typing import Callable, Optional

from emu.abi.errno import Errno
import struct

from emu.abi.message import Message

SUSPEND = None
_unpack_i32 = struct.Struct("<i").unpack_from


class ErrnoError(Exception):
    """Fail the current call with an errno (reply m_type = -errno)."""

    def __init__(self, errno: int, detail: str = "") -> None:
        self.errno = int(errno)
        super().__init__(f"{Errno(self.errno).name}{': ' + detail if detail else ''}")


Handler = Callable[..., Optional[object]]


class Server:
    name = "server"
    endpoint = -1
    CALLS: dict[int, Handler] = {}

    def __init__(self, sys) -> None:
        self.sys = sys      # emu.kernel.system.SystemTask: the only way out
        self.table = {nr: MethodType(fn, self) for nr, fn in self.CALLS.items()}

    def handle(self, m: Message) -> Optional[Message]:
        handler = self.table.get(_unpack_i32(m, 4)[0])   # m_type (get_type inlined)
        if handler is None:
            return Message.of(-Errno.ENOSYS)
        try:
            result = handler(m)
        except ErrnoError as e:
            return Message.of(-e.errno)
        if result is None or result.__class__ is Message:
            return result
        m.m_type = result
        return m
