"""MINIX IPC: SEND, RECEIVE, SENDREC, NOTIFY, SENDNB between processes and servers.

Guest processes call in through the int 0x21 trap; Python servers call in
through the SystemTask. A message goes straight to a receiver that is waiting
for it; otherwise the sender blocks (guests) or the message waits in the
receiver's inbox (servers never block). A send that would close a cycle of
blocked processes fails with ELOCKED instead of hanging. Every step is a
trace event.

Guest processes hold the user privilege (MINIX's IPC masks in kernel/table.c):
they may send only to PM, VFS and other user processes. A SEND, SENDREC,
SENDNB or NOTIFY to a driver, a file-system server or a kernel task is
ECALLDENIED with a `deny` trace event, and reaches nobody. Each server's table
then says which senders each request accepts (emu/servers/server.py).
"""
import struct

from emu.abi import endpoints as ep
from emu.abi.com import NOTIFY_ARG, NOTIFY_MESSAGE, NOTIFY_TIMESTAMP
from emu.abi.errno import Errno
from emu.abi.ipc import IpcCall
from emu.abi.message import MESSAGE_SIZE, Message, get_type
from emu.kernel.addrspace import MemoryFault
from emu.kernel.cost import NS_PER_BLOCK, SERVER_REQUEST_COST_BLOCKS
from emu.kernel.proc import RTS, Proc
from emu.machine.unicorn_lib import X86

BLOCKED = object()   # the caller now waits; its EAX is written when it wakes
CONTEXT_SET = object()   # the call loaded the caller's registers (sigreturn): leave EAX

_SEND, _RECEIVE, _SENDREC = IpcCall.SEND, IpcCall.RECEIVE, IpcCall.SENDREC
_NOTIFY, _SENDNB = IpcCall.NOTIFY, IpcCall.SENDNB
_EAX, _EBX = X86.UC_X86_REG_EAX, X86.UC_X86_REG_EBX
_OK = 0
_pack_i32 = struct.Struct("<i").pack_into

# The system endpoints a user process may send to (MINIX's USR_M ipc_to mask).
USER_IPC_TO = frozenset({ep.PM, ep.VFS})


def user_may_send(target: int) -> bool:
    """May a user process send to `target`? PM, VFS, and any user-slot endpoint
    (dead or bogus ones then fail with EDEADSRCDST); never a driver, a file
    system server or a kernel task."""
    return target in USER_IPC_TO or ep.endpoint_slot(target) >= ep.FIRST_USER_SLOT


