"""User memory: regions, copies across them, faults, brk, stack growth, fork copies."""
import pytest

from emu.kernel.addrspace import (STACK_LIMIT, STACK_TOP, AddressSpace, MemoryBudget, MemoryFault,
                                  OutOfMemory)
from emu.machine.cpu import PROT_EXEC, PROT_READ, PROT_WRITE
from emu.machine.hostmem import HostMemoryPool

RW = PROT_READ | PROT_WRITE


def space(budget=64 << 20):
    return AddressSpace(HostMemoryPool(), MemoryBudget(budget))


def test_read_write_across_adjacent_regions():
    s = space()
    s.add_region(0x10000, 0x1000, RW, "data")
    s.add_region(0x11000, 0x1000, RW, "data")
    s.write(0x10FFE, b"wxyz")
    assert s.read(0x10FFE, 4) == b"wxyz"
    assert s.read_string(0x10FFE, 10) == b"wxyz"


def test_faults_on_gaps_and_read_only_pages():
    s = space()
    s.add_region(0x10000, 0x1000, PROT_READ | PROT_EXEC, "text")
    with pytest.raises(MemoryFault):
        s.read(0x0, 4)
    with pytest.raises(MemoryFault):
        s.read(0x10FFE, 4)          # runs off the end
    with pytest.raises(MemoryFault):
        s.write(0x10000, b"x")      # text is read-only for users
    s.write(0x10000, b"x", force=True)   # ... but not for the loader
    assert s.read(0x10000, 1) == b"x"


def test_string_too_long_and_unterminated():
    s = space()
    s.add_region(0x10000, 0x1000, RW, "data")
    s.write(0x10000, b"abcdef\0")
    assert s.read_string(0x10000, 3) is None
    s.write(0x10FFC, b"abcd")
    with pytest.raises(MemoryFault):
        s.read_string(0x10FFC, 100)


def test_brk_grows_and_is_accounted():
    budget = MemoryBudget(1 << 20)
    s = AddressSpace(HostMemoryPool(), budget)
    s.setup_heap(0x20000)
    s.set_brk(0x20000 + 100_000)
    s.write(0x20000 + 99_999, b"!")
    assert budget.used >= 100_000
    with pytest.raises(OutOfMemory):
        s.set_brk(0x20000 + (2 << 20))
    s.release()
    assert budget.used == 0


def test_stack_grows_down_to_its_limit():
    s = space()
    s.setup_stack()
    low = s.stack_low
    assert s.grow_stack(low - 10)
    assert s.stack_low < low
    s.write(low - 10, b"z")
    assert not s.grow_stack(STACK_TOP - STACK_LIMIT - 4096)


def test_clone_is_independent():
    s = space()
    s.add_region(0x10000, 0x1000, RW, "data")
    s.write(0x10000, b"parent")
    c = s.clone()
    c.write(0x10000, b"child!")
    assert s.read(0x10000, 6) == b"parent" and c.read(0x10000, 6) == b"child!"
    c.release()
    s.release()
    assert s.budget.used == 0


def test_overlapping_regions_are_refused():
    s = space()
    s.add_region(0x10000, 0x2000, RW, "data")
    with pytest.raises(ValueError):
        s.add_region(0x11000, 0x1000, RW, "data")
