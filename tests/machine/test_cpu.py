"""The CPU layer: CPL 3 user mode, saved contexts, and Unicorn's fault quirk."""
import struct

from emu.machine.cpu import PROT_ALL, Cpu, CpuContext, clear_pending_exception
from emu.machine.hostmem import PAGE_SIZE, HostBuffer, HostMemoryPool
from emu.machine.ring3 import GDT_BASE, USER_CS, USER_DS, Ring3Template
from emu.machine.slicer import Slicer
from emu.machine.unicorn_lib import HOOK_INTR, UC, X86

CODE = 0x10000


def _cpu_with(code: bytes, template: Ring3Template):
    cpu = Cpu()
    template.start(cpu)
    page = HostBuffer(PAGE_SIZE)
    page.view[:len(code)] = code
    cpu.map_host(CODE, PAGE_SIZE, PROT_ALL, page.address)
    cpu.set_reg(X86.UC_X86_REG_ESP, CODE + PAGE_SIZE - 16)
    return cpu, page


def test_user_code_runs_at_cpl3():
    t = Ring3Template()
    cpu, page = _cpu_with(b"\xfa", t)   # cli
    seen = []

    def on_int(uc, intno, _):
        seen.append((intno, cpu.eip))
        cpu.stop()
    hook = HOOK_INTR(on_int)
    cpu.add_hook(UC.UC_HOOK_INTR, hook)
    assert cpu.reg(X86.UC_X86_REG_CS) == USER_CS and cpu.reg(X86.UC_X86_REG_SS) == USER_DS
    assert cpu.run(CODE, GDT_BASE) == 0
    assert seen == [(13, CODE)]     # #GP at the cli, not the emulator stopping
    cpu.close()
    page.release()


def test_context_data_offset_and_registers():
    t = Ring3Template()
    cpu, page = _cpu_with(b"\x90", t)
    cpu.set_reg(X86.UC_X86_REG_EAX, 0x11223344)
    cpu.set_reg(X86.UC_X86_REG_EBX, 0x55667788)
    ctx = CpuContext(cpu)
    ctx.save(cpu)
    assert ctx.gpr(CpuContext.REG_EAX) == 0x11223344
    assert ctx.gpr(CpuContext.REG_EBX) == 0x55667788
    other = Cpu()
    t.map_gdt(other)
    ctx.restore(other)
    assert other.reg(X86.UC_X86_REG_EBX) == 0x55667788 and other.reg(X86.UC_X86_REG_CS) == USER_CS
    ctx.free()
    cpu.close()
    other.close()
    page.release()


def _two_divide_errors(reset: bool) -> list[int]:
    # xor ecx,ecx; div ecx; div ecx; int 0x21
    code = b"\x31\xc9" + b"\xf7\xf1" + b"\xf7\xf1" + b"\xcd\x21"
    t = Ring3Template()
    cpu, page = _cpu_with(code, t)
    scratch = CpuContext(cpu)
    seen = []

    def on_int(uc, intno, _):
        seen.append(intno)
        if intno == 0x21 or len(seen) > 3:
            cpu.stop()
            return
        cpu.set_reg(X86.UC_X86_REG_EIP, cpu.eip + 2)   # skip the faulting div
        if reset:
            clear_pending_exception(cpu, scratch)
    hook = HOOK_INTR(on_int)
    cpu.add_hook(UC.UC_HOOK_INTR, hook)
    cpu.run(CODE, GDT_BASE)
    cpu.close()
    page.release()
    return seen


def test_second_fault_is_a_double_fault_without_the_reset():
    assert _two_divide_errors(reset=False)[:2] == [0, 8]


def test_reset_keeps_faults_what_they_are():
    assert _two_divide_errors(reset=True) == [0, 0, 0x21]


def test_pool_recycles_and_zeroes():
    pool = HostMemoryPool()
    a = pool.take(2 * PAGE_SIZE)
    a.view[:4] = b"abcd"
    address = a.address
    pool.give(a)
    assert pool.pooled_bytes == 2 * PAGE_SIZE
    b = pool.take(2 * PAGE_SIZE)
    assert b.address == address and bytes(b.view[:4]) == bytes(4)
    c = pool.take(2 * PAGE_SIZE, zeroed=False)
    assert c.address != address
    struct.pack_into("<I", c.view, 0, 7)


# mov [CODE+0x800], eax; mov [CODE+0x804], ebx; int 0x21
_STORE_RESULTS = (b"\xa3" + struct.pack("<I", CODE + 0x800) + b"\x89\x1d" + struct.pack("<I", CODE + 0x804)
                  + b"\xcd\x21")


def _results_seen(run) -> tuple[int, int]:
    """EAX and EBX as guest code sees them after set_eax_ebx(1, 2), run by `run`."""
    t = Ring3Template()
    cpu, page = _cpu_with(_STORE_RESULTS, t)
    hook = HOOK_INTR(lambda uc, intno, _: cpu.stop())
    cpu.add_hook(UC.UC_HOOK_INTR, hook)
    cpu.set_reg(X86.UC_X86_REG_EIP, CODE)
    cpu.set_eax_ebx(0x11, 0x22)
    assert run(cpu) == 0
    seen = struct.unpack_from("<II", page.view, 0x800)
    cpu.close()
    page.release()
    return seen


def test_pending_results_reach_the_guest_through_either_slicer(build):
    native, fallback = Slicer(build.slicer()), Slicer(None)
    native.arm(100)
    fallback.arm(100)
    assert _results_seen(lambda cpu: native.run(cpu, GDT_BASE)) == (0x11, 0x22)
    assert _results_seen(lambda cpu: fallback.run(cpu, GDT_BASE)) == (0x11, 0x22)
    assert _results_seen(lambda cpu: cpu.run(CODE, GDT_BASE)) == (0x11, 0x22)


def test_pending_results_are_written_before_any_other_register_access():
    t = Ring3Template()
    cpu, page = _cpu_with(b"\x90", t)
    cpu.set_eax_ebx(5, 6)
    cpu.set_reg(X86.UC_X86_REG_EAX, 7)           # a later write wins
    assert (cpu.reg(X86.UC_X86_REG_EAX), cpu.reg(X86.UC_X86_REG_EBX)) == (7, 6)
    cpu.set_eax_ebx(8, 9)
    ctx = CpuContext(cpu)
    ctx.save(cpu)                                 # fork's copy sees them
    assert (ctx.gpr(CpuContext.REG_EAX), ctx.gpr(CpuContext.REG_EBX)) == (8, 9)
    ctx.free()
    cpu.close()
    page.release()
