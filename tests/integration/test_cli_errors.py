"""Mistakes on the command line: one clear line on stderr, exit 2, no traceback."""
import pytest

from tests.conftest import minixemu


def _one_line_error(r, *words):
    assert r.status == 2, (r.status, r.err)
    lines = r.err.strip().splitlines()
    assert len(lines) == 1, r.err
    assert lines[0].startswith("minixemu: ")
    for w in words:
        assert w in lines[0]
    assert "Traceback" not in r.err


def test_missing_program(tmp_path):
    _one_line_error(minixemu("run", tmp_path / "nope"), "no such file")


def test_not_an_elf(tmp_path):
    f = tmp_path / "text"
    f.write_text("hello")
    _one_line_error(minixemu("run", f), "not an ELF file")


def test_wrong_architecture(tmp_path):
    import shutil
    import sys
    host_binary = shutil.which("true") or sys.executable
    _one_line_error(minixemu("run", host_binary), "not an i386")


def test_directory(tmp_path):
    _one_line_error(minixemu("run", tmp_path), "is a directory")


@pytest.mark.parametrize("args,word", [
    (["run"], "required"),
    (["run", "-m", "lots", "x"], "invalid memory size"),
    (["frobnicate"], "invalid choice"),
    (["run", "-E", "NOEQUALS", "/bin/true"], "NAME=VALUE"),
])
def test_bad_arguments(args, word):
    _one_line_error(minixemu(*args), word)


def test_missing_disk_image(guest, tmp_path):
    _one_line_error(minixemu("run", "--disk", tmp_path / "none.img", guest("args")),
                    "no such file")


def test_bad_disk_size(guest, tmp_path):
    img = tmp_path / "odd.img"
    img.write_bytes(b"x" * 1000)
    _one_line_error(minixemu("run", "--disk", img, guest("args")), "multiple of 512")
