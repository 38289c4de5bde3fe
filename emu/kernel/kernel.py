"""The kernel: the process table, the scheduler loop, virtual time, process life.

`run()` is the whole system's main loop: pick a process, run its CPU for a
slice bounded by the next clock event, account the executed blocks as virtual
time, deliver interrupts, repeat. When nothing can run it jumps time to the
next timer or waits for console input; when nothing can ever run again it
halts and says why. The kernel creates and destroys process CPUs (fork, exec,
exit) on behalf of PM, and turns CPU faults into signals for PM to act on.
"""
import select
import time
from collections import deque

from emu.abi import endpoints as ep
from emu.abi.callnr import CallNr
from emu.abi.signals import Signal, signal_name
from emu.abi.message import MESSAGE_SIZE
from emu.kernel.addrspace import AddressSpace, MemoryBudget, MemoryFault
from emu.kernel.clock import ClockTask
from emu.kernel.cost import NS_PER_BLOCK
from emu.kernel.elfload import build_stack, load_image, parse_elf
from emu.kernel.faults import Fault, fault_from_error
from emu.kernel.grants import GrantTable
from emu.kernel.ipc import Ipc
from emu.kernel.proc import RTS, Proc, ProcTable
from emu.kernel.sched import Scheduler
from emu.kernel.sigframe import FrameError, SignalFrames, backed_over_trap
from emu.kernel.singlestep import (TRAP_FLAG, instruction_bytes, needs_trap_flag,
                                   pushes_flags)
from emu.kernel.system import SystemTask
from emu.kernel.trap import Traps
from emu.machine.cpu import Cpu, CpuContext, clear_pending_exception
from emu.machine.hostmem import HostMemoryPool
from emu.machine.ring3 import GDT_BASE, Ring3Template
from emu.machine.unicorn_lib import X86

UNTIL = GDT_BASE           # emu_start's stop address: never valid user code


