"""The SYSTEM task: the kernel calls servers make, and nothing else.

Servers never touch Unicorn, CPUs or raw guest memory. They copy user memory
through copy_from/copy_to (a bad range is ErrnoError(EFAULT)), exchange
messages through send/sendrec/notify, and manage processes through fork,
exec and clear, as MINIX servers do with sys_vircopy, sys_fork, sys_exec and
sys_clear. Every call is a `kcall` trace event.
"""
from emu.abi import endpoints as ep
from emu.abi.errno import Errno, ErrnoError
from emu.abi.signals import NSIG
from emu.kernel.addrspace import MemoryFault, OutOfMemory
from emu.kernel.elfload import ExecError
from emu.kernel.grants import GrantError
from emu.kernel.sigframe import FrameError


class SystemTask:
    def __init__(self, kernel) -> None:
        self.kernel = kernel
        self.trace = kernel.trace
        # The message calls are the IPC layer's own (no wrapper frame on the
        # paths every socket and pipe call takes; bench/: UDS ping-pong).
        self.send = kernel.ipc.server_send
        self.sendrec = kernel.ipc.server_sendrec
        self._by_endpoint = kernel.procs.by_endpoint

    def _proc(self, endpoint: int):
        p = self._by_endpoint.get(endpoint)     # procs.lookup, one dict probe
        if p is None:
            raise ErrnoError(Errno.EDEADSRCDST, f"no process {endpoint}")
        return p

    def _kcall(self, call: str, **fields) -> None:
        if self.trace.kcall:
            self.trace.emit("kcall", call, **fields)

    # -- user memory -----------------------------------------------------------
    def copy_from(self, endpoint: int, address: int, length: int) -> bytes:
        if length < 0:
            raise ErrnoError(Errno.EINVAL)
        p = self._proc(endpoint)
        try:
            return p.mem.read(address, length)
        except MemoryFault:
            raise ErrnoError(Errno.EFAULT) from None

    def copy_to(self, endpoint: int, address: int, data: bytes) -> None:
        p = self._proc(endpoint)
        try:
            p.mem.write(address, data)
        except MemoryFault:
            raise ErrnoError(Errno.EFAULT) from None

    def copy_string(self, endpoint: int, address: int, max_length: int) -> bytes:
        """A NUL-terminated string; ENAMETOOLONG if it does not end within max_length."""
        try:
            s = self._proc(endpoint).mem.read_string(address, max_length)
        except MemoryFault:
            raise ErrnoError(Errno.EFAULT) from None
        if s is None:
            raise ErrnoError(Errno.ENAMETOOLONG)
        return s

    def vircopy(self, src_ep: int, src_addr: int, dst_ep: int, dst_addr: int, length: int) -> None:
        self._kcall("vircopy", src=src_ep, src_addr=src_addr, dst=dst_ep, dst_addr=dst_addr,
                    len=length)
        self.copy_to(dst_ep, dst_addr, self.copy_from(src_ep, src_addr, length))

    # -- grants: buffers servers hand each other by id (emu/kernel/grants.py) --
    def grant_buffer(self, granter: int, grantee: int, buffer, access: int) -> int:
        """Let `grantee` copy from/into `buffer` (a server's bytearray) by id."""
        return self.kernel.grants.grant_buffer(granter, grantee, buffer, access)

    def grant_user(self, granter: int, grantee: int, endpoint: int, address: int,
                   length: int, access: int) -> int:
        """Let `grantee` copy from/into a range of a user process `granter` serves."""
        try:
            return self.kernel.grants.grant_user(granter, grantee, endpoint, address, length,
                                                 access)
        except GrantError as e:
            raise ErrnoError(e.errno) from None

    def revoke(self, granter: int, gid: int) -> None:
        self.kernel.grants.revoke(granter, gid)

    def safecopy_from(self, grantee: int, granter: int, gid: int, offset: int,
                      length: int) -> bytes:
        if self.trace.kcall:
            self._kcall("safecopyfrom", by=grantee, granter=granter, grant=gid, offset=offset,
                        len=length)
        try:
            return self.kernel.grants.copy_from(grantee, granter, gid, offset, length)
        except GrantError as e:
            raise ErrnoError(e.errno) from None

    def safecopy_to(self, grantee: int, granter: int, gid: int, offset: int, data) -> None:
        if self.trace.kcall:
            self._kcall("safecopyto", by=grantee, granter=granter, grant=gid, offset=offset,
                        len=len(data))
        try:
            self.kernel.grants.copy_to(grantee, granter, gid, offset, data)
        except GrantError as e:
            raise ErrnoError(e.errno) from None

    # -- messages --------------------------------------------------------------
    # send(src, dst, msg) -> int and sendrec(src, dst, msg) -> Message are
    # Ipc.server_send and Ipc.server_sendrec, bound in __init__.

    def notify(self, src: int, dst: int, arg: int = 0) -> int:
        return self.kernel.ipc.server_notify(src, dst, arg)

    def awaiting(self, endpoint: int) -> int | None:
        """The server `endpoint` is waiting on in a sendrec right now, or None:
        only that server may make nested calls to it (Senders.NESTED)."""
        return self.kernel.ipc.awaiting.get(endpoint)

    def name_of(self, endpoint: int) -> str:
        """A process's label or a system endpoint's name, for trace events."""
        return self.kernel.ipc.name_of(endpoint)

    # -- processes -------------------------------------------------------------
    def spawn(self, image: bytes, argv: list[bytes], envp: list[bytes], name: str,
              pid: int) -> int:
        """Start a process from an executable with no parent (the first process)."""
        self._kcall("spawn", program=name, pid=pid)
        try:
            return self.kernel.spawn(image, argv, envp, name, pid).endpoint
        except ExecError as e:
            raise ErrnoError(e.errno, str(e)) from None
        except OutOfMemory:
            raise ErrnoError(Errno.ENOMEM) from None

    def fork(self, parent_ep: int, child_pid: int) -> int:
        """Copy a process; the child waits for PM's reply to the parent's FORK."""
        parent = self._proc(parent_ep)
        self._kcall("fork", parent=parent.label, child_pid=child_pid)
        try:
            child = self.kernel.fork(parent, child_pid)
        except MemoryFault:
            raise ErrnoError(Errno.EFAULT, "the fork message is not writable") from None
        if child is None:
            raise ErrnoError(Errno.EAGAIN)
        return child.endpoint

    def exec(self, endpoint: int, image: bytes, argv: list[bytes], envp: list[bytes],
             name: str) -> None:
        p = self._proc(endpoint)
        self._kcall("exec", proc=p.label, program=name)
        try:
            self.kernel.exec(p, image, argv, envp, name)
        except ExecError as e:
            raise ErrnoError(e.errno, str(e)) from None
        except OutOfMemory:
            raise ErrnoError(Errno.ENOMEM) from None

    def clear(self, endpoint: int) -> None:
        """Remove a process from the kernel (exit or kill)."""
        p = self._proc(endpoint)
        self._kcall("clear", proc=p.label)
        self.kernel.clear(p)

    def brk(self, endpoint: int, address: int) -> int:
        p = self._proc(endpoint)
        self._kcall("newmap", proc=p.label, brk=address)
        try:
            return p.mem.set_brk(address)
        except (OutOfMemory, ValueError):
            raise ErrnoError(Errno.ENOMEM) from None

    # -- signals -----------------------------------------------------------------
    def sigsend(self, endpoint: int, signo: int, handler: int, trampoline: int,
                mask: int) -> None:
        """Run `handler` for `signo` in the process, saving its context and `mask`
        in a frame on its stack (MINIX's sys_sigsend); EFAULT if the frame
        cannot be written."""
        p = self._proc(endpoint)
        if self.trace.kcall:
            self._kcall("sigsend", proc=p.label, signal=signo, handler=f"{handler:#x}")
        try:
            self.kernel.sigsend(p, signo, handler, trampoline, mask)
        except FrameError as e:
            raise ErrnoError(Errno.EFAULT, str(e)) from None

    def sigreturn(self, endpoint: int, context: int) -> None:
        """Restore the context a handler's frame saved (MINIX's sys_sigreturn)."""
        p = self._proc(endpoint)
        if self.trace.kcall:
            self._kcall("sigreturn", proc=p.label, context=f"{context:#x}")
        try:
            self.kernel.sigreturn(p, context)
        except MemoryFault:
            raise ErrnoError(Errno.EFAULT) from None

    def restart_call(self, endpoint: int) -> bool:
        """The process's suspended call was cancelled: make it run the call again
        (SA_RESTART). False if it was not waiting for an answer."""
        p = self._proc(endpoint)
        self._kcall("restart", proc=p.label)
        return self.kernel.restart_call(p)

    def awaited_server(self, endpoint: int) -> int | None:
        """The server whose answer the process waits for, or None."""
        return self.kernel.awaited_server(self._proc(endpoint))

    def stop(self, endpoint: int) -> None:
        """Stop the process (a stop signal's default action) until resume."""
        p = self._proc(endpoint)
        self._kcall("stop", proc=p.label)
        self.kernel.stop(p)

    def resume(self, endpoint: int) -> None:
        p = self._proc(endpoint)
        self._kcall("resume", proc=p.label)
        self.kernel.resume(p)

    def kill(self, endpoint: int, sig: int) -> None:
        """Raise a signal for a process (MINIX's sys_kill): PM acts on it as on
        kill(), once the calls now at work have returned."""
        if not 0 < sig < NSIG:
            raise ErrnoError(Errno.EINVAL)
        p = self._proc(endpoint)
        self._kcall("kill", proc=p.label, signal=sig)
        self.kernel.kill(p, sig)

    def kill_pgrp(self, pgrp: int, sig: int) -> None:
        """Raise a signal for process group `pgrp` (the terminal's signals to
        its foreground group); PM acts on it as on kill(-pgrp, sig)."""
        if not 0 < sig < NSIG or pgrp <= 0:
            raise ErrnoError(Errno.EINVAL)
        self._kcall("kill", pgrp=pgrp, signal=sig)
        self.kernel.kill_group(pgrp, sig)

    def getkpgsig(self):
        """The next group signal a server raised: (process group, signal) or None."""
        return self.kernel.take_group_signal()

    def getksig(self):
        """The next process with a kernel-raised signal: (endpoint, signal, fault) or None."""
        return self.kernel.take_kernel_signal()

    def endksig(self, endpoint: int) -> None:
        """PM has dealt with the signal; the process may run again (if it still exists)."""
        self.kernel.end_kernel_signal(endpoint)

    # -- devices and interrupts -----------------------------------------------
    def inb(self, port: int) -> int:
        return self.kernel.machine.bus.read(port, 1)

    def inw(self, port: int) -> int:
        return self.kernel.machine.bus.read(port, 2)

    def outb(self, port: int, value: int) -> None:
        self.kernel.machine.bus.write(port, 1, value)

    def outw(self, port: int, value: int) -> None:
        self.kernel.machine.bus.write(port, 2, value)

    def outsb(self, port: int, data: bytes) -> None:
        """String output to one port (MINIX's sys_outsb / SYS_SDEVIO)."""
        self.kernel.machine.bus.write_string(port, data)

    def insw(self, port: int, count: int) -> bytes:
        """String input of `count` 16-bit words from one port (MINIX's sys_insw,
        SYS_SDEVIO): a whole sector or DRQ block in one call and one `dev`
        event, not 256 (bench/: disk read through the driver)."""
        if count < 0:
            raise ErrnoError(Errno.EINVAL)
        return self.kernel.machine.bus.read_words(port, count)

    def outsw(self, port: int, data: bytes) -> None:
        """String output of 16-bit words to one port (MINIX's sys_outsw)."""
        if len(data) & 1:
            raise ErrnoError(Errno.EINVAL)
        self.kernel.machine.bus.write_words(port, data)

    def irq_set_policy(self, irq: int, endpoint: int) -> None:
        """Deliver IRQ `irq` to `endpoint` as a HARDWARE notification (NOTIFY_ARG bit)."""
        self._kcall("irqctl", irq=irq, to=endpoint)
        self.kernel.irq_routes[irq] = endpoint

    # -- time and the system ---------------------------------------------------
    def uptime(self) -> int:
        return self.kernel.clock_task.uptime

    def boot_time(self) -> int:
        return self.kernel.boot_time

    def set_alarm(self, endpoint: int, ticks: int) -> int:
        """Notify `endpoint` from CLOCK after `ticks` ticks; returns a timer id."""
        self._kcall("setalarm", to=endpoint, ticks=ticks)
        return self.kernel.clock_task.set_timer(
            ticks, lambda: self.kernel.ipc.server_notify(ep.CLOCK, endpoint))

    def set_timer(self, ticks: int, callback) -> int:
        """A server-internal timer (MINIX's watchdog timers in a server)."""
        return self.kernel.clock_task.set_timer(ticks, callback)

    def cancel_timer(self, timer_id: int) -> None:
        self.kernel.clock_task.cancel(timer_id)

    def shutdown(self, status: int, reason: str = "") -> None:
        self._kcall("abort", status=status, reason=reason)
        self.kernel.shutdown(status, reason)
