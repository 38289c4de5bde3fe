"""`minixemu cc`: help, our one-line error for a missing file, zig's own diagnostics otherwise."""
from emu.toolchain.cc import input_files
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
