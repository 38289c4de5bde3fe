"""Protected mode for user code: the GDT page and the CPL-3 starting context.

User processes run at CPL 3 so that privileged instructions (cli, hlt,
mov cr) fault instead of stopping the emulator. Unicorn cannot be told
"start at CPL 3", so we enter ring 3 once the honest way, with an `iret`
from a ring-0 stub in a scratch CPU, capture that context, and clone it into
every new process (reference/unicorn-facts.md, "CPU mode").
"""
import ctypes
import struct

from emu.abi.ipc import IPC_VECTOR
from emu.machine.cpu import PROT_EXEC, PROT_READ, PROT_WRITE, Cpu, CpuContext
from emu.machine.hostmem import PAGE_SIZE, HostBuffer
from emu.machine.unicorn_lib import UC, X86, HOOK_INTR

GDT_BASE = 0xFFFFF000          # the top page of the address space, read-only
KERNEL_CS, KERNEL_DS = 0x08, 0x10
USER_CS, USER_DS = 0x1B, 0x23  # GDT entries 3 and 4 with RPL 3

CR0_PE, CR0_MP, CR0_NE = 1 << 0, 1 << 1, 1 << 5
CR4_OSFXSR, CR4_OSXMMEXCPT = 1 << 9, 1 << 10


class _Mmr(ctypes.Structure):
    """uc_x86_mmr: a descriptor-table register."""
    _fields_ = [("selector", ctypes.c_uint16), ("base", ctypes.c_uint64),
                ("limit", ctypes.c_uint32), ("flags", ctypes.c_uint32)]


def _descriptor(access: int) -> bytes:
    """A flat 4 GiB segment (base 0, limit 0xFFFFF pages, 32-bit, granular)."""
    limit, base, flags = 0xFFFFF, 0, 0xC
    low = (limit & 0xFFFF) | ((base & 0xFFFF) << 16)
    high = ((base >> 16) & 0xFF) | (access << 8) | (((limit >> 16) & 0xF) << 16) \
        | (flags << 20) | (base & 0xFF000000)
    return struct.pack("<II", low, high)


# The accessed bit is preset in every descriptor: the CPU would otherwise try
# to set it in a read-only page when loading a selector.
GDT = (bytes(8) + _descriptor(0x9B) + _descriptor(0x93)    # ring 0 code, data
       + _descriptor(0xFB) + _descriptor(0xF3))            # ring 3 code, data

_STUB_ADDR = 0x1000
_STUB_STACK = 0x1800
_USER_ENTRY = 0x1100


def _iret_stub() -> bytes:
    """Ring-0 code: push an iret frame for ring 3 and iret into `int 0x21`."""
    return (bytes([0x6A, USER_DS]) + b"\x68" + struct.pack("<I", _STUB_STACK + 0x400)
            + b"\x68" + struct.pack("<I", 0x202)              # EFLAGS: IF
            + bytes([0x6A, USER_CS]) + b"\x68" + struct.pack("<I", _USER_ENTRY)
            + b"\xCF")                                       # iret


class Ring3Template:
    """The GDT page (shared by every CPU) and the captured ring-3 context."""

    def __init__(self) -> None:
        self.gdt_page = HostBuffer(PAGE_SIZE)
        self.gdt_page.view[:len(GDT)] = GDT
        self.context = self._capture()

    def _capture(self) -> CpuContext:
        cpu = Cpu()
        code = HostBuffer(PAGE_SIZE)
        try:
            self.map_gdt(cpu)
            stub = _iret_stub()
            base = _STUB_ADDR
            code.view[0:len(stub)] = stub
            code.view[_USER_ENTRY - base:_USER_ENTRY - base + 2] = b"\xCD\x21"  # int 0x21
            cpu.map_host(base, PAGE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC, code.address)
            cpu.set_reg_struct(X86.UC_X86_REG_GDTR, _Mmr(0, GDT_BASE, len(GDT) - 1, 0))
            cpu.set_reg(X86.UC_X86_REG_CR0, CR0_PE | CR0_MP | CR0_NE)
            cpu.set_reg(X86.UC_X86_REG_CR4, CR4_OSFXSR | CR4_OSXMMEXCPT)
            for reg in (X86.UC_X86_REG_SS, X86.UC_X86_REG_DS, X86.UC_X86_REG_ES,
                        X86.UC_X86_REG_FS, X86.UC_X86_REG_GS):
                cpu.set_reg(reg, KERNEL_DS)
            cpu.set_reg(X86.UC_X86_REG_ESP, _STUB_STACK)
            context = CpuContext(cpu)
            trapped = []

            def on_int(uc, intno, _):
                if intno == IPC_VECTOR and not trapped:
                    context.save(cpu)
                    trapped.append(intno)
                cpu.stop()

            hook = HOOK_INTR(on_int)
            cpu.add_hook(UC.UC_HOOK_INTR, hook)
            err = cpu.run(base, GDT_BASE)
            if err or not trapped:
                raise RuntimeError(f"could not enter ring 3 (unicorn error {err})")
            return self._with_user_data_segments(cpu, context)
        finally:
            cpu.close()
            code.release()

    @staticmethod
    def _with_user_data_segments(cpu: Cpu, context: CpuContext) -> CpuContext:
        # Ring 3 must not keep ring-0 data selectors: load the user data
        # selector into DS/ES/FS/GS, then save the final context.
        context.restore(cpu)
        for reg in (X86.UC_X86_REG_DS, X86.UC_X86_REG_ES, X86.UC_X86_REG_FS,
                    X86.UC_X86_REG_GS):
            cpu.set_reg(reg, USER_DS)
        for reg in (X86.UC_X86_REG_EAX, X86.UC_X86_REG_EBX, X86.UC_X86_REG_ECX,
                    X86.UC_X86_REG_EDX, X86.UC_X86_REG_ESI, X86.UC_X86_REG_EDI,
                    X86.UC_X86_REG_EBP, X86.UC_X86_REG_ESP):
            cpu.set_reg(reg, 0)
        context.save(cpu)
        if cpu.reg(X86.UC_X86_REG_CS) != USER_CS:
            raise RuntimeError("template context is not at CPL 3")
        return context

    def map_gdt(self, cpu: Cpu) -> None:
        cpu.map_host(GDT_BASE, PAGE_SIZE, PROT_READ, self.gdt_page.address)

    def start(self, cpu: Cpu) -> None:
        """Make a fresh CPU ready to run user code: GDT mapped, CPL 3, registers zero."""
        self.map_gdt(cpu)
        self.context.restore(cpu)
