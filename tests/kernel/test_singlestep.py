"""What the single step must know about an instruction (emu/kernel/singlestep.py)."""
from emu.kernel.singlestep import needs_trap_flag, opcode, pushes_flags


def test_opcode_skips_prefixes():
    assert opcode(bytes.fromhex("f3a5")) == 0xA5           # rep movsd
    assert opcode(bytes.fromhex("6667f0ff00")) == 0xFF
    assert opcode(bytes.fromhex("f3f3")) is None           # prefixes only: nothing to decode
    assert opcode(b"") is None


def test_instructions_that_raise_run_without_the_trap_flag():
    for code in ("cd21", "cc", "ce", "f1", "66cd21"):
        assert not needs_trap_flag(bytes.fromhex(code)), code
    for code in ("90", "8b4508", "e8f0ffffff", "c3", "f3a4", "9c", "9d"):
        assert needs_trap_flag(bytes.fromhex(code)), code
    assert not needs_trap_flag(b"")                         # unreadable: a fetch fault


def test_pushf_is_recognised_with_its_operand_size_prefix():
    assert pushes_flags(bytes.fromhex("9c")) and pushes_flags(bytes.fromhex("669c"))
    assert not pushes_flags(bytes.fromhex("9d")) and not pushes_flags(bytes.fromhex("50"))
