"""One emulated i386 CPU: a Unicorn instance with its own address space.

The kernel gives every process its own Cpu (the fastest layout measured:
a context switch is `emu_start` on another instance, reference/unicorn-facts.md)
and the firmware runs on one too. Calls go straight to libunicorn through
ctypes; nothing here raises on a guest fault: `run` returns Unicorn's error
code and the kernel decides what the fault means.
"""
import ctypes
import struct
from ctypes import byref, c_int, c_size_t, c_uint64, c_void_p

from emu.machine.unicorn_lib import UC, X86, check, ctl_code
from emu.machine import unicorn_lib as raw

PROT_READ = UC.UC_PROT_READ
PROT_WRITE = UC.UC_PROT_WRITE
PROT_EXEC = UC.UC_PROT_EXEC
PROT_ALL = UC.UC_PROT_ALL

# 32 MiB of translated-code buffer instead of Unicorn's default 1 GiB: with
# many live processes a new instance starts in ~0.5 ms instead of ~4 ms.
TCG_BUFFER_SIZE = 32 << 20


_reg_read = raw.uc_reg_read_unchecked
_reg_write = raw.uc_reg_write_unchecked
_emu_start = raw.uc_emu_start_unchecked
_reg_read_batch = raw.uc_reg_read_batch_unchecked
_reg_write_batch = raw.uc_reg_write_batch_unchecked
_ZERO_TIMEOUT = c_uint64(0)
_NO_COUNT = c_size_t(0)   # never a count: see run
_EAX_EBX = (c_int * 2)(X86.UC_X86_REG_EAX, X86.UC_X86_REG_EBX)
_TWO = c_int(2)
_pack_pending = struct.Struct("<III").pack_into
_REG_ID = tuple(c_int(i) for i in range(X86.UC_X86_REG_ENDING))   # never changed


class Cpu:
    __slots__ = ("handle", "_scratch", "_closed", "c_handle", "_scratch_ref", "pending",
                 "_pending_ptrs", "_pending_view", "pending_ref")

    def __init__(self) -> None:
        h = c_void_p()
        check(raw.uc_open(UC.UC_ARCH_X86, UC.UC_MODE_32, byref(h)), "uc_open")
        self.handle = h.value
        self.c_handle = h                     # the handle as a ctypes object: the
        self._scratch = c_uint64()            # unchecked calls below take only those
        self._scratch_ref = byref(self._scratch)
        # Result registers set_eax_ebx leaves for the next run: a flag, EAX, EBX
        # (native/slicer.c's struct pending_results).
        self.pending = (ctypes.c_uint32 * 3)()
        base = ctypes.addressof(self.pending)
        self._pending_ptrs = (c_void_p * 2)(base + 4, base + 8)
        self._pending_view = memoryview(self.pending).cast("B")
        self.pending_ref = byref(self.pending)
        self._closed = False
        code = ctl_code(UC.UC_CTL_TCG_BUFFER_SIZE, UC.UC_CTL_IO_WRITE, 1)
        check(raw.uc_ctl(self.handle, code, ctypes.c_uint32(TCG_BUFFER_SIZE)), "tcg buffer size")

    # -- memory --------------------------------------------------------------
    def map_host(self, address: int, size: int, perms: int, host_address: int) -> None:
        check(raw.uc_mem_map_ptr(self.handle, address, size, perms, host_address),
              f"map {address:#x}+{size:#x}")

    def unmap(self, address: int, size: int) -> None:
        check(raw.uc_mem_unmap(self.handle, address, size), f"unmap {address:#x}")

    def protect(self, address: int, size: int, perms: int) -> None:
        check(raw.uc_mem_protect(self.handle, address, size, perms), f"protect {address:#x}")

    # -- registers -----------------------------------------------------------
    # reg, set_reg and run are on the context-switch and IPC paths (bench/:
    # IPC round trip, UDS ping-pong): unchecked calls with prebuilt ctypes
    # arguments, ~0.5 us each instead of ~1.2 us (unicorn_lib._unchecked).
    def reg(self, regid: int) -> int:
        if self._pending_view[0]:
            self.flush_results()
        v = self._scratch
        v.value = 0  # segment registers fill only 2 bytes
        _reg_read(self.c_handle, _REG_ID[regid], self._scratch_ref)
        return v.value

    def set_reg(self, regid: int, value: int) -> None:
        if self._pending_view[0]:
            self.flush_results()
        self._scratch.value = value & 0xFFFFFFFF
        _reg_write(self.c_handle, _REG_ID[regid], self._scratch_ref)

    def set_eax_ebx(self, eax: int, ebx: int) -> None:
        """Both result registers of an IPC call of a process that is not
        running (a delivered message: the call's result in EAX, its status in
        EBX). They are written when the CPU next runs: the native slice runner
        applies them before it starts (no ctypes call of its own, twice per
        UDS ping-pong round trip), and every other way to the registers
        (reg, set_reg, read_regs, write_regs, a saved context, run) writes
        them first."""
        _pack_pending(self._pending_view, 0, 1, eax & 0xFFFFFFFF, ebx & 0xFFFFFFFF)

    def flush_results(self) -> None:
        """Write the result registers set_eax_ebx left pending, now."""
        view = self._pending_view
        if view[0]:
            view[0] = 0
            _reg_write_batch(self.c_handle, _EAX_EBX, self._pending_ptrs, _TWO)

    def read_regs(self, ids, pointers, count: c_int) -> None:
        """Read registers `ids` (a c_int array) into `pointers` in one call."""
        if self._pending_view[0]:
            self.flush_results()
        _reg_read_batch(self.c_handle, ids, pointers, count)

    def write_regs(self, ids, pointers, count: c_int) -> None:
        """Write registers `ids` from `pointers` in one call."""
        if self._pending_view[0]:
            self.flush_results()
        _reg_write_batch(self.c_handle, ids, pointers, count)

    def set_reg_struct(self, regid: int, value: ctypes.Structure) -> None:
        self.flush_results()
        check(raw.uc_reg_write(self.handle, regid, byref(value)), f"write reg {regid}")

    @property
    def eip(self) -> int:
        return self.reg(X86.UC_X86_REG_EIP)

    # -- execution -----------------------------------------------------------
    def run(self, begin: int, until: int) -> int:
        """Execute from `begin`; return Unicorn's error code (0 = stopped cleanly).
        Never with an instruction count: switching a Uc between counted and
        uncounted runs drops its whole translation cache (unicorn-facts item 4)."""
        self.flush_results()
        return _emu_start(self.c_handle, c_uint64(begin), c_uint64(until), _ZERO_TIMEOUT,
                          _NO_COUNT)

    def stop(self) -> None:
        raw.uc_emu_stop(self.handle)

    def flush_code(self, begin: int, end: int) -> None:
        """Drop translated code for [begin, end): Unicorn 2.1.4 does not notice
        code bytes changed under it (a debugger's int3, reference/unicorn-facts.md
        item 8). Flat memory, so the virtual address is the mapped one."""
        code = ctl_code(UC.UC_CTL_TB_REMOVE_CACHE, UC.UC_CTL_IO_WRITE, 2)
        check(raw.uc_ctl(self.handle, code, c_uint64(begin), c_uint64(end)), "remove cache")

    def flush_translations(self) -> None:
        """Drop all translated code (code translated while a memory read or
        write hook existed stays slow after the hook goes)."""
        code = ctl_code(UC.UC_CTL_TB_FLUSH, UC.UC_CTL_IO_WRITE, 0)
        check(raw.uc_ctl(self.handle, code), "flush translations")

    def flush_tlb(self) -> None:
        """Forget cached page permissions: uc_mem_protect on a region already
        split to the page changes the permission without a TLB flush, so a
        page made read-only would stay writable through a cached entry."""
        code = ctl_code(UC.UC_CTL_TLB_FLUSH, UC.UC_CTL_IO_WRITE, 0)
        check(raw.uc_ctl(self.handle, code), "flush tlb")

    def remove_hook(self, handle: int) -> None:
        check(raw.uc_hook_del(self.handle, handle), "hook del")

    def add_hook(self, kind: int, callback, user_data=None, begin: int = 1, end: int = 0,
                 *extra: int) -> int:
        """Install a hook. `callback` is a CFUNCTYPE object or a native function address;
        the caller keeps it alive."""
        handle = c_size_t()
        fn = callback if isinstance(callback, int) else ctypes.cast(callback, c_void_p)
        check(raw.uc_hook_add(self.handle, byref(handle), kind, fn, user_data, begin, end,
                              *extra), f"hook {kind}")
        return handle.value

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            raw.uc_close(self.handle)


