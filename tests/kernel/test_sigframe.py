"""Signal frames on a bare CPU: what push writes, what restore loads back."""
import ctypes
import struct

import pytest

from emu.abi.sigcontext import SIGCONTEXT, SIGCONTEXT_OFFSETS, SIGFRAME_HEAD, SIGFRAME_SIZE
from emu.kernel.addrspace import STACK_LIMIT, STACK_TOP, AddressSpace, MemoryBudget
from emu.kernel.sigframe import FrameError, SignalFrames, backed_over_trap
from emu.machine.cpu import Cpu
from emu.machine.hostmem import HostMemoryPool
from emu.machine.unicorn_lib import X86


class FakeProc:
    def __init__(self):
        self.cpu = Cpu()
        self.mem = AddressSpace(HostMemoryPool(), MemoryBudget(64 << 20))
        self.mem.attach(self.cpu)
        self.mem.setup_stack()

    def close(self):
        self.mem.release()
        self.cpu.close()


@pytest.fixture
def proc():
    p = FakeProc()
    yield p
    p.close()


def _set(cpu, **regs):
    for name, value in regs.items():
        cpu.set_reg(getattr(X86, f"UC_X86_REG_{name.upper()}"), value)


def test_push_saves_the_context_and_enters_the_handler(proc):
    cpu = proc.cpu
    _set(cpu, eax=1, ecx=2, edx=3, ebx=4, ebp=6, esi=7, edi=8, esp=0xBFFFF123, eip=0x8048100,
         fpcw=0x0F7F, mxcsr=0x7F80)
    xmm5 = bytes(range(16))
    cpu.set_reg_struct(X86.UC_X86_REG_XMM5, (ctypes.c_uint8 * 16)(*xmm5))
    frames = SignalFrames()
    frame = frames.push(proc, 10, 0x8049000, 0x804A000, 0x1234)
    assert (frame + 4) % 16 == 0 and frame + SIGFRAME_SIZE <= 0xBFFFF123
    assert cpu.reg(X86.UC_X86_REG_ESP) == frame and cpu.eip == 0x8049000
    assert cpu.reg(X86.UC_X86_REG_FPCW) == 0x037F and cpu.reg(X86.UC_X86_REG_MXCSR) == 0x1F80
    head = SIGFRAME_HEAD.unpack(proc.mem.read(frame, SIGFRAME_HEAD.size))
    assert head == (0x804A000, 10, 0, frame + SIGFRAME_HEAD.size)
    sc = SIGCONTEXT.unpack(proc.mem.read(head[3], SIGCONTEXT.size))
    assert sc[1:11] == (0x1234, 1, 2, 3, 4, 0xBFFFF123, 6, 7, 8, 0x8048100)
    assert sc[12] == 0x0F7F and sc[16] == 0x7F80
    assert sc[19][5 * 16:6 * 16] == xmm5


def test_restore_loads_everything_but_privileged_flags(proc):
    cpu = proc.cpu
    _set(cpu, esp=0xBFFFF000, eip=0x8048100, eax=0x55)
    frames = SignalFrames()
    frame = frames.push(proc, 10, 0x8049000, 0x804A000, 0)
    scp = frame + SIGFRAME_HEAD.size
    _set(cpu, eax=0, esp=0x1000)                    # the handler's own state
    eflags_at = scp + SIGCONTEXT_OFFSETS["sc_eflags"]
    proc.mem.write(eflags_at, struct.pack("<I", 0x3000 | 0x100 | 0x400 | 0x1))  # IOPL TF DF CF
    eip = frames.restore(proc, scp)
    assert eip == 0x8048100 == cpu.eip
    assert cpu.reg(X86.UC_X86_REG_EAX) == 0x55 and cpu.reg(X86.UC_X86_REG_ESP) == 0xBFFFF000
    assert (cpu.reg(X86.UC_X86_REG_EFLAGS) & 0x3301) == 0x0201   # CF kept, IF on, no IOPL, TF
    assert cpu.reg(X86.UC_X86_REG_EFLAGS) & 0x400              # DF is the user's


def test_frame_grows_the_stack_and_fails_past_its_limit(proc):
    frames = SignalFrames()
    _set(proc.cpu, esp=proc.mem.stack_low + 100)
    frames.push(proc, 10, 0x8049000, 0x804A000, 0)     # below the mapped stack: grown
    _set(proc.cpu, esp=STACK_TOP - STACK_LIMIT + 100)
    with pytest.raises(FrameError):
        frames.push(proc, 10, 0x8049000, 0x804A000, 0)


def test_backing_over_the_trap_needs_an_int_0x21(proc):
    proc.mem.write(0xBFFFF000, b"\x90\xcd\x21\x90")
    _set(proc.cpu, eip=0xBFFFF003)
    assert backed_over_trap(proc) and proc.cpu.eip == 0xBFFFF001
    assert not backed_over_trap(proc) and proc.cpu.eip == 0xBFFFF001
