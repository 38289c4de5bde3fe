"""Running the firmware: real i386 code at CPL 0 on its own CPU, before the kernel.

The firmware ELF is loaded into 2 MiB of RAM at address 0. Its IN/OUT
instructions reach the port bus; its `rep insw`/`rep outsw` instructions
(found with capstone when it is loaded) move a whole block through the
bus's string path (PortBus.read_words/write_words: one call and one `dev`
event) instead of one Python call per word. The run ends when the firmware
hands over with a SYS_BOOT kernel call (int 0x20); anything else (a halt, a
fault, running too long) is a FirmwareError with one clear line.
"""
import io

from capstone import CS_ARCH_X86, CS_MODE_32, Cs
from elftools.elf.constants import P_FLAGS
from elftools.elf.elffile import ELFFile

from emu.abi import bootparams
from emu.abi.com import KernelCall
from emu.abi.ipc import KERNEL_CALL_VECTOR
from emu.abi.message import MESSAGE_SIZE, Message
from emu.machine.cpu import PROT_ALL, Cpu
from emu.machine.hostmem import HostBuffer
from emu.machine.unicorn_lib import (HOOK_CODE, HOOK_INSN_IN, HOOK_INSN_OUT, HOOK_INTR, UC,
                                     X86)

RAM_SIZE = 2 << 20
STEP_LIMIT_BLOCKS = 50_000_000    # a firmware that runs longer than this is stuck
UNTIL = 0xFFFFFFF0
_DF = 1 << 10


class FirmwareError(Exception):
    pass


class FirmwareRunner:
    def __init__(self, machine, slicer, trace, ns_per_block: int) -> None:
        self.machine = machine
        self.slicer = slicer
        self.trace = trace
        self.ns_per_block = ns_per_block
        self._boot_message: Message | None = None
        self._error: BaseException | None = None

    def run(self, elf_bytes: bytes) -> bootparams.BootParams:
        cpu = Cpu()
        ram = HostBuffer(RAM_SIZE)
        try:
            entry, text_ranges = self._load(ram, elf_bytes)
            cpu.map_host(0, RAM_SIZE, PROT_ALL, ram.address)
            hooks = self._install(cpu, ram, text_ranges)
            self.slicer.install(cpu)
            self.slicer.arm(STEP_LIMIT_BLOCKS)
            if self.trace.boot:
                self.trace.emit("boot", "firmware", entry=entry)
            err = cpu.run(entry, UNTIL)
            self.machine.clock.advance(self.slicer.collect() * self.ns_per_block)
            self.machine.console.flush()
            del hooks
            if self._error is not None:
                raise self._error
            if self._boot_message is None:
                if err:
                    raise FirmwareError(f"firmware crashed at {cpu.eip:#x} (unicorn error {err})")
                if self.slicer.expired:
                    raise FirmwareError("firmware did not hand over to the kernel")
                raise FirmwareError(f"firmware halted at {cpu.eip:#x} without booting")
            return self._boot_params(ram)
        finally:
            cpu.close()
            ram.release()

    def _load(self, ram: HostBuffer, elf_bytes: bytes):
        elf = ELFFile(io.BytesIO(elf_bytes))
        text_ranges = []
        for seg in elf.iter_segments():
            if seg["p_type"] != "PT_LOAD":
                continue
            start, data = seg["p_paddr"], seg.data()
            if start + seg["p_memsz"] > RAM_SIZE:
                raise FirmwareError("firmware image does not fit in low memory")
            ram.view[start:start + len(data)] = data
            if seg["p_flags"] & P_FLAGS.PF_X:
                text_ranges.append((start, data))
        return elf["e_entry"], text_ranges

    def _install(self, cpu: Cpu, ram: HostBuffer, text_ranges) -> list:
        bus = self.machine.bus
        def on_in(uc, port, size, _):
            return bus.read(port, size)

        def on_out(uc, port, size, value, _):
            bus.write(port, size, value)

        def on_interrupt(uc, intno, _):
            try:
                if intno == KERNEL_CALL_VECTOR:
                    addr = cpu.reg(X86.UC_X86_REG_EAX)
                    m = Message(bytes(ram.view[addr:addr + MESSAGE_SIZE]))
                    if m.m_type == KernelCall.SYS_BOOT:
                        self._boot_message = m
                else:
                    self._error = FirmwareError(
                        f"firmware took exception {intno} at {cpu.reg(X86.UC_X86_REG_EIP):#x}")
            except BaseException as e:  # noqa: BLE001
                self._error = e
            cpu.stop()

        def on_block_io(uc, address, size, _):
            # At a `rep insw`/`rep outsw`: do the whole transfer at once, leave ECX 0.
            try:
                count = cpu.reg(X86.UC_X86_REG_ECX)
                port = cpu.reg(X86.UC_X86_REG_EDX) & 0xFFFF
                if not count or cpu.reg(X86.UC_X86_REG_EFLAGS) & _DF:
                    return
                if address in inputs:
                    edi = cpu.reg(X86.UC_X86_REG_EDI)
                    if edi + 2 * count > RAM_SIZE:
                        return                # let the CPU fault on it
                    data = bus.read_words(port, count)
                    ram.view[edi:edi + len(data)] = data
                    cpu.set_reg(X86.UC_X86_REG_EDI, edi + len(data))
                    cpu.set_reg(X86.UC_X86_REG_ECX, 0)
                elif address in outputs:
                    esi = cpu.reg(X86.UC_X86_REG_ESI)
                    if esi + 2 * count > RAM_SIZE:
                        return
                    bus.write_words(port, bytes(ram.view[esi:esi + 2 * count]))
                    cpu.set_reg(X86.UC_X86_REG_ESI, esi + 2 * count)
                    cpu.set_reg(X86.UC_X86_REG_ECX, 0)
            except BaseException as e:  # noqa: BLE001
                self._error = e
                cpu.stop()

        hooks = [HOOK_INSN_IN(on_in), HOOK_INSN_OUT(on_out), HOOK_INTR(on_interrupt),
                 HOOK_CODE(on_block_io)]
        cpu.add_hook(UC.UC_HOOK_INSN, hooks[0], None, 1, 0, X86.UC_X86_INS_IN)
        cpu.add_hook(UC.UC_HOOK_INSN, hooks[1], None, 1, 0, X86.UC_X86_INS_OUT)
        cpu.add_hook(UC.UC_HOOK_INTR, hooks[2])
        inputs, outputs = set(), set()
        md = Cs(CS_ARCH_X86, CS_MODE_32)
        for start, code in text_ranges:
            for insn in md.disasm(code, start):
                text = f"{insn.mnemonic} {insn.op_str}".strip()
                if insn.mnemonic.startswith("rep") and "insw" in text:
                    inputs.add(insn.address)
                elif insn.mnemonic.startswith("rep") and "outsw" in text:
                    outputs.add(insn.address)
        for address in sorted(inputs | outputs):
            cpu.add_hook(UC.UC_HOOK_CODE, hooks[3], None, address, address)
        return hooks

    def _boot_params(self, ram: HostBuffer) -> bootparams.BootParams:
        m = self._boot_message
        addr, size = m.m1_p1, m.m1_i1
        if size != bootparams.SIZE or not 0 < addr < RAM_SIZE - size:
            raise FirmwareError(f"firmware passed a bad boot block ({size} bytes at {addr:#x})")
        try:
            return bootparams.BootParams.unpack(bytes(ram.view[addr:addr + size]))
        except ValueError as e:
            raise FirmwareError(f"firmware passed a bad boot block: {e}") from None


__all__ = ["FirmwareRunner", "FirmwareError"]
