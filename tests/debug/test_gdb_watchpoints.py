"""Watchpoints on a real Unicorn CPU, with the native hook and its Python
stand-in: a store next to the watched bytes goes ahead, one to them stops
the CPU before it with nothing written, a load of them stops it too, and
opening the page lets the instruction run (emu/debug/gdbstub/watchpoints.py)."""
from types import SimpleNamespace

import pytest

from emu.debug.gdbstub.watchpoints import Watchpoints
from emu.kernel.addrspace import AddressSpace, MemoryBudget
from emu.machine.cpu import PROT_EXEC, PROT_READ, PROT_WRITE, Cpu
from emu.machine.hostmem import HostMemoryPool
from emu.machine.unicorn_lib import UC, X86

TEXT, DATA = 0x08048000, 0x08049000
NEIGHBOUR, WATCHED = DATA + 0x10, DATA + 0x20
CODE = bytes.fromhex(
    "c7051090040807000000"   # 0x08048000 mov dword [NEIGHBOUR], 7
    "a110900408"             # 0x0804800a mov eax, [NEIGHBOUR]
    "c7052090040809000000"   # 0x0804800f mov dword [WATCHED], 9
    "8b1d20900408"           # 0x08048019 mov ebx, [WATCHED]
    "90")                    # 0x0804801f nop
STORE, LOAD, END = 0x0804800F, 0x08048019, 0x0804801F


@pytest.fixture
def machine():
    mem = AddressSpace(HostMemoryPool(), MemoryBudget(1 << 24))
    mem.add_region(TEXT, 4096, PROT_READ | PROT_EXEC, "text")
    mem.add_region(DATA, 4096, PROT_READ | PROT_WRITE, "data")
    mem.write(TEXT, CODE, force=True)
    cpu = Cpu()
    mem.attach(cpu)
    p = SimpleNamespace(endpoint=1, mem=mem, cpu=cpu)
    kernel = SimpleNamespace(procs=SimpleNamespace(live=lambda: iter([p])), current=p,
                             slicer=SimpleNamespace(counters=[1 << 30, 0]), internal_error=None,
                             traps=SimpleNamespace(memory_hook_last=lambda cpu: None))
    yield kernel, p
    cpu.close()
    mem.release()


def word(p, address: int) -> int:
    return int.from_bytes(p.mem.read(address, 4), "little")


@pytest.mark.parametrize("native", [True, False], ids=["native", "python"])
def test_a_store_to_the_watched_bytes_stops_before_it(machine, native):
    kernel, p = machine
    w = Watchpoints(kernel, lambda p: None, native=native)
    w.insert(2, WATCHED, 4)
    err = p.cpu.run(TEXT, END)
    assert kernel.internal_error is None
    assert err == UC.UC_ERR_WRITE_PROT and p.cpu.eip == STORE
    assert word(p, NEIGHBOUR) == 7 and p.cpu.reg(X86.UC_X86_REG_EAX) == 7   # the page's neighbour
    assert word(p, WATCHED) == 0                                           # nothing written yet
    assert w.hit(p) == (2, WATCHED)
    w.clear_hits()                  # resumed before gdb heard of it (a Ctrl-C came first):
    assert w.hit(p) is None         # the store runs again and hits again
    assert p.cpu.run(STORE, END) == UC.UC_ERR_WRITE_PROT and w.hit(p) == (2, WATCHED)
    assert word(p, WATCHED) == 0
    w.open(p)                       # what the stub does: the instruction runs with the page open
    assert p.cpu.run(STORE, END) == 0
    assert word(p, WATCHED) == 9 and p.cpu.reg(X86.UC_X86_REG_EBX) == 9
    w.guard(p)                      # and protected again: the hit is forgotten
    assert w.hit(p) is None
    assert p.cpu.run(STORE, END) == UC.UC_ERR_WRITE_PROT
    w.remove_all()
    assert p.cpu.run(STORE, END) == 0


def test_a_load_of_read_watched_bytes_stops_the_cpu_after_it(machine):
    kernel, p = machine
    hits = []
    w = Watchpoints(kernel, hits.append)
    w.insert(3, WATCHED, 4)
    assert p.cpu.run(TEXT, END) == 0           # stopped from the hook, not a fault
    assert hits == [p] and w.hit(p) == (3, WATCHED)
    assert p.cpu.eip == LOAD and p.cpu.reg(X86.UC_X86_REG_EBX) == 0    # the load runs again
    assert word(p, WATCHED) == 9 and kernel.slicer.counters[0] == 0
    w.open(p)
    assert p.cpu.run(LOAD, END) == 0 and p.cpu.reg(X86.UC_X86_REG_EBX) == 9


def test_a_store_to_a_page_read_only_of_its_own_is_still_a_fault(machine):
    kernel, p = machine
    w = Watchpoints(kernel, lambda p: None)
    w.insert(2, TEXT + 4, 4)                   # a watch on code: a store there is no watch hit
    p.cpu.set_reg(X86.UC_X86_REG_EAX, 0)
    p.mem.write(TEXT + 0x100, bytes.fromhex("a304800408" "90"), force=True)   # mov [TEXT+4], eax
    assert p.cpu.run(TEXT + 0x100, TEXT + 0x105) == UC.UC_ERR_WRITE_PROT
    assert w.hit(p) is None and p.mem.read(TEXT + 4, 4) == CODE[4:8]
