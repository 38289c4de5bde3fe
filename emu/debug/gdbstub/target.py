"""The i386 target gdb sees: its description XML and the register file.

The description is gdb's org.gnu.gdb.i386.core feature (gdb refuses an i386
description without the x87 registers, which read as zero here: the guest
ABI has no floating-point state to show). The g packet is these registers in
this order, little-endian.
"""
from emu.machine.unicorn_lib import X86

GENERAL = ("eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "eip", "eflags",
           "cs", "ss", "ds", "es", "fs", "gs")
_IDS = [getattr(X86, f"UC_X86_REG_{name.upper()}") for name in GENERAL]
EIP = GENERAL.index("eip")
# Registers gdb may write; segment registers stay as the ring-3 template set them.
WRITABLE = set(range(10))
X87_EXT = tuple(f"st{i}" for i in range(8))
X87_CONTROL = ("fctrl", "fstat", "ftag", "fiseg", "fioff", "foseg", "fooff", "fop")
NUM_REGS = len(GENERAL) + len(X87_EXT) + len(X87_CONTROL)


def _reg_xml(name: str, bits: int, typ: str, group: str = "") -> str:
    g = f' group="{group}"' if group else ""
    return f'  <reg name="{name}" bitsize="{bits}" type="{typ}"{g}/>\n'


def target_xml() -> bytes:
    types = {"esp": "data_ptr", "ebp": "data_ptr", "eip": "code_ptr"}
    regs = "".join(_reg_xml(n, 32, types.get(n, "int32")) for n in GENERAL)
    regs += "".join(_reg_xml(n, 80, "i387_ext") for n in X87_EXT)
    regs += "".join(_reg_xml(n, 32, "int", "float") for n in X87_CONTROL)
    return ('<?xml version="1.0"?>\n<!DOCTYPE target SYSTEM "gdb-target.dtd">\n'
            '<target version="1.0">\n<architecture>i386</architecture>\n'
            '<feature name="org.gnu.gdb.i386.core">\n' + regs + '</feature>\n</target>\n').encode()


def set_eip(cpu, value: int) -> None:
    cpu.set_reg(_IDS[EIP], value)


def reg_size(n: int) -> int:
    return 10 if len(GENERAL) <= n < len(GENERAL) + len(X87_EXT) else 4


def read_reg(cpu, n: int) -> bytes:
    if n < len(GENERAL):
        return (cpu.reg(_IDS[n]) & 0xFFFFFFFF).to_bytes(4, "little")
    return bytes(reg_size(n))


def read_all(cpu) -> bytes:
    return b"".join(read_reg(cpu, n) for n in range(NUM_REGS))


def write_reg(cpu, n: int, value: bytes) -> None:
    if n in WRITABLE and len(value) >= 4:
        cpu.set_reg(_IDS[n], int.from_bytes(value[:4], "little"))


def write_all(cpu, data: bytes) -> None:
    for n in WRITABLE:
        write_reg(cpu, n, data[4 * n:4 * n + 4])
