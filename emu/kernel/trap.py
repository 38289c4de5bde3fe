"""Entry from guest code: the hooks every process CPU carries.

int 0x21 is IPC (every system call passes here), int 0x20 a kernel call
(denied to user processes), any other interrupt a CPU exception; an access
to unmapped memory either grows the stack or becomes a fault; IN/OUT at
CPL 3 is a fault (Unicorn does not check I/O privilege). These are raw
ctypes callbacks: an exception escaping one would be swallowed by ctypes, so
each catches everything, parks it in the kernel and stops the CPU.
"""
import ctypes
import struct
from ctypes import c_int, c_int32, c_uint32, c_void_p
from pathlib import Path

from emu.abi.errno import Errno
from emu.abi.ipc import IPC_VECTOR, KERNEL_CALL_VECTOR, IpcCall
from emu.abi.signals import Signal
from emu.kernel.cost import TRAP_COST_BLOCKS
from emu.kernel.faults import Fault, fault_from_interrupt
from emu.kernel.ipc import BLOCKED, CONTEXT_SET
from emu.kernel.singlestep import DEBUG_VECTOR
from emu.machine import unicorn_lib as raw
from emu.machine.unicorn_lib import (HOOK_INSN_IN, HOOK_INSN_OUT, HOOK_INTR, HOOK_MEM_INVALID,
                                     UC, X86)

_EAX, _EBX, _ECX = X86.UC_X86_REG_EAX, X86.UC_X86_REG_EBX, X86.UC_X86_REG_ECX
_SENDREC = int(IpcCall.SENDREC)
GATE_SET_EAX, GATE_STOP = 1, 2      # TrapGate.actions (native/trapgate.c)
_RESULT = struct.Struct("<ii")      # TrapGate.result, TrapGate.actions
_RESULT_OFFSET = 12
_GATE_HANDLER = ctypes.CFUNCTYPE(None)   # trapgate.c's handler_fn


def _address_of(fn) -> int:
    return ctypes.cast(fn, c_void_p).value


class TrapGate(ctypes.Structure):
    """What the trap hook and the kernel's handler share (native/trapgate.c)."""
    _fields_ = [("regs", c_uint32 * 3), ("result", c_int32), ("actions", c_int32),
                ("ipc_vector", c_uint32), ("intno", c_uint32), ("reg_ids", c_int * 3),
                ("handler", c_void_p),
                ("read_batch", c_void_p), ("write", c_void_p), ("stop", c_void_p)]


# TrapGate.regs (EAX, EBX, ECX) and TrapGate.intno, read in one step.
_REGS = struct.Struct(f"<III{TrapGate.intno.offset - 12}xI")


