"""int3 breakpoints across processes: patched where mapped, shared with a
forked child without leaving stray int3 bytes, put back after exec, hidden
from gdb's memory reads, and the translated code flushed each time."""
from types import SimpleNamespace

from emu.debug.gdbstub.breakpoints import Breakpoints
from emu.kernel.addrspace import AddressSpace, MemoryBudget
from emu.machine.cpu import PROT_EXEC, PROT_READ
from emu.machine.hostmem import HostMemoryPool

TEXT = 0x08048000
POOL = HostMemoryPool()


class FakeCpu:
    def __init__(self) -> None:
        self.flushed = []

    def flush_code(self, begin: int, end: int) -> None:
        self.flushed.append((begin, end))


def process(endpoint: int, code: bytes) -> SimpleNamespace:
    mem = AddressSpace(POOL, MemoryBudget(1 << 24))
    mem.add_region(TEXT, 4096, PROT_READ | PROT_EXEC, "text")
    mem.write(TEXT, code, force=True)
    return SimpleNamespace(endpoint=endpoint, mem=mem, cpu=FakeCpu())


def kernel_of(*procs) -> SimpleNamespace:
    table = list(procs)
    return SimpleNamespace(procs=SimpleNamespace(live=lambda: iter(table)), table=table)


def test_insert_patches_every_process_that_maps_the_address_and_flushes():
    a, b = process(1, b"\x55\x89\xe5"), process(2, b"\x90\x90\x90")
    bp = Breakpoints(kernel_of(a, b))
    assert bp.insert(TEXT + 1)
    assert a.mem.read(TEXT, 3) == b"\x55\xcc\xe5" and b.mem.read(TEXT, 3) == b"\x90\xcc\x90"
    assert a.cpu.flushed == [(TEXT + 1, TEXT + 2)] and b.cpu.flushed == [(TEXT + 1, TEXT + 2)]
    assert bp.original(a, TEXT, a.mem.read(TEXT, 3)) == b"\x55\x89\xe5"   # gdb's view
    assert bp.hit(a, TEXT + 2) and not bp.hit(a, TEXT + 3)
    bp.remove(TEXT + 1)
    assert a.mem.read(TEXT, 3) == b"\x55\x89\xe5" and b.mem.read(TEXT, 3) == b"\x90\x90\x90"
    assert not bp.insert(0x1000)          # mapped nowhere: gdb hears an error


def test_a_forked_child_keeps_no_stray_int3():
    parent = process(1, b"\x55\x89\xe5")
    k = kernel_of(parent)
    bp = Breakpoints(k)
    bp.insert(TEXT + 1)
    child = SimpleNamespace(endpoint=2, mem=parent.mem.clone(), cpu=FakeCpu())
    k.table.append(child)
    bp.on_fork(parent, child)
    assert child.mem.read(TEXT + 1, 1) == b"\xcc"    # the breakpoint holds in the child too
    assert bp.hit(child, TEXT + 2)
    bp.remove(TEXT + 1)
    assert child.mem.read(TEXT, 3) == b"\x55\x89\xe5"
    assert parent.mem.read(TEXT, 3) == b"\x55\x89\xe5"


def test_exec_puts_breakpoints_back_with_the_new_images_bytes():
    p = process(1, b"\x55\x89\xe5")
    bp = Breakpoints(kernel_of(p))
    bp.insert(TEXT + 1)
    old = p.mem
    p.mem = process(1, b"\x31\xc0\xc3").mem           # exec: a new image
    p.cpu = FakeCpu()
    old.release()
    bp.on_exec(p)
    assert p.mem.read(TEXT, 3) == b"\x31\xcc\xc3"
    assert p.cpu.flushed == [(TEXT + 1, TEXT + 2)]
    bp.remove(TEXT + 1)
    assert p.mem.read(TEXT, 3) == b"\x31\xc0\xc3"
