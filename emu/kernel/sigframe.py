"""Signal frames: the kernel side of running a handler in the guest and back.

`push` saves the whole user context (general registers, EIP, EFLAGS and the
x87/SSE state) into a struct sigcontext on the user stack under a sigframe
(emu/abi/sigcontext.py), growing the stack if it must, and enters the handler
with the C library's __sigreturn trampoline as its return address. `restore`
is SIGRETURN: it loads every register back from a sigcontext the handler may
have changed, keeping only the user-modifiable EFLAGS bits. Each moves all
registers with one uc_reg_read_batch / uc_reg_write_batch call (~2 us)
instead of 30 single ones (bench/: signal delivery to a handler and back).
"""
import ctypes
import struct

from emu.abi.sigcontext import (SC_FPSTATE, SIGCONTEXT_SIZE, SIGFRAME_HEAD, SIGFRAME_SIZE,
                                USER_EFLAGS)
from emu.kernel.addrspace import MemoryFault
from emu.machine import unicorn_lib as raw
from emu.machine.unicorn_lib import X86

_R = X86
# One 16-byte slot per register, in sigcontext order: GPRs, EIP, EFLAGS, FPU
# control words, MXCSR, then the x87 data registers and XMM0-7 (raw bytes).
_REGS = ([_R.UC_X86_REG_EAX, _R.UC_X86_REG_ECX, _R.UC_X86_REG_EDX, _R.UC_X86_REG_EBX,
          _R.UC_X86_REG_ESP, _R.UC_X86_REG_EBP, _R.UC_X86_REG_ESI, _R.UC_X86_REG_EDI,
          _R.UC_X86_REG_EIP, _R.UC_X86_REG_EFLAGS,
          _R.UC_X86_REG_FPCW, _R.UC_X86_REG_FPSW, _R.UC_X86_REG_FPTAG, _R.UC_X86_REG_MXCSR]
         + [getattr(_R, f"UC_X86_REG_FP{i}") for i in range(8)]
         + [getattr(_R, f"UC_X86_REG_XMM{i}") for i in range(8)])
_NREGS = len(_REGS)
_SLOT = 16
_SCALARS = 14                       # slots holding a 32-bit (or 16-bit) value
_SLOT_INTS = struct.Struct("<" + "I12x" * 10 + "H14x" * 3 + "I12x")
_VECTOR_BYTES = (_NREGS - _SCALARS) * _SLOT     # sc_st + sc_xmm, 256 bytes
_ESP, _EIP, _EFLAGS = 4, 8, 9
# The frame's head and the sigcontext's scalar part (up to sc_st), in one struct.
_SC_SCALARS = struct.Struct("<iI10IHHHHII")
_FRAME_SCALARS = struct.Struct(SIGFRAME_HEAD.format + _SC_SCALARS.format[1:])
assert SIGCONTEXT_SIZE - _SC_SCALARS.size == _VECTOR_BYTES
_SCALAR_REGS = _REGS[:_SCALARS]

INT_0X21 = b"\xcd\x21"
BASE_EFLAGS = 0x202                 # IF and the reserved bit: what ring3.py starts with
# A handler starts as a function does (DF clear) with a clean FPU, as on Linux:
# an empty x87 stack, default control words (FNINIT, and MXCSR's reset value).
_ENTRY_REGS = [_R.UC_X86_REG_ESP, _R.UC_X86_REG_EIP, _R.UC_X86_REG_EFLAGS, _R.UC_X86_REG_FPCW,
               _R.UC_X86_REG_FPSW, _R.UC_X86_REG_FPTAG, _R.UC_X86_REG_MXCSR]
_ENTRY = struct.Struct("<7Q")
FNINIT_CW, EMPTY_TAGS, MXCSR_RESET = 0x037F, 0xFFFF, 0x1F80


class FrameError(Exception):
    """The frame does not fit: the user stack cannot be written there."""


