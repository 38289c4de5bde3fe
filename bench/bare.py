"""Baselines: the same guest ELF on a bare Unicorn, with no kernel at all.

A bare CPU gets the ELF's segments and a stack laid out exactly as the
kernel does it (same loader), the same ring-3 context, and only the hooks a
baseline needs. What remains is Unicorn's own cost.
"""
import ctypes
from ctypes import byref, c_int, c_uint32, c_void_p

from emu.boot import DEFAULT_ENV
from emu.kernel.addrspace import AddressSpace, MemoryBudget
from emu.kernel.elfload import build_stack, load_image, parse_elf
from emu.kernel.kernel import UNTIL
from emu.machine import unicorn_lib as raw
from emu.machine.cpu import Cpu
from emu.machine.hostmem import HostMemoryPool
from emu.machine.ring3 import Ring3Template
from emu.machine.unicorn_lib import HOOK_INTR, UC, X86


class BareProcess:
    """The ELF loaded as the kernel would, with the same argv and environment,
    so that even the stack's alignment matches the full-system run."""

    def __init__(self, template: Ring3Template, elf: bytes, argv: list[str]) -> None:
        self.cpu = Cpu()
        self.mem = AddressSpace(HostMemoryPool(), MemoryBudget(1 << 30))
        image = parse_elf(elf)
        load_image(self.mem, image)
        env = [f"{k}={v}".encode() for k, v in DEFAULT_ENV.items()]
        esp = build_stack(self.mem, [a.encode() for a in argv], env)
        template.start(self.cpu)
        self.mem.attach(self.cpu)
        self.cpu.set_reg(X86.UC_X86_REG_ESP, esp)
        self.entry = image.entry

    def close(self) -> None:
        self.cpu.close()
        self.mem.release()


class TrapFloor:
    """An int 0x21 hook that reads the arguments (eax, ebx, ecx) and writes EAX,
    and stops after a given number of traps: the cheapest possible system call."""

    def __init__(self, stop_after: int) -> None:
        self.left = stop_after
        self._ids = (c_int * 3)(X86.UC_X86_REG_EAX, X86.UC_X86_REG_EBX, X86.UC_X86_REG_ECX)
        self._vals = (c_uint32 * 3)()
        base = ctypes.addressof(self._vals)
        self._ptrs = (c_void_p * 3)(base, base + 4, base + 8)
        self._zero = ctypes.c_int32(0)
        self._zero_ref = byref(self._zero)
        self.hook = HOOK_INTR(self._on_trap)

    def _on_trap(self, uc, intno, _):
        raw.uc_reg_read_batch(uc, self._ids, self._ptrs, 3)
        raw.uc_reg_write(uc, X86.UC_X86_REG_EAX, self._zero_ref)
        self.left -= 1
        if self.left <= 0:
            raw.uc_emu_stop(uc)


def run_bare(template: Ring3Template, elf: bytes, argv: list[str], traps: int,
             extra_hooks=()) -> None:
    """Run until `traps` int 0x21 have been taken (the last one is the exit)."""
    proc = BareProcess(template, elf, argv)
    try:
        floor = TrapFloor(traps)
        proc.cpu.add_hook(UC.UC_HOOK_INTR, floor.hook)
        for kind, fn, data in extra_hooks:
            proc.cpu.add_hook(kind, fn, data)
        err = proc.cpu.run(proc.entry, UNTIL)
        if err or floor.left > 0:
            raise RuntimeError(f"bare run stopped early (error {err}, {floor.left} traps left)")
    finally:
        proc.close()