class CpuContext:
    """A saved register file (uc_context): fork copies one, exec starts from one.

    `view` exposes the saved CPUX86State bytes so a caller can read general
    registers without a Unicorn call. The state starts at DATA_OFFSET inside
    the context; each general register is 8 bytes (the target is built 64-bit).
    """
    __slots__ = ("ptr", "size", "view", "__weakref__")
    DATA_OFFSET = 40          # header of struct uc_context, measured (see tests)
    REG_EAX, REG_ECX, REG_EDX, REG_EBX, REG_ESP, REG_EBP, REG_ESI, REG_EDI = range(8)
    # CPUX86State.old_exception: left set after a fault handled by a hook, which
    # turns the next fault into #DF and the third into a silent triple fault.
    OLD_EXCEPTION_OFFSET = 5496

    def __init__(self, cpu: Cpu) -> None:
        p = c_void_p()
        check(raw.uc_context_alloc(cpu.handle, byref(p)), "context alloc")
        self.ptr = p.value
        self.size = raw.uc_context_size(cpu.handle)
        buf = (ctypes.c_char * (self.DATA_OFFSET + self.size)).from_address(self.ptr)
        self.view = memoryview(buf).cast("B")

    def save(self, cpu: Cpu) -> None:
        cpu.flush_results()
        check(raw.uc_context_save(cpu.handle, self.ptr), "context save")

    def restore(self, cpu: Cpu) -> None:
        check(raw.uc_context_restore(cpu.handle, self.ptr), "context restore")

    def gpr(self, index: int) -> int:
        off = self.DATA_OFFSET + 8 * index
        return int.from_bytes(self.view[off:off + 4], "little")

    def free(self) -> None:
        if self.ptr:
            self.view.release()
            raw.uc_context_free(self.ptr)
            self.ptr = 0

    def __del__(self):
        self.free()


def clear_pending_exception(cpu: Cpu, scratch: CpuContext) -> None:
    """Reset CPUX86State.old_exception after a fault handled by the kernel.

    Unicorn never runs QEMU's exception delivery, so old_exception stays set
    and the next fault would be reported as a double fault (#DF) and the one
    after as a silent triple fault. Needed whenever a process survives a
    fault (a caught SIGSEGV/SIGFPE); ~2-3 us.
    """
    scratch.save(cpu)
    off = CpuContext.DATA_OFFSET + CpuContext.OLD_EXCEPTION_OFFSET
    scratch.view[off:off + 4] = (-1).to_bytes(4, "little", signed=True)
    scratch.restore(cpu)