class SignalFrames:
    def __init__(self) -> None:
        self._buf = (ctypes.c_uint8 * (_NREGS * _SLOT))()
        base = ctypes.addressof(self._buf)
        self._ids = (ctypes.c_int * _NREGS)(*_REGS)
        self._nregs = ctypes.c_int(_NREGS)
        self._ptrs = (ctypes.c_void_p * _NREGS)(*(base + i * _SLOT for i in range(_NREGS)))
        self._view = memoryview(self._buf).cast("B")
        self._read_batch = raw.uc_reg_read_batch_unchecked
        self._write_batch = raw.uc_reg_write_batch_unchecked
        n = len(_ENTRY_REGS)
        self._entry = (ctypes.c_uint64 * n)()
        entry_base = ctypes.addressof(self._entry)
        self._entry_ids = (ctypes.c_int * n)(*_ENTRY_REGS)
        self._entry_ptrs = (ctypes.c_void_p * n)(*(entry_base + 8 * i for i in range(n)))
        self._entry_view = memoryview(self._entry).cast("B")
        self._nentry = ctypes.c_int(n)

    def _read(self, cpu) -> tuple:
        # 16-bit registers fill 2 bytes of their slot: the rest stays zero
        # (the buffer starts zeroed and restore packs them with zero padding).
        self._read_batch(ctypes.c_void_p(cpu.handle), self._ids, self._ptrs, self._nregs)
        return _SLOT_INTS.unpack_from(self._view)

    def push(self, p, signo: int, handler: int, trampoline: int, mask: int, code: int = 0) -> int:
        """Build a frame for `signo` on p's stack and enter `handler`; returns the frame address."""
        regs = self._read(p.cpu)
        esp = regs[_ESP]
        frame = ((esp - SIGFRAME_SIZE) & ~15) - 4        # (frame + 4) % 16 == 0 at entry
        if frame <= 0 or frame + SIGFRAME_SIZE > esp:
            raise FrameError(f"no room below esp {esp:#x}")
        scp = frame + SIGFRAME_HEAD.size
        data = self._frame_bytes(trampoline, signo, code, scp, mask, regs)
        mem = p.mem
        try:
            mem.write(frame, data)
        except MemoryFault:
            if not mem.grow_stack(frame):
                raise FrameError(f"stack cannot grow to {frame:#x}") from None
            try:
                mem.write(frame, data)
            except MemoryFault:
                raise FrameError(f"frame at {frame:#x} is not writable") from None
        _ENTRY.pack_into(self._entry_view, 0, frame, handler, BASE_EFLAGS, FNINIT_CW, 0,
                         EMPTY_TAGS, MXCSR_RESET)
        self._write_batch(ctypes.c_void_p(p.cpu.handle), self._entry_ids, self._entry_ptrs,
                          self._nentry)
        return frame

    def _frame_bytes(self, trampoline: int, signo: int, code: int, scp: int, mask: int,
                     regs: tuple) -> bytes:
        return _FRAME_SCALARS.pack(trampoline, signo, code, scp, SC_FPSTATE, mask & 0xFFFFFFFF,
                                   *regs[:13], 0, regs[13], 0) + self._view[_SCALARS * _SLOT:]

    def restore(self, p, scp: int) -> int:
        """SIGRETURN: load the context at `scp`; returns the restored EIP.

        Raises MemoryFault if the context cannot be read."""
        raw_sc = p.mem.read(scp, SIGCONTEXT_SIZE)
        f = _SC_SCALARS.unpack_from(raw_sc)
        eflags = BASE_EFLAGS | (f[11] & USER_EFLAGS)
        _SLOT_INTS.pack_into(self._view, 0, *f[2:11], eflags, f[12], f[13], f[14], f[16])
        self._view[_SCALARS * _SLOT:] = raw_sc[_SC_SCALARS.size:]
        self._write_batch(ctypes.c_void_p(p.cpu.handle), self._ids, self._ptrs, self._nregs)
        return f[10]


def backed_over_trap(p) -> bool:
    """Move p's EIP back onto the int 0x21 it trapped through, so the call
    runs again (SA_RESTART); False if the bytes there are not that instruction."""
    eip = p.cpu.eip
    try:
        if p.mem.read(eip - 2, 2) != INT_0X21:
            return False
    except MemoryFault:
        return False
    p.cpu.set_reg(_R.UC_X86_REG_EIP, eip - 2)
    return True
