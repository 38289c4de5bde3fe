"""Entry from guest code: the hooks every process CPU carries.

int 0x21 is IPC (every system call passes here), int 0x20 a kernel call
(denied to user processes), any other interrupt a CPU exception; an access
to unmapped memory either grows the stack or becomes a fault; IN/OUT at
CPL 3 is a fault (Unicorn does not check I/O privilege). These are raw
ctypes callbacks: an exception escaping one would be swallowed by ctypes, so
each catches everything, parks it in the kernel and stops the CPU.
"""
import ctypes
from ctypes import byref, c_int, c_int32, c_uint32, c_void_p

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


class Traps:
    def __init__(self, kernel) -> None:
        self.kernel = kernel
        self.trace = kernel.trace
        self._ids = (c_int * 3)(_EAX, _EBX, _ECX)
        self._vals = (c_uint32 * 3)()
        base = ctypes.addressof(self._vals)
        self._ptrs = (c_void_p * 3)(base, base + 4, base + 8)
        self._result = c_int32()
        self._result_ref = byref(self._result)
        # CFUNCTYPE objects, shared by every CPU; they must outlive all of them.
        self.intr_hook = HOOK_INTR(self._on_interrupt)
        self.memory_hook = HOOK_MEM_INVALID(self._on_bad_memory)
        self.in_hook = HOOK_INSN_IN(self._on_in)
        self.out_hook = HOOK_INSN_OUT(self._on_out)
        self.bad_access = None   # (access type, address) of the last bad memory access
        self._memory_hooks: dict[int, int] = {}   # CPU handle -> its memory hook
        self._ipc_trap = kernel.ipc.trap
        self._sendrec_server = kernel.ipc.sendrec_server
        self._servers = kernel.ipc.user_servers   # system calls: PM and VFS only
        self._read_batch, self._reg_write = raw.uc_reg_read_batch, raw.uc_reg_write
        self._stop = raw.uc_emu_stop
        self._budget = kernel.slicer.counters   # [remaining, executed] of the slice

    def install(self, cpu) -> None:
        cpu.add_hook(UC.UC_HOOK_INTR, self.intr_hook)
        self._memory_hooks[cpu.handle] = cpu.add_hook(UC.UC_HOOK_MEM_INVALID, self.memory_hook)
        cpu.add_hook(UC.UC_HOOK_INSN, self.in_hook, None, 1, 0, X86.UC_X86_INS_IN)
        cpu.add_hook(UC.UC_HOOK_INSN, self.out_hook, None, 1, 0, X86.UC_X86_INS_OUT)

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
    def _on_interrupt(self, uc, intno, _user_data):
        try:
            if intno == IPC_VECTOR:
                self._read_batch(uc, self._ids, self._ptrs, 3)
                vals = self._vals
                target = vals[0]
                if target & 0x80000000:
                    target -= 0x100000000
                p = self.kernel.current
                if self.trace.trap:
                    self.trace.emit("trap", "ipc", proc=p.label, eax=target, ebx=vals[1],
                                    ecx=vals[2])
                call = vals[2]
                server = self._servers.get(target) if call == _SENDREC else None
                if server is not None:   # a system call: skip Ipc.trap's dispatch
                    result = self._sendrec_server(p, server, target, vals[1])
                else:
                    result = self._ipc_trap(p, call, target, vals[1])
                budget = self._budget   # the trap's virtual cost (cost.py)
                budget[1] += TRAP_COST_BLOCKS
                budget[0] -= TRAP_COST_BLOCKS
                kernel = self.kernel
                if kernel.pm_signal_due:   # a server raised a signal (sys.kill)
                    kernel.signal_pm()
                if result is BLOCKED:
                    self._stop(uc)
                    return
                if result is not CONTEXT_SET:
                    self._result.value = result
                    self._reg_write(uc, _EAX, self._result_ref)
                if p.pending_frames:   # a handler to enter once the call has returned
                    self.kernel.push_pending_frames(p)
                if self.kernel.reschedule or budget[0] <= 0:
                    self._stop(uc)
            elif intno == KERNEL_CALL_VECTOR:
                p = self.kernel.current
                if self.trace.trap:
                    self.trace.emit("trap", "kernel_call", proc=p.label, denied=True)
                self._result.value = -Errno.ECALLDENIED
                raw.uc_reg_write(uc, _EAX, self._result_ref)
            elif intno == DEBUG_VECTOR and self.kernel.stepping is not None:
                raw.uc_emu_stop(uc)   # a debugger's single step is done (singlestep.py)
            else:
                # Faults report the faulting instruction, traps (int3, int n) the next one.
                eip = self.kernel.current.cpu.eip
                self.kernel.fault(self.kernel.current, fault_from_interrupt(intno, eip))
                raw.uc_emu_stop(uc)
        except BaseException as e:   # noqa: BLE001 - must not unwind into C
            self.kernel.internal_error = e
            raw.uc_emu_stop(uc)

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
