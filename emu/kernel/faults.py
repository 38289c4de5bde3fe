"""What a CPU fault means for the process: which signal, and a one-line reason.

Faults arrive two ways: as an interrupt number in the INTR hook (divide
error, #GP from cli/hlt at CPL 3, int3, ...) or as Unicorn's error code when
emu_start returns (unmapped or protected memory, invalid instruction).
"""
from dataclasses import dataclass

from emu.abi.signals import Signal
from emu.machine.unicorn_lib import UC

# CPU exception vector -> (signal, description)
EXCEPTIONS = {
    0: (Signal.SIGFPE, "divide error"),
    1: (Signal.SIGTRAP, "debug exception"),
    3: (Signal.SIGTRAP, "breakpoint"),
    4: (Signal.SIGSEGV, "overflow (into)"),
    5: (Signal.SIGSEGV, "bound range exceeded"),
    6: (Signal.SIGILL, "invalid opcode"),
    7: (Signal.SIGFPE, "coprocessor not available"),
    8: (Signal.SIGSEGV, "double fault"),
    10: (Signal.SIGSEGV, "invalid TSS"),
    11: (Signal.SIGSEGV, "segment not present"),
    12: (Signal.SIGSEGV, "stack-segment fault"),
    13: (Signal.SIGSEGV, "general protection fault (privileged instruction?)"),
    14: (Signal.SIGSEGV, "page fault"),
    16: (Signal.SIGFPE, "x87 floating-point error"),
    17: (Signal.SIGSEGV, "alignment check"),
    19: (Signal.SIGFPE, "SIMD floating-point exception"),
}

_ACCESS = {
    UC.UC_MEM_READ_UNMAPPED: "read of unmapped address",
    UC.UC_MEM_WRITE_UNMAPPED: "write to unmapped address",
    UC.UC_MEM_FETCH_UNMAPPED: "jump to unmapped address",
    UC.UC_MEM_WRITE_PROT: "write to read-only address",
    UC.UC_MEM_READ_PROT: "read of protected address",
    UC.UC_MEM_FETCH_PROT: "jump to non-executable address",
}

_ERRORS = {
    UC.UC_ERR_READ_UNMAPPED: (Signal.SIGSEGV, "read of unmapped memory"),
    UC.UC_ERR_WRITE_UNMAPPED: (Signal.SIGSEGV, "write to unmapped memory"),
    UC.UC_ERR_FETCH_UNMAPPED: (Signal.SIGSEGV, "jump to unmapped memory"),
    UC.UC_ERR_WRITE_PROT: (Signal.SIGSEGV, "write to read-only memory"),
    UC.UC_ERR_READ_PROT: (Signal.SIGSEGV, "read of protected memory"),
    UC.UC_ERR_FETCH_PROT: (Signal.SIGSEGV, "jump to non-executable memory"),
    UC.UC_ERR_INSN_INVALID: (Signal.SIGILL, "invalid instruction"),
    UC.UC_ERR_READ_UNALIGNED: (Signal.SIGSEGV, "unaligned read"),
    UC.UC_ERR_WRITE_UNALIGNED: (Signal.SIGSEGV, "unaligned write"),
    UC.UC_ERR_FETCH_UNALIGNED: (Signal.SIGSEGV, "unaligned fetch"),
}


@dataclass
class Fault:
    signal: int
    reason: str
    eip: int
    address: int | None = None

    def describe(self) -> str:
        where = f" {self.address:#010x}" if self.address is not None else ""
        return f"{self.reason}{where} at eip {self.eip:#010x}"


def fault_from_interrupt(intno: int, eip: int) -> Fault:
    if intno in EXCEPTIONS:
        sig, reason = EXCEPTIONS[intno]
    else:
        # A software interrupt through a gate user code may not use (DPL 0): #GP.
        sig, reason = Signal.SIGSEGV, f"int {intno:#x} is not a system call vector"
    return Fault(sig, reason, eip)


def fault_from_error(err: int, eip: int, access: tuple[int, int] | None) -> Fault:
    """A fault from emu_start's error code; `access` is (type, address) if a
    memory hook saw the bad access."""
    if access is not None and access[0] in _ACCESS and err in _ERRORS and err != UC.UC_ERR_INSN_INVALID:
        return Fault(Signal.SIGSEGV, _ACCESS[access[0]], eip, access[1])
    sig, reason = _ERRORS.get(err, (Signal.SIGSEGV, f"emulation error {err}"))
    return Fault(sig, reason, eip)
