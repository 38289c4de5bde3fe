"""`minixemu cc`: help, our one-line error for a missing file, zig's own
diagnostics otherwise; what the guest link keeps."""
import struct

from emu.toolchain.cc import input_files
from emu.toolchain.paths import GUEST_DIR
from tests.conftest import minixemu


def test_help_is_on_stdout_and_exits_0():
    r = minixemu("cc", "--help")
    assert r.status == 0
    assert r.out.startswith("usage: minixemu cc ")
    assert r.err == ""


def test_no_arguments_is_usage_on_stderr():
    r = minixemu("cc")
    assert r.status == 2
    assert r.err.startswith("usage: minixemu cc ") and r.out == ""


def test_missing_source_is_one_line(tmp_path):
    r = minixemu("cc", "nosuch.c", "-o", "prog", cwd=tmp_path)
    assert (r.status, r.out, r.err) == (1, "", "minixemu cc: nosuch.c: no such file\n")
    assert not (tmp_path / "prog").exists()


def test_compiler_diagnostics_are_zigs(tmp_path):
    (tmp_path / "bad.c").write_text("int main(void) { return 0 }\n")
    r = minixemu("cc", "bad.c", "-o", "bad", cwd=tmp_path)
    assert r.status == 1
    assert "bad.c:1:26: error: expected ';' after return statement" in r.err
    assert "minixemu cc:" not in r.err


def test_input_files_are_the_operands():
    argv = ["-O2", "-o", "out", "-I", "inc", "a.c", "-DX=1", "-D", "Y", "-x", "c", "b.c", "-",
            "-Wl,--gc-sections", "lib.o"]
    assert input_files(argv) == ["a.c", "b.c", "lib.o"]


def test_programs_keep_only_the_code_they_reach(build):
    """Linked with --gc-sections: /bin/true carries a few KB of code, not the
    whole of zig's compiler_rt (it was 290 KB, which exec read from the disk
    on every run of the program)."""
    tools = GUEST_DIR / "bin"
    elf = build.program([tools / "true.c", *sorted((tools / "lib").glob("*.c"))],
                        build.root / "guest" / "bin" / "check-gc-true",
                        cflags=["-O2", "-g", "-I", str(tools)]).read_bytes()
    phoff, = struct.unpack_from("<I", elf, 28)
    phentsize, phnum = struct.unpack_from("<HH", elf, 42)
    loaded = sum(struct.unpack_from("<8I", elf, phoff + i * phentsize)[4]
                 for i in range(phnum) if struct.unpack_from("<I", elf, phoff + i * phentsize)[0] == 1)
    assert loaded < 32 * 1024, f"{loaded} bytes loaded for /bin/true"
