"""What every server shares: a dispatch table with sender rules, errno replies, suspend.

A server gets a message and answers with a reply, or with SUSPEND (None) when
it will answer later through `sys.send` (a revive), exactly like a MINIX
server's main loop. Each server lists its calls once in table.py; a handler
is a function named after the call (do_fork, do_read) living in a module
named for its concern. A handler returns an int (the reply's m_type), a
Message, or SUSPEND, and raises ErrnoError to fail.

Who may send what (MINIX's per-server call masks). Every table entry says
which senders may make that request:

    CALLS = {
        CallNr.READ:         (readwrite.do_read, Senders.USER),
        PmRequest.PM_FORK:   (pmcalls.pm_fork, Senders.PM),
        DevRequest.DEV_READ: (devio.do_read, Senders.VFS),
        NOTIFY_MESSAGE:      (devio.do_notify, Senders.KERNEL),
        PfsVfsCall.VERIFY_FD: (pfs_calls.do_verify_fd, Senders.NESTED),
        REQ_LOOKUP:          (path.do_lookup, Senders.VFS),
        DEV_READ_S:          (driver.do_read_s, Senders.of(ep.MFS) | Senders.VFS),
    }

The second element is an int of Senders bits or-ed together; the sender's
class comes from the kernel-stamped m_source, so it cannot be forged:

    USER        user processes (guest programs: every endpoint outside the system slots)
    PM, VFS     that one server (Senders.of(endpoint) gives the bit of any system endpoint)
    ANY_SERVER  any system server (endpoints 0..15)
    KERNEL      kernel tasks (SYSTEM, CLOCK, HARDWARE): interrupt and timer notifications
    NESTED      the server this one is itself waiting on in a sendrec right now
                (PFS calling back into VFS while VFS waits for PFS); the kernel
                records the wait (sys.awaiting)
    NOBODY      0: the safe default. A bare handler without a sender rule is
                refused to everyone, so a forgotten rule fails closed.

Server.handle checks the rule in one place, before dispatch. A request the
table knows but the sender may not make gets ECALLDENIED and a `deny` trace
event, and no handler runs; an unknown request is ENOSYS.

An int result is sent back in the request message itself, with m_type
replaced (so a handler may set reply fields on `m` once it has read its
arguments): no new message on the system-call path (bench/: null syscall).
"""
import struct
from types import MethodType
from typing import Callable, Optional

from emu.abi import endpoints as ep
from emu.abi.errno import Errno, ErrnoError  # noqa: F401 - handlers import it from here
from emu.abi.message import Message

SUSPEND = None
_unpack_header = struct.Struct("<ii").unpack_from   # m_source, m_type
_pack_type = struct.Struct("<i").pack_into
_FIRST_USER = ep.FIRST_USER_SLOT     # endpoints at or above are user processes

Handler = Callable[..., Optional[object]]


class Senders:
    """Sender classes for table entries (see the module docstring). Plain ints:
    the check runs on every request."""
    NOBODY = 0
    USER = 0x1
    KERNEL = 0x2
    NESTED = 0x4
    _SERVER_SHIFT = 8                       # one bit per system endpoint 0..15
    ANY_SERVER = ((1 << ep.FIRST_USER_SLOT) - 1) << _SERVER_SHIFT
    PM = 1 << (_SERVER_SHIFT + ep.PM)
    VFS = 1 << (_SERVER_SHIFT + ep.VFS)

    @staticmethod
    def of(endpoint: int) -> int:
        """The bit of one system server's endpoint (e.g. Senders.of(ep.MFS))."""
        if not 0 <= endpoint < ep.FIRST_USER_SLOT:
            raise ValueError(f"{endpoint} is not a system server endpoint")
        return 1 << (Senders._SERVER_SHIFT + endpoint)

    @staticmethod
    def describe(bits: int) -> str:
        names = [n for n in ("USER", "KERNEL", "NESTED") if bits & getattr(Senders, n)]
        servers = [ep.SYSTEM_NAMES.get(e, str(e)) for e in range(ep.FIRST_USER_SLOT)
                   if bits & Senders.of(e)]
        if len(servers) == ep.FIRST_USER_SLOT:
            servers = ["ANY_SERVER"]
        return "|".join(names + [s.upper() for s in servers]) or "NOBODY"


_SERVER_SHIFT = Senders._SERVER_SHIFT


class Server:
    name = "server"
    endpoint = -1
    CALLS: dict[int, object] = {}

    def __init__(self, sys) -> None:
        self.sys = sys      # emu.kernel.system.SystemTask: the only way out
        self.table: dict[int, tuple] = {}
        for nr, entry in self.CALLS.items():
            fn, senders = entry if isinstance(entry, tuple) else (entry, Senders.NOBODY)
            self.table[nr] = (MethodType(fn, self), senders)
        # The calls user processes may make, for the system-call fast path.
        self.user_calls = {nr: h for nr, (h, s) in self.table.items() if s & Senders.USER}

    def sender_class(self, source: int) -> int:
        """The Senders bits of a (kernel-stamped) source endpoint."""
        if source >= _FIRST_USER:
            return Senders.USER
        if source < 0:
            return Senders.KERNEL
        bits = 1 << (Senders._SERVER_SHIFT + source)
        if self.sys.awaiting(self.endpoint) == source:
            bits |= Senders.NESTED
        return bits

    def handle(self, m: Message) -> Optional[Message]:
        # Hot path: every system call comes through here (bench/: null syscall).
        source, mtype = _unpack_header(m, 0)
        if source >= _FIRST_USER:
            handler = self.user_calls.get(mtype)
            if handler is None:
                return self._refuse(source, mtype, Senders.USER)
        else:
            entry = self.table.get(mtype)
            if entry is None:
                return Message.of(-Errno.ENOSYS)
            handler, allowed = entry
            # A server's own bit first (VFS asking MFS): no need to ask the
            # kernel whether it is a nested call (bench/: stat of a path).
            if not (source >= 0 and allowed >> (source + _SERVER_SHIFT) & 1) \
                    and not allowed & self.sender_class(source):
                return self._refuse(source, mtype, self.sender_class(source))
        try:
            result = handler(m)
        except ErrnoError as e:
            return Message.of(-e.errno)
        if result is None or result.__class__ is Message:
            return result
        try:
            _pack_type(m, 4, result)    # m.m_type = result, without the property
        except struct.error:
            m.m_type = result
        return m

    def _refuse(self, source: int, mtype: int, sender: int) -> Message:
        entry = self.table.get(mtype)
        if entry is None:
            return Message.of(-Errno.ENOSYS)
        trace = self.sys.trace
        if trace.deny:
            trace.emit("deny", "request", src=self.sys.name_of(source), src_ep=source,
                       dst=self.name, dst_ep=self.endpoint, type=mtype,
                       reason=f"{Senders.describe(sender)} may not send it "
                              f"(allowed: {Senders.describe(entry[1])})")
        return Message.of(-Errno.ECALLDENIED)