class Traps:
    """The hooks of every process CPU. The int 0x21 path runs through a
    native gate when one is built (native/trapgate.c reads the registers and
    applies the result: no ctypes call of our own per trap); otherwise the
    Python wrapper _python_gate does the same steps through ctypes."""

    def __init__(self, kernel, native_gate: Path | None = None) -> None:
        self.kernel = kernel
        self.trace = kernel.trace
        # CFUNCTYPE objects, shared by every CPU; they must outlive all of them.
        self.handler = _GATE_HANDLER(self._on_interrupt)
        self.memory_hook = HOOK_MEM_INVALID(self._on_bad_memory)
        self.in_hook = HOOK_INSN_IN(self._on_in)
        self.out_hook = HOOK_INSN_OUT(self._on_out)
        self.gate = TrapGate(ipc_vector=IPC_VECTOR, handler=ctypes.cast(self.handler, c_void_p),
                             read_batch=_address_of(raw.lib.uc_reg_read_batch),
                             write=_address_of(raw.lib.uc_reg_write),
                             stop=raw.UC_EMU_STOP_ADDRESS)
        self.gate.reg_ids[:] = (_EAX, _EBX, _ECX)
        self._gate_address = ctypes.addressof(self.gate)
        # regs/result/actions through a memoryview: ~40 ns an access, against
        # ~100 ns through the ctypes fields (bench/: null syscall).
        self._view = memoryview(self.gate).cast("B")
        if native_gate is not None:
            self._native = ctypes.CDLL(str(native_gate))
            self.intr_hook = _address_of(self._native.trap_gate_hook)
        else:
            self._native = None
            self.intr_hook = HOOK_INTR(self._python_gate)
            base = self._gate_address
            self._reg_ptrs = (c_void_p * 3)(base, base + 4, base + 8)
            self._result_ref = c_void_p(base + _RESULT_OFFSET)
        self.bad_access = None   # (access type, address) of the last bad memory access
        self._memory_hooks: dict[int, int] = {}   # CPU handle -> its memory hook
        self._ipc = kernel.ipc
        self._ipc_trap = kernel.ipc.trap
        self._sendrec_server = kernel.ipc.sendrec_server
        self._servers = kernel.ipc.user_servers   # system calls: PM and VFS only
        self._budget = kernel.slicer.counters   # [remaining, executed] of the slice

    def install(self, cpu) -> None:
        cpu.add_hook(UC.UC_HOOK_INTR, self.intr_hook, self._gate_address)
        self._memory_hooks[cpu.handle] = cpu.add_hook(UC.UC_HOOK_MEM_INVALID, self.memory_hook)
        cpu.add_hook(UC.UC_HOOK_INSN, self.in_hook, None, 1, 0, X86.UC_X86_INS_IN)
        cpu.add_hook(UC.UC_HOOK_INSN, self.out_hook, None, 1, 0, X86.UC_X86_INS_OUT)

    def _python_gate(self, uc, intno, _user_data):
        """trapgate.c's steps, for when the native gate could not be built."""
        gate = self.gate
        if intno == IPC_VECTOR:
            raw.uc_reg_read_batch(uc, gate.reg_ids, self._reg_ptrs, 3)
        gate.intno = intno
        gate.actions = 0
        self._on_interrupt()
        if gate.actions & GATE_SET_EAX:
            raw.uc_reg_write(uc, _EAX, self._result_ref)
        if gate.actions & GATE_STOP:
            raw.uc_emu_stop(uc)

    def memory_hook_last(self, cpu) -> None:
        """Move the memory hook behind the hooks added since. Unicorn offers a
        protection fault to its hooks in order until one handles it; a
        debugger's write-watchpoint hook handles every store to its page
        that misses the watched bytes, which this hook would otherwise see
        first, a Python call each (1.2x on bench/: compute, write watchpoint
        set, the watched global sharing its page with a matrix)."""
        old = self._memory_hooks.pop(cpu.handle, None)
        if old is not None:
            cpu.remove_hook(old)
        self._memory_hooks[cpu.handle] = cpu.add_hook(UC.UC_HOOK_MEM_INVALID, self.memory_hook)

    def forget(self, cpu) -> None:
        self._memory_hooks.pop(cpu.handle, None)

    # The system-call path: every system call is a SENDREC to a server through
    # here. Written for speed (bench/: null syscall at most 2.5x the raw trap floor).
    # It leaves its result and whether to stop in the gate.
    def _on_interrupt(self):
        try:
            target, maddr, call, intno = _REGS.unpack_from(self._view, 0)
            if intno == IPC_VECTOR:
                if target & 0x80000000:
                    target -= 0x100000000
                p = self.kernel.current
                if self.trace.trap:
                    self.trace.emit("trap", "ipc", proc=p.label, eax=target, ebx=maddr,
                                    ecx=call)
                server = self._servers.get(target) if call == _SENDREC else None
                if server is not None:   # a system call: skip Ipc.trap's dispatch
                    result = self._sendrec_server(p, server, target, maddr)
                else:
                    result = self._ipc_trap(p, call, target, maddr)
                ipc = self._ipc
                ipc.charged += TRAP_COST_BLOCKS   # the trap's virtual cost (cost.py)
                kernel = self.kernel
                if kernel.pm_signal_due:   # a server raised a signal (sys.kill)
                    kernel.signal_pm()
                if result is BLOCKED:
                    if not p.flags:
                        # Answered already: PM, told of a signal a server raised
                        # in this very call (the TTY's SIGTTIN for a background
                        # read), interrupted it. Enter the handler; not a fault.
                        if p.pending_frames:
                            kernel.push_pending_frames(p)
                        kernel.reschedule = True
                    _RESULT.pack_into(self._view, _RESULT_OFFSET, 0, GATE_STOP)
                    return
                actions = 0
                if result is CONTEXT_SET:
                    result = 0
                elif p.pending_frames:   # a handler to enter once the call has returned:
                    p.cpu.set_reg(_EAX, result)   # its frame saves the call's result
                    result = 0
                else:
                    actions = GATE_SET_EAX
                if p.pending_frames:
                    kernel.push_pending_frames(p)
                # The trap's and its servers' cost leave the slice's budget now
                # (a blocked caller's when the slice ends: Kernel.run_slice).
                budget = self._budget
                cost = ipc.charged
                ipc.charged = 0
                budget[1] += cost
                budget[0] -= cost
                if kernel.reschedule or budget[0] <= 0:
                    actions |= GATE_STOP
                _RESULT.pack_into(self._view, _RESULT_OFFSET, result, actions)
            elif intno == KERNEL_CALL_VECTOR:
                p = self.kernel.current
                if self.trace.trap:
                    self.trace.emit("trap", "kernel_call", proc=p.label, denied=True)
                _RESULT.pack_into(self._view, _RESULT_OFFSET, -Errno.ECALLDENIED, GATE_SET_EAX)
            elif intno == DEBUG_VECTOR and self.kernel.stepping is not None:
                # a debugger's single step is done (singlestep.py)
                _RESULT.pack_into(self._view, _RESULT_OFFSET, 0, GATE_STOP)
            else:
                # Faults report the faulting instruction, traps (int3, int n) the next one.
                eip = self.kernel.current.cpu.eip
                self.kernel.fault(self.kernel.current, fault_from_interrupt(intno, eip))
                _RESULT.pack_into(self._view, _RESULT_OFFSET, 0, GATE_STOP)
        except BaseException as e:   # noqa: BLE001 - must not unwind into C
            self.kernel.internal_error = e
            _RESULT.pack_into(self._view, _RESULT_OFFSET, 0, GATE_STOP)

    def _on_bad_memory(self, uc, access, address, size, value, _user_data):
        try:
            p = self.kernel.current
            if access in (UC.UC_MEM_READ_UNMAPPED, UC.UC_MEM_WRITE_UNMAPPED) \
                    and p.mem.grow_stack(address):
                return True
            self.bad_access = (access, address)
        except BaseException as e:  # noqa: BLE001
            self.kernel.internal_error = e
        return False

    def _on_in(self, uc, port, size, _user_data):
        self._io_fault(uc, "in", port)
        return 0

    def _on_out(self, uc, port, size, value, _user_data):
        self._io_fault(uc, "out", port)

    def _io_fault(self, uc, what: str, port: int) -> None:
        try:
            eip = self.kernel.current.cpu.eip
            fault = Fault(Signal.SIGSEGV, f"'{what}' on port {port:#x} at CPL 3", eip)
            self.kernel.fault(self.kernel.current, fault)
            raw.uc_emu_stop(uc)
        except BaseException as e:  # noqa: BLE001
            self.kernel.internal_error = e
            raw.uc_emu_stop(uc)
