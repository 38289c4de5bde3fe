"""Preemption by a deterministic budget of executed basic blocks.

A native block hook (native/slicer.c, built with zig on first use) counts
blocks and calls uc_emu_stop synchronously when the slice is used up: about
5% of guest speed, against 2-3x for `emu_start(count=)`. If the native hook
cannot be built, the same logic runs as a Python hook: exact, but slow.
Never a timeout or a stop from another thread (reference/unicorn-facts.md).
"""
import ctypes
from ctypes import c_int, c_int32, c_int64, c_size_t, c_uint64, c_void_p
from pathlib import Path

from emu.machine.unicorn_lib import HOOK_CODE, UC, UC_EMU_STOP_ADDRESS, X86, lib as uclib

_NO_COUNT = c_size_t(0)   # emu_start's instruction count: never one (Cpu.run)


class SliceBudget(ctypes.Structure):
    _fields_ = [("remaining", c_int64), ("executed", c_int64), ("stop", c_void_p),
                ("reg_read", c_void_p), ("emu_start", c_void_p), ("eip_id", c_int32),
                ("reg_write_batch", c_void_p), ("result_ids", c_int32 * 2)]


class Slicer:
    def __init__(self, native_library: Path | None) -> None:
        self.budget = SliceBudget(0, 0, UC_EMU_STOP_ADDRESS,
                                  ctypes.cast(uclib.uc_reg_read, c_void_p).value,
                                  ctypes.cast(uclib.uc_emu_start, c_void_p).value,
                                  X86.UC_X86_REG_EIP,
                                  ctypes.cast(uclib.uc_reg_write_batch, c_void_p).value,
                                  (c_int32 * 2)(X86.UC_X86_REG_EAX, X86.UC_X86_REG_EBX))
        self._user_data = ctypes.addressof(self.budget)
        self._budget_ref = c_void_p(self._user_data)
        # remaining and executed as a memoryview of int64: ~40 ns an access
        # from the trap path, against ~80 ns through the ctypes fields.
        self.counters = memoryview(self.budget).cast("B").cast("q")
        self.native = native_library is not None
        if self.native:
            self._lib = ctypes.CDLL(str(native_library))
            self._hook = ctypes.cast(self._lib.slicer_block_hook, c_void_p).value
            # Unchecked (no argtypes): every argument a ctypes object, ~0.5 us a call.
            self._run = ctypes.CFUNCTYPE(c_int)(
                ctypes.cast(self._lib.slicer_run, c_void_p).value)
        else:
            self._hook = HOOK_CODE(self._python_block_hook)
            self._run = None

    def run(self, cpu, until: int) -> int:
        """Run `cpu` from its EIP until `until`, the budget or a stop; Unicorn's
        error code. The context-switch path (bench/: IPC round trip). Never an
        instruction count (Cpu.run says why)."""
        if self._run is None:
            return cpu.run(cpu.eip, until)     # cpu.eip writes pending results first
        return self._run(cpu.c_handle, self._budget_ref, c_uint64(until), _NO_COUNT,
                         cpu.pending_ref)

    def _python_block_hook(self, uc, address, size, user_data) -> None:
        b = self.budget
        b.executed += 1
        b.remaining -= 1
        if b.remaining <= 0:
            uclib.uc_emu_stop(uc)

    def install(self, cpu) -> None:
        cpu.add_hook(UC.UC_HOOK_BLOCK, self._hook, self._user_data)

    def charge(self, blocks: int) -> bool:
        """Count work done outside guest code (a trap, a server request) as
        `blocks` executed blocks; True when that used up the slice."""
        counters = self.counters
        counters[1] += blocks
        counters[0] -= blocks
        return counters[0] <= 0

    def arm(self, blocks: int) -> None:
        counters = self.counters
        counters[0] = blocks if blocks > 1 else 1
        counters[1] = 0

    def collect(self) -> int:
        """Blocks executed since `arm`, and start counting from zero again."""
        counters = self.counters
        executed = counters[1]
        counters[1] = 0
        return executed

    @property
    def expired(self) -> bool:
        return self.budget.remaining <= 0