class Ipc:
    def __init__(self, kernel) -> None:
        self.kernel = kernel
        self.procs = kernel.procs
        self.trace = kernel.trace
        self.servers: dict[int, object] = {}
        self.user_servers: dict[int, object] = {}   # the servers in USER_IPC_TO
        self.awaiting: dict[int, int] = {}   # server -> server it awaits in a sendrec
        self.notify_args: dict[tuple, int] = {}  # (receiver, sender) -> pending NOTIFY_ARG bits
        self.charged = 0    # blocks of server work in this slice not yet taken from its budget

    def _charge(self, blocks: int) -> None:
        """Server work costs virtual time (cost.py). Inside a slice it is
        added up in `charged` and taken from the slice's budget when the trap
        returns (Traps._on_interrupt; Kernel.run_slice for the rest): the
        trap that led here stops the slice if that used it up. One int add
        per request instead of four memoryview accesses (bench/: UDS ping-pong)."""
        kernel = self.kernel
        if kernel.current is None:   # outside a slice (an interrupt, idle): time itself moves
            kernel.machine.clock.advance(blocks * NS_PER_BLOCK)
        else:
            self.charged += blocks

    def register(self, server) -> None:
        self.servers[server.endpoint] = server
        if server.endpoint in USER_IPC_TO:
            self.user_servers[server.endpoint] = server

    def name_of(self, endpoint: int) -> str:
        p = self.procs.lookup(endpoint)
        if p is not None:
            return p.label
        return ep.SYSTEM_NAMES.get(endpoint, str(endpoint))

    # =========================================================================
    # Guest side: the int 0x21 trap. Returns an EAX value or BLOCKED.
    # =========================================================================
    def trap(self, caller: Proc, call: int, target: int, maddr: int):
        # Hot path: SENDREC to a server (every system call). Figures in bench/.
        if call == _SENDREC:
            server = self.user_servers.get(target)
            if server is not None:
                return self.sendrec_server(caller, server, target, maddr)
            if not user_may_send(target):
                return self._denied(caller, target, call)
            return self._send_guest(caller, target, maddr, _SENDREC)
        if call == _SEND or call == _SENDNB:
            server = self.user_servers.get(target)
            if server is not None:
                return self._send_server(caller, server, target, maddr, call)
            if not user_may_send(target):
                return self._denied(caller, target, call)
            return self._send_guest(caller, target, maddr, call)
        if call == _RECEIVE:
            return self._receive(caller, target, maddr)
        if call == _NOTIFY:
            if not user_may_send(target):
                return self._denied(caller, target, call)
            return self._notify(caller.endpoint, target)
        return -Errno.EBADCALL

    def _denied(self, caller: Proc, target: int, call: int) -> int:
        """The user privilege does not reach `target`: nothing is sent."""
        if self.trace.deny:
            self.trace.emit("deny", "ipc", src=caller.label, src_ep=caller.endpoint,
                            dst=self.name_of(target), dst_ep=target,
                            call=IpcCall(call).name,
                            reason="user processes may send only to pm, vfs and user processes")
        return -Errno.ECALLDENIED

    def sendrec_server(self, caller: Proc, server, target: int, maddr: int):
        """SENDREC from a guest to a server: a system call. The trap calls this
        directly when it sees one (bench/: null syscall)."""
        mem = caller.mem
        try:
            msg = mem.read_message(maddr)
        except MemoryFault:
            return -Errno.EFAULT
        caller.msg_addr = maddr   # fork copies it: the child awaits PM's reply there
        _pack_i32(msg, 0, caller.endpoint)     # m_source: set_source() inlined
        trace = self.trace
        call = None
        if trace.ipc:   # the reply may reuse msg: remember what was asked
            call = (target, get_type(msg))
            trace.emit("ipc", "sendrec", src=caller.label, src_ep=caller.endpoint,
                       dst=server.name, dst_ep=target, m=msg.hex())
        reply = server.handle(msg)
        if reply is None:
            if caller.flags & RTS.EXITING or caller.old_cpu is not None:
                return BLOCKED   # it exited, or exec gave it a new image: nothing to await
            if caller.context_set:
                caller.context_set = False
                return CONTEXT_SET
            caller.pending_call = call
            if trace.ipc:
                trace.emit("ipc", "suspend", proc=caller.label, ep=caller.endpoint,
                           server=server.name, call=call)
            return self._block_receive(caller, target, maddr, reply=True)
        _pack_i32(reply, 0, target)
        try:
            mem.write_message(maddr, reply)
        except MemoryFault:
            return -Errno.EFAULT
        if trace.ipc:
            trace.emit("ipc", "reply", src=server.name, src_ep=target, dst=caller.label,
                       dst_ep=caller.endpoint, call=call, m=reply.hex())
        return _OK

    def _send_server(self, caller: Proc, server, target: int, maddr: int, call: int):
        try:
            msg = Message(caller.mem.read(maddr, MESSAGE_SIZE))
        except MemoryFault:
            return -Errno.EFAULT
        caller.msg_addr = maddr   # a FORK sent this way: the child's reply goes here
        msg.m_source = caller.endpoint
        if self.trace.ipc:
            self.trace.emit("ipc", "send", src=caller.label, src_ep=caller.endpoint,
                            dst=server.name, dst_ep=target, m=msg.hex())
        reply = server.handle(msg)
        if reply is not None and self.trace.ipc:
            # A plain SEND expects no answer; a server's reply has nowhere to go.
            self.trace.emit("ipc", "drop", src=server.name, dst=caller.label,
                            reason="sender did not ask for a reply")
        return _OK

    def _send_guest(self, caller: Proc, target: int, maddr: int, call: int):
        dst = self.procs.lookup(target)
        if dst is None:
            return -Errno.EDEADSRCDST
        try:
            raw = caller.mem.read(maddr, MESSAGE_SIZE)
        except MemoryFault:
            return -Errno.EFAULT
        if dst is caller:
            return -Errno.ELOCKED
        trace = self.trace
        if trace.ipc:
            trace.emit("ipc", IpcCall(call).name.lower(), src=caller.label,
                       src_ep=caller.endpoint, dst=dst.label, dst_ep=target,
                       m=_with_source(raw, caller.endpoint).hex())
        if self._is_waiting_for(dst, caller.endpoint):
            self._deliver(dst, _with_source(raw, caller.endpoint), call)
            if call == _SENDREC:
                return self._block_receive(caller, target, maddr, reply=True)
            return _OK
        if call == _SENDNB:
            return -Errno.ENOTREADY
        if self._deadlock(caller, target):
            if trace.ipc:
                trace.emit("ipc", "elocked", src=caller.label, dst=dst.label)
            return -Errno.ELOCKED
        caller.flags |= RTS.SENDING
        caller.sendto = target
        caller.msg_addr = maddr
        caller.send_call = call
        dst.callers.append(caller)
        self.kernel.sched.unready(caller)
        return BLOCKED

    def _receive(self, caller: Proc, src: int, maddr: int):
        if src != ep.ANY and src not in self.servers and self.procs.lookup(src) is None \
                and src != ep.HARDWARE and src != ep.SYSTEM and src != ep.CLOCK:
            return -Errno.EDEADSRCDST
        return self._block_receive(caller, src, maddr, reply=False)

    def _block_receive(self, caller: Proc, src: int, maddr: int, reply: bool):
        """Receive now if something is waiting, else block the caller."""
        if not caller.mem.writable(maddr, MESSAGE_SIZE):
            return -Errno.EFAULT     # the message is written later, from outside the trap
        caller.msg_addr = maddr
        caller.getfrom = src
        caller.reply_pending = reply
        got = self._take_pending(caller, src)
        if got is not None:
            raw, status = got
            caller.mem.write(maddr, raw)
            caller.cpu.set_reg(_EBX, status)
            if self.trace.ipc:
                self._trace_receive(caller, raw)
            return _OK
        if not reply and src != ep.ANY and self._deadlock(caller, src):
            return -Errno.ELOCKED
        caller.flags |= RTS.RECEIVING
        self.kernel.sched.unready(caller)
        return BLOCKED

    def _take_pending(self, caller: Proc, src: int):
        """A notification, a server message or a blocked sender for this receive."""
        if caller.notify_from:
            for who in sorted(caller.notify_from):
                if src == ep.ANY or src == who:
                    caller.notify_from.discard(who)
                    return self._notify_message(caller, who), _NOTIFY
        if caller.inbox:
            for i, (who, msg) in enumerate(caller.inbox):
                if src == ep.ANY or src == who:
                    del caller.inbox[i]
                    return bytes(msg), _SEND
        for sender in caller.callers:
            if src == ep.ANY or src == sender.endpoint:
                caller.callers.remove(sender)
                raw = _with_source(sender.mem.read(sender.msg_addr, MESSAGE_SIZE), sender.endpoint)
                self._finish_send(sender)
                return raw, sender.send_call
        return None

    def _finish_send(self, sender: Proc) -> None:
        """A blocked sender's message was taken: it goes on to await a reply, or runs."""
        sender.flags &= ~RTS.SENDING
        sendto = sender.sendto
        sender.sendto = ep.NONE
        if sender.send_call == _SENDREC:
            sender.getfrom = sendto
            sender.reply_pending = True
            sender.flags |= RTS.RECEIVING
        else:
            self._wake(sender, _OK)

    def _notify_message(self, caller: Proc, who: int) -> bytes:
        m = Message.of(NOTIFY_MESSAGE)
        m.m_source = who
        setattr(m, NOTIFY_TIMESTAMP, self.kernel.clock_task.uptime)
        bits = self.notify_args.pop((caller.endpoint, who), 0)
        setattr(m, NOTIFY_ARG, bits)
        return bytes(m)

    def _notify(self, src: int, target: int, arg: int = 0):
        server = self.servers.get(target)
        if server is not None:
            m = Message.of(NOTIFY_MESSAGE)
            m.m_source = src
            setattr(m, NOTIFY_TIMESTAMP, self.kernel.clock_task.uptime)
            setattr(m, NOTIFY_ARG, arg)
            if self.trace.ipc:
                self.trace.emit("ipc", "notify", src=self.name_of(src), dst=server.name, arg=arg)
            server.handle(m)
            return _OK
        dst = self.procs.lookup(target)
        if dst is None:
            return -Errno.EDEADSRCDST
        if self.trace.ipc:
            self.trace.emit("ipc", "notify", src=self.name_of(src), dst=dst.label, arg=arg)
        if arg:
            key = (target, src)
            self.notify_args[key] = self.notify_args.get(key, 0) | arg
        if self._is_waiting_for(dst, src):
            raw = self._notify_message(dst, src)
            self._deliver(dst, raw, _NOTIFY)
        else:
            dst.notify_from.add(src)
        return _OK

    # =========================================================================
    # Server side: messages from Python servers (never block).
    # =========================================================================
    def server_send(self, src: int, target: int, msg: Message) -> int:
        # Hot path: every revive of a suspended call (bench/: UDS ping-pong).
        self._charge(SERVER_REQUEST_COST_BLOCKS)
        _pack_i32(msg, 0, src)          # m_source
        server = self.servers.get(target)
        traced = self.trace.ipc
        if server is not None:
            if traced:
                self.trace.emit("ipc", "send", src=self.name_of(src), src_ep=src,
                                dst=server.name, dst_ep=target, m=msg.hex())
            server.handle(msg)
            return _OK
        dst = self.procs.lookup(target)
        if dst is None:
            if traced:
                self.trace.emit("ipc", "drop", src=self.name_of(src), dst=str(target),
                                reason="destination is not alive")
            return -Errno.EDEADSRCDST
        if traced:
            call = dst.pending_call if dst.reply_pending and dst.getfrom == src else None
            # A reply to a caller that was suspended is a revive.
            self.trace.emit("ipc", "revive" if call else "send", src=self.name_of(src),
                            src_ep=src, dst=dst.label, dst_ep=target, call=call, m=msg.hex())
        if self._is_waiting_for(dst, src):
            dst.pending_call = None
            self._deliver(dst, msg, _SEND, True)
        else:
            dst.inbox.append((src, msg.copy()))
        return _OK

    def server_sendrec(self, src: int, target: int, msg: Message) -> Message:
        # Hot path: every request VFS makes of MFS (bench/: stat of a path).
        server = self.servers.get(target)
        if server is None:
            raise RuntimeError(f"server sendrec to non-server endpoint {target}")
        self._charge(SERVER_REQUEST_COST_BLOCKS)
        _pack_i32(msg, 0, src)          # m_source
        traced = self.trace.ipc
        if traced:
            call = (target, get_type(msg))   # before the reply, which may reuse msg
            self.trace.emit("ipc", "sendrec", src=self.name_of(src), src_ep=src,
                            dst=server.name, dst_ep=target, m=msg.hex())
        # While `src` waits, `target` may call back into it (a nested call):
        # the server tables accept that only from the server being awaited.
        awaiting = self.awaiting
        before = awaiting.get(src)
        awaiting[src] = target
        try:
            reply = server.handle(msg)
        finally:
            if before is None:
                del awaiting[src]
            else:
                awaiting[src] = before
        if reply is None:
            raise RuntimeError(f"{server.name} suspended a request from a server")
        _pack_i32(reply, 0, target)     # m_source
        if traced:
            self.trace.emit("ipc", "reply", src=server.name, src_ep=target, dst=self.name_of(src),
                            dst_ep=src, call=call, m=reply.hex())
        return reply

    def server_notify(self, src: int, target: int, arg: int = 0) -> int:
        return self._notify(src, target, arg)

    # =========================================================================
    # Delivery, wake-up, clean-up.
    # =========================================================================
    @staticmethod
    def _is_waiting_for(dst: Proc, src: int) -> bool:
        return (dst.flags & (RTS.RECEIVING | RTS.SENDING) == RTS.RECEIVING
                and (dst.getfrom == ep.ANY or dst.getfrom == src))

    def _deliver(self, dst: Proc, raw: bytes, status_call: int, traced: bool = False) -> None:
        # A write into a process from outside its own trap: checked when it
        # blocked, but a bad buffer must still be the receiver's EFAULT, never
        # the emulator's MemoryFault.
        try:
            dst.mem.write_message(dst.msg_addr, raw)
        except MemoryFault:
            dst.flags &= ~RTS.RECEIVING
            dst.reply_pending = False
            if self.trace.ipc:
                self.trace.emit("ipc", "drop", src=self.name_of(Message(raw).m_source),
                                dst=dst.label, reason="bad message buffer (EFAULT)")
            self._wake(dst, -Errno.EFAULT)
            return
        dst.flags &= ~RTS.RECEIVING
        dst.reply_pending = False
        dst.cpu.set_eax_ebx(_OK, status_call)    # the call's result, the message's kind
        if self.trace.ipc and not traced:
            self._trace_receive(dst, raw)
        self._resume(dst)

    def _trace_receive(self, dst: Proc, raw: bytes) -> None:
        m = Message(raw)
        self.trace.emit("ipc", "receive", dst=dst.label, dst_ep=dst.endpoint,
                        src=self.name_of(m.m_source), src_ep=m.m_source, m=m.hex())

    def _wake(self, p: Proc, result: int) -> None:
        p.cpu.set_reg(_EAX, result)
        self._resume(p)

    def _resume(self, p: Proc) -> None:
        """p's call has its answer: enter caught handlers, and run it if nothing else holds it."""
        if p.pending_frames and not p.flags & (RTS.SENDING | RTS.RECEIVING):
            self.kernel.push_pending_frames(p)   # handlers caught while it waited
        if p.flags == 0:
            self.kernel.sched.ready(p)

    def _deadlock(self, caller: Proc, target: int) -> bool:
        """Would `caller` waiting on `target` close a cycle of waiting processes?"""
        seen = set()
        current = target
        while current not in seen:
            seen.add(current)
            x = self.procs.lookup(current)
            if x is None:
                return False
            if x.flags & RTS.SENDING:
                current = x.sendto
            elif x.flags & RTS.RECEIVING:
                current = x.getfrom
            else:
                return False
            if current == caller.endpoint:
                return True
            if current == ep.ANY:
                return False
        return False

    def cancel_own(self, p: Proc) -> None:
        """Drop what `p` itself is sending or awaiting (exec: the endpoint lives
        on, so its partners keep waiting on it and its pending messages stay)."""
        if p.flags & RTS.SENDING:
            dst = self.procs.lookup(p.sendto)
            if dst is not None and p in dst.callers:
                dst.callers.remove(p)
        p.flags &= ~(RTS.SENDING | RTS.RECEIVING)
        p.sendto = p.getfrom = ep.NONE
        p.reply_pending = False
        p.pending_call = None

    def cancel(self, p: Proc) -> None:
        """Undo all IPC of a process that is going away; its partners get EDEADSRCDST."""
        if p.flags & RTS.SENDING:
            dst = self.procs.lookup(p.sendto)
            if dst is not None and p in dst.callers:
                dst.callers.remove(p)
        for sender in list(p.callers):
            sender.flags &= ~RTS.SENDING
            sender.sendto = ep.NONE
            self._wake(sender, -Errno.EDEADSRCDST)
        p.callers.clear()
        for other in self.procs.live():
            if other is not p and other.flags & RTS.RECEIVING and other.getfrom == p.endpoint:
                other.flags &= ~RTS.RECEIVING
                self._wake(other, -Errno.EDEADSRCDST)
            other.notify_from.discard(p.endpoint)
        p.flags &= ~(RTS.SENDING | RTS.RECEIVING)
        p.inbox.clear()
        for key in [k for k in self.notify_args if p.endpoint in k]:
            del self.notify_args[key]


def _with_source(raw: bytes, source: int) -> bytes:
    return source.to_bytes(4, "little", signed=True) + raw[4:]
