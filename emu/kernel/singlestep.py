"""A debugger's single step: one guest instruction, by EFLAGS.TF as hardware does it.

With TF set QEMU translates every instruction as a block of its own and raises
#DB (vector 1) after it; those blocks are cached under their own flags, so a
step neither drops the CPU's translation cache (emu_start(count=1) does,
reference/unicorn-facts.md item 4) nor runs on through a block translated
before. What the kernel must know about the instruction is here.
"""
from emu.kernel.addrspace import AddressSpace, MemoryFault

TRAP_FLAG = 0x100          # EFLAGS.TF
DEBUG_VECTOR = 1           # #DB, raised after the stepped instruction
MAX_INSTRUCTION = 15       # the longest i386 instruction, in bytes

PREFIXES = frozenset((0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65, 0x66, 0x67, 0xF0, 0xF2, 0xF3))
# int3, int n, into, int1: they end their block by themselves (an exception),
# and the trap handlers behind them (system calls, signal frames, fork) must
# never see TF in EFLAGS, so these run without it.
RAISES = frozenset((0xCC, 0xCD, 0xCE, 0xF1))
PUSHF = 0x9C


def instruction_bytes(mem: AddressSpace, eip: int) -> bytes:
    """Up to 15 bytes at eip, fewer where the mapping ends (none: a fault to come)."""
    try:
        return mem.read(eip, MAX_INSTRUCTION)
    except MemoryFault:
        out = b""
        for a in range(eip, eip + MAX_INSTRUCTION):
            try:
                out += mem.read(a, 1)
            except MemoryFault:
                break
        return out


def opcode(code: bytes) -> int | None:
    """The first opcode byte after the prefixes, or None if there is none."""
    for b in code:
        if b not in PREFIXES:
            return b
    return None


def needs_trap_flag(code: bytes) -> bool:
    """Step with TF set, or let the instruction end its block by itself?"""
    op = opcode(code)
    return op is not None and op not in RAISES


def pushes_flags(code: bytes) -> bool:
    """pushf(d) under TF stores the TF bit: the kernel takes it back out."""
    return opcode(code) == PUSHF