class Kernel:
    def __init__(self, machine, trace, slicer, trap_gate=None) -> None:
        """`trap_gate`: the built native/trapgate.c, or None for its Python fallback."""
        self.machine = machine
        self.trace = trace
        self.slicer = slicer
        self.procs = ProcTable()
        self.sched = Scheduler(trace)
        self.clock_task = ClockTask(self)
        self.ipc = Ipc(self)
        self.grants = GrantTable(self.procs)
        self.sys = SystemTask(self)
        self.traps = Traps(self, trap_gate)
        self.template = Ring3Template()
        self.pool = HostMemoryPool()
        self.memory = MemoryBudget(machine.ram_bytes)
        self._context = None      # scratch CpuContext for fork
        self._scratch = None      # scratch CpuContext for clearing a handled fault
        self.frames = SignalFrames()
        self.live_cpus = 0        # CPUs created and not yet closed (leak checks)
        self._next_event = None   # virtual time of the next PIT interrupt
        self.current: Proc | None = None
        self.reschedule = False
        self.internal_error: BaseException | None = None
        self.irq_routes: dict[int, int] = {}
        self.kernel_signals: deque = deque()
        self.group_signals: deque = deque()   # (process group, signal) from the terminal
        self.pm_signal_due = False   # sys.kill queued a signal: PM hears at the next safe point
        self.boot_time = 0
        self.halted = False
        self.exit_status = 0
        self.halt_reason = ""
        # Debuggers (the gdb stub, the monitor): polled at clock ticks and
        # waited on when idle; `hold` is what one asks to run at the next
        # slice boundary (the machine stopped for it); `step_waiter` is a
        # process whose single step blocked in a call and ends when it next runs.
        self.debuggers: list = []
        self.debugger = None      # the gdb stub, if any (faults and int3 go to it)
        self.hold = None
        self.step_waiter: Proc | None = None
        self.stepping: Proc | None = None   # the process in a single step (its #DB ends it)

    # -- set-up ----------------------------------------------------------------
    def add_server(self, server) -> None:
        self.ipc.register(server)

    def remove_server(self, endpoint: int) -> None:
        """A server that is done (the MFS of an unmounted file system)."""
        self.ipc.servers.pop(endpoint, None)
        self.grants.revoke_all(endpoint)

    def start(self, boot_time: int) -> None:
        self.boot_time = boot_time
        self.clock_task.start(self.machine.bus)
        self._next_event = self.machine.pit.next_irq_time()

    # -- CPUs and processes ----------------------------------------------------
    def _new_cpu(self) -> Cpu:
        cpu = Cpu()
        self.live_cpus += 1
        self.traps.install(cpu)
        self.slicer.install(cpu)
        return cpu

    def _close_cpu(self, cpu: Cpu) -> None:
        self.traps.forget(cpu)
        cpu.close()
        self.live_cpus -= 1

    def _load(self, image: bytes, argv, envp, name: str):
        exe = parse_elf(image, name)
        mem = AddressSpace(self.pool, self.memory)
        try:
            load_image(mem, exe)
            esp = build_stack(mem, argv, envp)
        except BaseException:
            mem.release()
            raise
        return mem, exe.entry, esp

    def spawn(self, image: bytes, argv, envp, name: str, pid: int) -> Proc:
        p = self.procs.allocate(name)
        if p is None:
            raise RuntimeError("process table full")
        try:
            mem, entry, esp = self._load(image, argv, envp, name)
        except BaseException:
            self.procs.free(p)
            raise
        self._install(p, mem, entry, esp)
        p.pid = pid
        if self.trace.proc:
            self.trace.emit("proc", "spawn", proc=p.label, ep=p.endpoint, argv=_text(argv))
        return p

    def _install(self, p: Proc, mem: AddressSpace, entry: int, esp: int) -> None:
        cpu = self._new_cpu()
        self.template.start(cpu)
        mem.attach(cpu)
        cpu.set_reg(X86.UC_X86_REG_ESP, esp)
        cpu.set_reg(X86.UC_X86_REG_EIP, entry)
        p.cpu, p.mem = cpu, mem
        p.flags &= ~RTS.NO_CPU
        self.sched.ready(p)

    def fork(self, parent: Proc, child_pid: int) -> Proc | None:
        """Copy `parent`; None if the process table or memory is full. The child
        gets PM's reply in the parent's message, so that must be writable
        (MemoryFault otherwise: a const message, or a stale address)."""
        if not parent.mem.writable(parent.msg_addr, MESSAGE_SIZE):
            raise MemoryFault(parent.msg_addr, MESSAGE_SIZE, True)
        child = self.procs.allocate(parent.name)
        if child is None:
            return None
        try:
            mem = parent.mem.clone()
        except BaseException:
            self.procs.free(child)
            return None
        cpu = self._new_cpu()
        try:
            self.template.map_gdt(cpu)
            if self._context is None:
                self._context = CpuContext(cpu)
            self._context.save(parent.cpu)
            self._context.restore(cpu)
            mem.attach(cpu)
        except BaseException:
            self._close_cpu(cpu)
            mem.release()
            self.procs.free(child)
            raise
        child.cpu, child.mem, child.pid = cpu, mem, child_pid
        # The child is inside the parent's SENDREC to PM, waiting for its reply.
        child.flags = RTS.RECEIVING
        child.getfrom = ep.PM
        child.msg_addr = parent.msg_addr
        child.reply_pending = True
        child.pending_call = (ep.PM, CallNr.FORK)
        if self.debugger is not None:
            self.debugger.on_fork(parent, child)
        if self.trace.proc:
            self.trace.emit("proc", "fork", parent=parent.label, child=child.label,
                            ep=child.endpoint)
        return child

    def exec(self, p: Proc, image: bytes, argv, envp, name: str) -> None:
        mem, entry, esp = self._load(image, argv, envp, name)
        old_cpu, old_mem = p.cpu, p.mem
        self.ipc.cancel_own(p)   # not cancel(): the endpoint lives on for its partners
        p.name = name
        p.flags |= RTS.NO_CPU
        self.sched.unready(p)
        p.pending_frames = []   # handlers of the old image are gone
        self._install(p, mem, entry, esp)
        if p is self.current:
            p.old_cpu = old_cpu   # we are inside its trap: close it after the slice
            old_cpu.stop()
            self.reschedule = True
        else:
            self._close_cpu(old_cpu)
        old_mem.release()
        if self.debugger is not None:
            self.debugger.on_exec(p)
        if self.trace.proc:
            self.trace.emit("proc", "exec", proc=p.label, argv=_text(argv))

    def clear(self, p: Proc) -> None:
        """Take a process out of the system; its CPU and memory go after its slice."""
        self.ipc.cancel(p)
        self.sched.forget(p)
        p.flags |= RTS.EXITING
        if p is self.current:
            p.cpu.stop()
            self.reschedule = True
        else:
            self._release(p)

    def _release(self, p: Proc) -> None:
        if self.debugger is not None:
            self.debugger.on_exit(p)
        if p.cpu is not None:
            self._close_cpu(p.cpu)
        if p.old_cpu is not None:
            self._close_cpu(p.old_cpu)
        if p.mem is not None:
            p.mem.release()
        self.kernel_signals = deque(k for k in self.kernel_signals if k[0] is not p)
        self.procs.free(p)

    # -- faults and kernel signals ---------------------------------------------
    def fault(self, p: Proc, fault: Fault) -> None:
        """A CPU fault in `p`: stop it and tell PM, which decides what happens;
        with a debugger attached it stops for the debugger instead."""
        if self.debugger is not None and self.debugger.catch(p, fault):
            return
        p.flags |= RTS.SIGNALED
        self.sched.unready(p)
        if p is self.current:
            self.reschedule = True
        if self.trace.fault:
            self.trace.emit("fault", signal_name(fault.signal), proc=p.label, ep=p.endpoint,
                            reason=fault.reason, eip=fault.eip, address=fault.address)
        self.kernel_signals.append((p, fault.signal, fault))
        self.ipc.server_notify(ep.SYSTEM, ep.PM)

    def kill(self, p: Proc, sig: int) -> None:
        """A server raises `sig` for p (MINIX's sys_kill: SIGPIPE, SIGINT from
        the terminal, ...). PM hears of it once the servers at work have
        returned (signal_pm), never in the middle of one of their calls."""
        self.kernel_signals.append((p, sig, None))
        self.pm_signal_due = True

    def kill_group(self, pgrp: int, sig: int) -> None:
        """A server raises `sig` for every process of group `pgrp` (the
        terminal's ^C, ^\\, ^Z to its foreground group); PM hears as for kill."""
        self.group_signals.append((pgrp, sig))
        self.pm_signal_due = True

    def take_group_signal(self):
        return self.group_signals.popleft() if self.group_signals else None

    def signal_pm(self) -> None:
        """A safe point (a trap's call or the interrupts are done): tell PM."""
        if self.pm_signal_due:
            self.pm_signal_due = False
            self.ipc.server_notify(ep.SYSTEM, ep.PM)

    def take_kernel_signal(self):
        while self.kernel_signals:
            p, sig, fault = self.kernel_signals.popleft()
            if not p.flags & (RTS.SLOT_FREE | RTS.EXITING):
                return p.endpoint, sig, fault
        return None

    def end_kernel_signal(self, endpoint: int) -> None:
        p = self.procs.lookup(endpoint)
        if p is not None and p.flags & RTS.SIGNALED:
            # It survives the fault (a handler runs): Unicorn must forget the
            # exception, or the next fault is a double fault (unicorn-facts #6).
            if self._scratch is None:
                self._scratch = CpuContext(p.cpu)
            clear_pending_exception(p.cpu, self._scratch)
            p.flags &= ~RTS.SIGNALED
            self.sched.ready(p)

    # -- signal handlers, stop and continue ------------------------------------
    def sigsend(self, p: Proc, signo: int, handler: int, trampoline: int, mask: int) -> None:
        """Enter a handler in p (MINIX's sys_sigsend). A process inside a call
        (its own trap, or waiting for an answer) gets the frame when the call
        returns, so the frame saves the call's result; raises FrameError if
        the frame cannot be written now."""
        request = (signo, handler, trampoline, mask)
        if p.flags & (RTS.SENDING | RTS.RECEIVING) \
                or (p is self.current and not p.flags & RTS.SIGNALED):
            p.pending_frames.append(request)
            return
        self._push_frame(p, request)

    def _push_frame(self, p: Proc, request) -> None:
        frame = self.frames.push(p, *request)
        if self.trace.signal:
            self.trace.emit("signal", "frame", proc=p.label, signal=signal_name(request[0]),
                            handler=f"{request[1]:#x}", frame=f"{frame:#x}")

    def push_pending_frames(self, p: Proc) -> None:
        """p returns to user mode: push the frames of the handlers it caught."""
        requests, p.pending_frames = p.pending_frames, []
        push, trace = self.frames.push, self.trace
        for request in requests:
            try:
                frame = push(p, *request)
            except FrameError as e:
                self.fault(p, Fault(Signal.SIGSEGV, f"signal frame: {e}", p.cpu.eip))
                return
            if trace.signal:
                trace.emit("signal", "frame", proc=p.label, signal=signal_name(request[0]),
                           handler=f"{request[1]:#x}", frame=f"{frame:#x}")

    def sigreturn(self, p: Proc, scp: int) -> None:
        """Load p's registers from the sigcontext at scp (MINIX's sys_sigreturn);
        raises MemoryFault if it cannot be read."""
        eip = self.frames.restore(p, scp)
        if p is self.current:
            p.context_set = True
        if self.trace.signal:
            self.trace.emit("signal", "sigreturn", proc=p.label, eip=f"{eip:#x}")

    def restart_call(self, p: Proc) -> bool:
        """Abandon p's wait for a server's answer and back it up over its trap,
        so the call runs again when p next runs (SA_RESTART)."""
        if not (p.flags & RTS.RECEIVING and p.reply_pending) or not backed_over_trap(p):
            return False
        p.flags &= ~RTS.RECEIVING
        p.reply_pending = False
        p.getfrom = ep.NONE
        p.pending_call = None
        if p.pending_frames:
            self.push_pending_frames(p)
        if p.flags == 0:
            self.sched.ready(p)
        return True

    def awaited_server(self, p: Proc) -> int | None:
        """The endpoint p waits on for the answer to a call, if it does."""
        if p.flags & RTS.RECEIVING and p.reply_pending:
            return p.getfrom
        return None

    def stop(self, p: Proc) -> None:
        p.flags |= RTS.STOPPED
        self.sched.unready(p)
        if p is self.current:
            self.reschedule = True

    def resume(self, p: Proc) -> None:
        if p.flags & RTS.STOPPED:
            p.flags &= ~RTS.STOPPED
            if p.flags == 0:
                self.sched.ready(p)

    # -- the main loop ---------------------------------------------------------
    def shutdown(self, status: int, reason: str = "") -> None:
        self.halted = True
        self.exit_status = status
        self.halt_reason = reason
        if self.current is not None:
            self.current.cpu.stop()
            self.reschedule = True

    def run(self) -> int:
        """Run until the system shuts down; returns the exit status."""
        self.deliver_interrupts(None)
        while not self.halted:
            if self.hold is not None:     # a debugger stopped the machine
                hold, self.hold = self.hold, None
                hold()
                continue
            p = self.sched.pick()
            if p is None:
                self.idle()
                continue
            if p is self.step_waiter:     # its single step ended in a call that returned
                self.step_waiter = None
                self.debugger.step_done(p)
                continue
            self.run_slice(p)
        for d in self.debuggers:
            d.system_ended(self.exit_status)
        return self.exit_status

    def hold_process(self, p: Proc) -> None:
        """Keep p from running until the debugger lets it go (RTS.DEBUG)."""
        p.flags |= RTS.DEBUG
        self.sched.unready(p)
        if p is self.current:
            self.reschedule = True
            p.cpu.stop()

    def release_process(self, p: Proc) -> None:
        if p.flags & RTS.DEBUG:
            p.flags &= ~RTS.DEBUG
            if p.flags == 0:
                self.sched.ready(p)

    def step(self, p: Proc) -> None:
        """Run one instruction of p (a debugger's single step) with EFLAGS.TF
        set (singlestep.py): the CPU stops on the #DB after it, or for an
        `int n`, which runs without TF, at the start of the next block (a
        budget of two blocks). TF never outlives the step: it is cleared
        again, and a pushf's copy of it taken out of the stack."""
        cpu = p.cpu
        code = instruction_bytes(p.mem, cpu.eip)
        eflags = cpu.reg(X86.UC_X86_REG_EFLAGS)
        traced = needs_trap_flag(code) and not eflags & TRAP_FLAG
        if traced:
            cpu.set_reg(X86.UC_X86_REG_EFLAGS, eflags | TRAP_FLAG)
            esp = cpu.reg(X86.UC_X86_REG_ESP)
        self.stepping = p
        try:
            self.run_slice(p, step=True)
        finally:
            self.stepping = None
        if traced and p.cpu is cpu:
            cpu.set_reg(X86.UC_X86_REG_EFLAGS, cpu.reg(X86.UC_X86_REG_EFLAGS) & ~TRAP_FLAG)
            if pushes_flags(code) and p.mem is not None:
                self._untrace_pushed_flags(p, esp)

    def _untrace_pushed_flags(self, p: Proc, esp_before: int) -> None:
        """A stepped pushf stored EFLAGS with our TF: the guest must not see it."""
        esp = p.cpu.reg(X86.UC_X86_REG_ESP)
        if esp_before - esp not in (2, 4):
            return                    # it faulted: nothing was pushed
        try:
            low = p.mem.read(esp, 2)
            p.mem.write(esp, (int.from_bytes(low, "little") & ~TRAP_FLAG).to_bytes(2, "little"),
                        force=True)
        except MemoryFault:
            pass

    # The context-switch path: runs once per slice, so twice per IPC round
    # trip between guests (bench/: IPC round trip).
    def run_slice(self, p: Proc, step: bool = False) -> None:
        machine = self.machine
        clock = machine.clock
        next_event = self._next_event
        if step:
            blocks = 2                # the stepped instruction's block, then stop
        elif next_event is None:
            blocks = 1 << 40
        else:
            blocks = -(-(next_event - clock.now) // NS_PER_BLOCK)
        slicer = self.slicer
        slicer.arm(blocks)
        self.current = p
        self.reschedule = False
        self.traps.bad_access = None
        cpu = p.cpu
        err = slicer.run(cpu, UNTIL)
        self.current = None
        ipc = self.ipc       # with server work no trap took from the budget (a fault's)
        clock.now += (slicer.collect() + ipc.charged) * NS_PER_BLOCK
        ipc.charged = 0
        if self.internal_error is not None:
            error, self.internal_error = self.internal_error, None
            raise error
        if p.old_cpu is not None:
            self._close_cpu(p.old_cpu)
            p.old_cpu = None
        if p.flags & RTS.EXITING:
            self._release(p)
            p = None
        elif err:
            self.fault(p, fault_from_error(err, cpu.eip, self.traps.bad_access))
        elif not p.flags and not self.slicer.expired and not self.reschedule and not step:
            # Nothing asked to stop: the program counter reached UNTIL.
            self.fault(p, Fault(Signal.SIGSEGV, "jump into the kernel page", cpu.eip))
        machine.console.flush()
        if (next_event is not None and clock.now >= next_event) or machine.irqs.pending:
            self.deliver_interrupts(p)
        if p is not None and not p.flags & RTS.SLOT_FREE:
            self.sched.after_slice(p)

    def deliver_interrupts(self, running: Proc | None) -> None:
        machine = self.machine
        machine.pit.update()
        self._next_event = machine.pit.next_irq_time()
        irqs = machine.irqs
        ticks = irqs.take(0)
        if ticks:
            if self.trace.irq:
                self.trace.emit("irq", "clock", ticks=ticks)
            self.clock_task.ticks(ticks, running)
            for d in self.debuggers:   # a debugger's socket, at deterministic points
                d.poll()
            if machine.console.interactive:
                # A person at a terminal should not wait for the system to go
                # idle; typed input is not reproducible anyway. Pipes and files
                # are read only when idle, at points that do not depend on timing.
                machine.poll_console()
                self._check_console_quit()
        pending = irqs.pending
        if pending:
            for line in range(1, irqs.NR_LINES):
                if pending & (1 << line):
                    edges = irqs.take(line)
                    target = self.irq_routes.get(line)
                    if self.trace.irq:
                        self.trace.emit("irq", "hard_int", irq=line, edges=edges,
                                        to=self.ipc.name_of(target) if target is not None else None)
                    if target is not None:
                        self.ipc.server_notify(ep.HARDWARE, target, 1 << line)
        if self.pm_signal_due:
            self.signal_pm()

    def idle(self) -> None:
        """Nothing is runnable: take console input, jump to the next timer, or halt."""
        machine = self.machine
        fed = machine.poll_console()
        self._check_console_quit()
        if fed:
            self.deliver_interrupts(None)
            if self.sched.queue or self.halted:
                return
            # Input nobody is reading yet (stdin from /dev/zero under alarm();
            # pause()): time still moves on to the next timer.
        if self.halted:
            return
        due = self.clock_task.next_timer_tick()
        if due is not None:
            if machine.console.interactive and self._wait_for_a_person(due):
                return
            if self.trace.sched:
                self.trace.emit("sched", "idle", tick=due)
            self._jump_to_tick(due)
            return
        if self.debuggers:
            for d in self.debuggers:
                d.poll()
            if self.hold is not None or self.sched.queue:
                return
        if machine.console_can_wait() and self._someone_awaits_a_server():
            machine.wait_console(also=[fd for d in self.debuggers for fd in d.fds()])
            for d in self.debuggers:
                d.poll()
            self._check_console_quit()
            self.deliver_interrupts(None)
            return
        if any(d.holds_idle_system() for d in self.debuggers):
            # Someone is debugging: a system with nothing to run waits for them.
            select.select([fd for d in self.debuggers for fd in d.fds()], [], [])
            for d in self.debuggers:
                d.poll()
            return
        blocked = ", ".join(f"{p.label} {self._blocked_on(p)}" for p in self.procs.live())
        self.shutdown(1, f"deadlock: every process is blocked forever ({blocked or 'no processes'})")

    def _wait_for_a_person(self, due: int) -> bool:
        """Interactive only (a terminal's input is not reproducible anyway):
        before jumping to a timer, give a person at the terminal the time
        the guest waits, in wall time, so `sleep 100` can be interrupted
        with ^C. Input that comes (even a console escape the guest never
        sees) moves the clock by the wall time waited and ends the wait
        (True); none, and the jump goes ahead (False)."""
        machine = self.machine
        if not (machine.console.live_input and self._someone_awaits_a_server()):
            return False
        period = machine.pit.period_ns()
        wait_ns = max(0, due - self.clock_task.uptime) * period
        start = time.monotonic()
        machine.wait_console(wait_ns / 1e9)
        waited = int((time.monotonic() - start) * 1e9)
        if waited >= wait_ns:
            return False              # nothing came (or an escape only, just in time)
        if waited > 2 * period:
            machine.clock.advance_to(machine.clock.now + waited - 2 * period)
        self._check_console_quit()
        self.deliver_interrupts(None)
        return True

    def _check_console_quit(self) -> None:
        if self.machine.console.quit_requested and not self.halted:
            self.shutdown(0, "quit from the console (Ctrl-a x)")

    def _jump_to_tick(self, tick: int) -> None:
        clock, pit = self.machine.clock, self.machine.pit
        while self.clock_task.uptime < tick and not self.halted:
            remaining = tick - self.clock_task.uptime
            period = pit.period_ns()
            if remaining > 2 and period:
                clock.advance_to(clock.now + (remaining - 2) * period)
            else:
                nxt = pit.next_irq_time()
                if nxt is None:
                    raise RuntimeError("the clock is not ticking")
                clock.advance_to(nxt)
            self.deliver_interrupts(None)
            if self.sched.queue:
                return

    def _someone_awaits_a_server(self) -> bool:
        """Could input help? Only a process suspended in a server call (a read of
        the console, say) can be woken by it; processes blocked on each other cannot."""
        servers = self.ipc.servers
        return any(p.flags & RTS.RECEIVING and p.getfrom in servers for p in self.procs.live())

    def blocked_on(self, p: Proc) -> str:
        """Whom p waits for, in words (the deadlock message, the debuggers)."""
        return self._blocked_on(p)

    def _blocked_on(self, p: Proc) -> str:
        if p.flags & RTS.SENDING:
            return f"sending to {self.ipc.name_of(p.sendto)}"
        if p.flags & RTS.RECEIVING:
            return f"receiving from {self.ipc.name_of(p.getfrom)}"
        return RTS.names(p.flags).lower()

    def close(self) -> None:
        """Release every CPU and buffer (for embedding the kernel in tests)."""
        for p in list(self.procs.live()):
            self._release(p)


def _text(args) -> list[str]:
    return [a.decode("utf-8", "replace") if isinstance(a, bytes) else str(a) for a in args]
