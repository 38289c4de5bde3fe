"""Executables: what is refused with a clear reason, and the MINIX stack layout."""
import struct

import pytest

from emu.kernel.addrspace import AddressSpace, MemoryBudget
from emu.kernel.elfload import ExecError, build_stack, load_image, parse_elf
from emu.machine.hostmem import HostMemoryPool


def test_refuses_non_elf():
    with pytest.raises(ExecError, match="not an ELF file"):
        parse_elf(b"#!/bin/sh\n", "script")


def test_refuses_other_architectures():
    import sys
    with pytest.raises(ExecError, match="not an i386"):
        parse_elf(open(sys.executable, "rb").read(), "python")


def test_refuses_truncated_elf(guest):
    data = guest("args").read_bytes()
    with pytest.raises(ExecError):
        parse_elf(data[:200], "cut")


def test_loads_and_lays_out_the_stack(guest):
    image = parse_elf(guest("args").read_bytes())
    s = AddressSpace(HostMemoryPool(), MemoryBudget(64 << 20))
    load_image(s, image)
    esp = build_stack(s, [b"prog", b"arg one"], [b"HOME=/", b"X=1"])
    argc, argv0, argv1, null1, env0, env1, null2 = struct.unpack("<7I", s.read(esp, 28))
    assert argc == 2 and null1 == 0 and null2 == 0
    assert s.read_string(argv0, 100) == b"prog" and s.read_string(argv1, 100) == b"arg one"
    assert s.read_string(env0, 100) == b"HOME=/" and s.read_string(env1, 100) == b"X=1"
    assert esp % 16 == 0
    assert s.brk >= image.end
    s.release()
