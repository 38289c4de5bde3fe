"""`minixemu cc` and `minixemu run`: programs, exit status, argv, environment."""
import textwrap

from tests.conftest import minixemu


def test_cc_and_run_hello(tmp_path):
    src = tmp_path / "hello.c"
    src.write_text(textwrap.dedent("""\
        #include <stdio.h>
        int main(void) { printf("hello, world\\n"); return 0; }
    """))
    cc = minixemu("cc", "hello.c", "-o", "hello", cwd=tmp_path)
    assert cc.status == 0, cc.err
    r = minixemu("run", tmp_path / "hello")
    assert r.status == 0, r.err
    assert r.lines == ["hello, world"]
    assert r.err == ""


def test_exit_status_is_the_programs(tmp_path):
    src = tmp_path / "three.c"
    src.write_text("int main(void) { return 3; }\n")
    assert minixemu("cc", "-O2", "three.c", "-o", "three", cwd=tmp_path).status == 0
    assert minixemu("run", tmp_path / "three").status == 3


def test_argv_and_default_environment(guest):
    r = minixemu("run", guest("args"), "5", "two words")
    assert r.status == 5
    assert r.lines[:4] == ["argc=3", "argv[0]=tests-args", "argv[1]=5", "argv[2]=two words"]
    env = [l[4:] for l in r.lines if l.startswith("env ")]
    assert env == ["HOME=/", "PATH=/bin:/usr/bin", "SHELL=/bin/sh", "TERM=vt100", "USER=root"]
    assert "environ matches envp: yes" in r.lines
    assert "getenv(HOME)=/" in r.lines


def test_host_environment_does_not_leak(guest, monkeypatch):
    monkeypatch.setenv("SECRET_HOST_VARIABLE", "x")
    r = minixemu("run", guest("args"))
    env = [l[4:] for l in r.lines if l.startswith("env ")]
    # The program printed its whole environment, and it is the fixed default.
    assert env == ["HOME=/", "PATH=/bin:/usr/bin", "SHELL=/bin/sh", "TERM=vt100", "USER=root"]
    assert "SECRET_HOST_VARIABLE" not in r.out


def test_E_adds_and_overrides(guest):
    r = minixemu("run", "-E", "COLOR=blue", "-E", "HOME=/root", guest("args"))
    env = [l[4:] for l in r.lines if l.startswith("env ")]
    assert "COLOR=blue" in env
    assert "HOME=/root" in env and "HOME=/" not in env
    assert "getenv(HOME)=/root" in r.lines
