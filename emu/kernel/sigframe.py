"""Signal frames: the kernel side of running a handler in the guest and back.

`push` saves the whole user context (general registers, EIP, EFLAGS and the
x87/SSE state) into a struct sigcontext on the user stack under a sigframe
(emu/abi/sigcontext.py), growing the stack if it must, and enters the handler
with the C library's __sigreturn trampoline as its return address and a
clean FPU. `restore` is SIGRETURN: it loads every register back from a
sigcontext the handler may have changed, keeping only the user-modifiable
EFLAGS bits.

Hot path (bench/: signal delivery to a handler and back): all thirty
registers move in one uc_reg_read_batch / uc_reg_write_batch call
(Cpu.read_regs / write_regs) made without ctypes' argument conversion (~0.5 us, against ~1 us for each single
register), and the batch reads and writes each register straight at its
place in a frame-shaped buffer: the sigcontext layout is the size Unicorn
uses for each register (4 bytes for a 32-bit register, 2 for the FPU control
words, 10 for an x87 register in a 16-byte slot, 16 for an XMM register).
"""
import ctypes
import struct

from emu.abi.sigcontext import (SC_FPSTATE, SIGCONTEXT_OFFSETS, SIGCONTEXT_SIZE, SIGFRAME_HEAD,
                                SIGFRAME_SIZE, USER_EFLAGS)
from emu.kernel.addrspace import MemoryFault
from emu.machine.unicorn_lib import X86

_R = X86
# Every saved register and its sigcontext field, in layout order (a batch
# fills them in this order, so a wider store could only spill into a field
# written after it).
_SAVED = ([(getattr(_R, f"UC_X86_REG_{name.upper()}"), f"sc_{name}", 0)
           for name in ("eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "eip",
                        "eflags", "fpcw", "fpsw", "fptag", "mxcsr")]
          + [(getattr(_R, f"UC_X86_REG_FP{i}"), "sc_st", 16 * i) for i in range(8)]
          + [(getattr(_R, f"UC_X86_REG_XMM{i}"), "sc_xmm", 16 * i) for i in range(8)])
_NREGS = len(_SAVED)
_SC = SIGFRAME_HEAD.size                   # where the sigcontext starts in a frame
_U32 = struct.Struct("<I")
_ESP_AT = _SC + SIGCONTEXT_OFFSETS["sc_esp"]
_EIP_AT = SIGCONTEXT_OFFSETS["sc_eip"]
_EFLAGS_AT = SIGCONTEXT_OFFSETS["sc_eflags"]
# The frame head, then sc_flags and sc_mask.
_HEAD = struct.Struct(SIGFRAME_HEAD.format + "iI")

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


def _pointers(base: int, start: int):
    return (ctypes.c_void_p * _NREGS)(*(base + start + SIGCONTEXT_OFFSETS[field] + extra
                                        for _reg, field, extra in _SAVED))


class SignalFrames:
    def __init__(self) -> None:
        self._ids = (ctypes.c_int * _NREGS)(*(reg for reg, _f, _x in _SAVED))
        self._nregs = ctypes.c_int(_NREGS)
        # push: a whole frame, filled by the batch read (zero where nothing writes)
        self._frame = (ctypes.c_uint8 * SIGFRAME_SIZE)()
        self._frame_view = memoryview(self._frame).cast("B")
        self._push_ptrs = _pointers(ctypes.addressof(self._frame), _SC)
        # restore: a copy of the user's sigcontext, read by the batch write
        self._context = (ctypes.c_uint8 * SIGCONTEXT_SIZE)()
        self._context_view = memoryview(self._context).cast("B")
        self._restore_ptrs = _pointers(ctypes.addressof(self._context), 0)
        n = len(_ENTRY_REGS)
        self._entry = (ctypes.c_uint64 * n)()
        entry_base = ctypes.addressof(self._entry)
        self._entry_ids = (ctypes.c_int * n)(*_ENTRY_REGS)
        self._entry_ptrs = (ctypes.c_void_p * n)(*(entry_base + 8 * i for i in range(n)))
        self._entry_view = memoryview(self._entry).cast("B")
        self._nentry = ctypes.c_int(n)

    def push(self, p, signo: int, handler: int, trampoline: int, mask: int, code: int = 0) -> int:
        """Build a frame for `signo` on p's stack and enter `handler`; returns the frame address."""
        view = self._frame_view
        p.cpu.read_regs(self._ids, self._push_ptrs, self._nregs)
        esp = _U32.unpack_from(view, _ESP_AT)[0]
        frame = ((esp - SIGFRAME_SIZE) & ~15) - 4        # (frame + 4) % 16 == 0 at entry
        if frame <= 0 or frame + SIGFRAME_SIZE > esp:
            raise FrameError(f"no room below esp {esp:#x}")
        _HEAD.pack_into(view, 0, trampoline, signo, code, frame + _SC, SC_FPSTATE,
                        mask & 0xFFFFFFFF)
        mem = p.mem
        try:
            mem.write(frame, view)
        except MemoryFault:
            if not mem.grow_stack(frame):
                raise FrameError(f"stack cannot grow to {frame:#x}") from None
            try:
                mem.write(frame, view)
            except MemoryFault:
                raise FrameError(f"frame at {frame:#x} is not writable") from None
        _ENTRY.pack_into(self._entry_view, 0, frame, handler, BASE_EFLAGS, FNINIT_CW, 0,
                         EMPTY_TAGS, MXCSR_RESET)
        p.cpu.write_regs(self._entry_ids, self._entry_ptrs, self._nentry)
        return frame

    def restore(self, p, scp: int) -> int:
        """SIGRETURN: load the context at `scp`; returns the restored EIP.

        Raises MemoryFault if the context cannot be read."""
        view = self._context_view
        view[:] = p.mem.read(scp, SIGCONTEXT_SIZE)
        eflags = _U32.unpack_from(view, _EFLAGS_AT)[0]
        _U32.pack_into(view, _EFLAGS_AT, BASE_EFLAGS | (eflags & USER_EFLAGS))
        p.cpu.write_regs(self._ids, self._restore_ptrs, self._nregs)
        return _U32.unpack_from(view, _EIP_AT)[0]


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
