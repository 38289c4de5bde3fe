"""Our sh built natively, against the host's sh (dash) on the same scripts:
stdout and exit status must be equal (stderr wording may differ)."""
import subprocess

import pytest

from tests.sh import gen_script
from tests.sh.native import HOST_SH, build_native, cc

pytestmark = pytest.mark.skipif(cc() is None, reason="no host C compiler")


@pytest.fixture(scope="module")
def our_sh(tmp_path_factory):
    return build_native(tmp_path_factory.mktemp("native"), "sh")


def run(shell, script: str, *args: str, cwd=None, stdin: str = "") -> tuple[str, int]:
    p = subprocess.run([str(shell), "-c", script, "sh", *args], capture_output=True, text=True,
                       cwd=cwd, input=stdin, timeout=30)
    return p.stdout, p.returncode


def same(our_sh, script: str, *args, tmp_path=None, stdin: str = ""):
    ours = run(our_sh, script, *args, cwd=tmp_path, stdin=stdin)
    theirs = run(HOST_SH, script, *args, cwd=tmp_path, stdin=stdin)
    assert ours == theirs, f"script:\n{script}"
    return ours


CASES = {
    "quoting": r"""x=val; echo 'a $x' "b $x" c\ $x \$x "q\"q" 'it'\''s'""",
    "params": r"""set -- a "b c" d; echo $# "$1" "$2"; for i in "$@"; do echo "<$i>"; done
                 for i in $*; do echo "[$i]"; done; echo "$*" """,
    "defaults": r"""unset u; e=; echo ${u-d1} ${e-d2} ${e:-d3} ${u+p1} ${e+p2} ${e:+p3}
                   echo ${n=assigned} $n; echo ${#n} ${zz:=also}$zz""",
    "trim": r"""p=/usr/local/lib.tar.gz; echo ${p%.*} ${p%%.*} ${p#*/} ${p##*/}""",
    "status": r"""false; echo $?; true; echo $?; (exit 42); echo $?; ! true; echo $?""",
    "arith": r"""i=5; echo $((i*3+1)) $((i<<2)) $((i%3)) $((-i/2)) $((i>3&&i<9)) $((0x1f)) $((010))
                : $((i+=2)) $((j=4)); echo $i $j $((i == 7 ? 1 : 2))""",
    "command_subst": r"""a=$(echo one; echo two); echo "$a"; echo `echo back`
                        echo "$(echo "nested $(echo deep)")"; x=$(false); echo $?""",
    "heredoc": "v=V; cat <<EOF\nplain $v $((1+1)) \\$v\nEOF\ncat <<'EOF'\nquoted $v\nEOF\n"
               "cat <<-EOF\n\tstripped $v\n\tEOF\necho after",
    "pipeline": r"""echo hello | tr a-z A-Z; printf 'b\na\n' | sort; echo x | { read v; echo got $v; }
                   ! echo x | grep -q y; echo $?""",
    "redirs": r"""echo one > f; echo two >> f; cat < f; cat f 2>&1 >/dev/null
                 { echo o; echo e >&2; } 2>&1 >/dev/null; ls nonexist 2>/dev/null || echo nope
                 exec 4>g; echo four >&4; exec 4>&-; cat g; cat 0<f""",
    "and_or": r"""true && echo a; false && echo b; false || echo c; true || echo d
                 false && true || echo e""",
    "if": r"""for x in 1 2 3; do if [ $x = 1 ]; then echo one; elif [ $x = 2 ]; then echo two
             else echo other; fi; done""",
    "loops": r"""i=0; while [ $i -lt 3 ]; do echo w$i; i=$((i+1)); done
                until [ $i -eq 0 ]; do i=$((i-1)); done; echo $i
                for a in 1 2 3; do for b in x y; do [ $b = y ] && continue 2; echo $a$b; done; done
                for a in 1 2 3; do [ $a = 2 ] && break; echo $a; done""",
    "case": r"""for w in foo.c bar.h baz qux [x]; do case $w in *.c) echo C;; *.h|*.hpp) echo H;;
               b??) echo three;; \[*) echo bracket;; *) echo other;; esac; done
               case x in (x) echo paren;; esac""",
    "functions": r"""f() { echo "in f: $1 $#"; g=set; return 3; }; f a b; echo $? $g
                    h() { echo "$@"; }; h 1 "2 3"; echo $1
                    r() { for i in 1 2 3; do [ $i = 2 ] && return $i; done; }; r; echo $?""",
    "subshell_group": r"""x=1; (x=2; echo $x); echo $x; { x=3; echo $x; }; echo $x
                         (cd /; pwd) ; a=$( (echo in sub) ); echo $a""",
    "background_wait": r"""(exit 5) & wait $!; echo $?; sleep 0 & sleep 0 & wait; echo all""",
    "set_e": r"""set -e; false || true; if false; then :; fi; ! true; echo alive; false; echo dead""",
    "set_args": r"""set -- 1 2 3; shift; echo $@; set --; echo $#""",
    "read": "printf 'a b c\\nd\\\\e f\\n' > in; { read x y; echo \"$x|$y\"; read -r z; "
            "echo \"$z\"; } < in\nIFS=: read a b <<EOF\np:q:r\nEOF\necho \"$a/$b\"",
    "test": r"""[ -d / ] && echo dir; [ -f /nonexistent ] || echo nofile; [ abc = abc ] && echo eq
               [ 3 -lt 10 ] && echo lt; [ b \> a ] && echo gt; [ -z "" -a -n x ] && echo zn
               [ ! 1 -eq 2 ] && echo not; test 1 -eq 1 -o 1 -eq 2 && echo or
               [ "(" = "(" ] && echo paren; [ -x /bin/sh ] && echo exe""",
    "echo_printf": r"""echo -n no-newline; echo; echo 'a\tb'
                      printf '%5s|%-5s|%d|%03d|%x|%c\n' ab cd 42 7 255 xyz
                      printf '%s\n' one two three; printf '%b\n' 'x\ny'""",
    "eval_exec": r"""cmd='echo evaluated $((1+2))'; eval "$cmd"; (exec echo exec-ed); echo after""",
    "trap_exit": r"""trap 'echo bye $?' EXIT; echo running; exit 3""",
    "glob": r"""mkdir -p d/sub; touch d/a.c d/b.c d/c.h d/.hidden; echo d/*.c; echo d/*; echo d/?.h
               echo d/[ab].c; echo "d/*.c"; echo d/*.none; echo d/*/""",
    "ifs_splitting": r"""v='a:b::c'; IFS=:; set -- $v; echo $#; IFS=' '; w='  x  y  '; set -- $w
                        echo $#""",
    "export_env": r"""export E1=exported; unset U; sh -c 'echo $E1'; V=temp sh -c 'echo $V'
                     echo "${V-unset}" """,
    "dot_script": r"""echo 'sourced=yes; echo in dot' > s.sh; . ./s.sh; echo $sourced""",
    "umask_cd_pwd": r"""umask 027; umask; mkdir -p dd; cd dd; basename "$(pwd)"; cd ..
                       basename "$PWD" """,
    "nested_quotes": r"""a="x y"; b="$a"'$a'"\$a"; echo "$b"; echo "${a}z" "${a%y}" "" """,
    "comments_continuation": "echo a # comment\necho b \\\nc; echo 'd # not comment'",
    "return_in_loop_function": r"""f() { while true; do return 4; done; }; f; echo $?""",
    "trap_signal": r"""trap 'echo caught USR1' USR1; kill -USR1 $$; echo after; trap - USR1
                      trap '' TERM; kill -TERM $$; echo ignored; trap""",
    "empty_and_colon": r""":; echo $?; x=; [ -z "$x" ] && echo empty; set -- "" ""; echo $#""",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_like_host_sh(our_sh, tmp_path, name):
    out, status = same(our_sh, CASES[name], tmp_path=tmp_path)
    assert out or status, "the case printed nothing"


def test_generated_thousand_line_script(our_sh, tmp_path):
    script = tmp_path / "gen.sh"
    script.write_text(gen_script.generate(seed=7, lines=1000, pipelines=True))
    assert len(script.read_text().splitlines()) >= 1000
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    ours = subprocess.run([str(our_sh), str(script), str(tmp_path / "a")], capture_output=True,
                          text=True, timeout=60)
    theirs = subprocess.run([HOST_SH, str(script), str(tmp_path / "b")], capture_output=True,
                            text=True, timeout=60)
    assert ours.returncode == theirs.returncode == 0, ours.stderr
    assert ours.stdout == theirs.stdout
    assert ours.stdout.count("\n") > 800


def test_script_file_arguments_and_shebang(our_sh, tmp_path):
    s = tmp_path / "s"
    s.write_text(f"#!{our_sh}\necho \"$0 $# $1\"; exit 9\n")
    s.chmod(0o755)
    p = subprocess.run([str(our_sh), str(s), "arg"], capture_output=True, text=True)
    assert (p.stdout, p.returncode) == (f"{s} 1 arg\n", 9)
    p = subprocess.run([str(our_sh), "-c", f"{s} x y; echo st=$?"], capture_output=True, text=True)
    assert p.stdout == f"{s} 2 x\nst=9\n"


def test_script_without_shebang_runs_in_a_shell(our_sh, tmp_path):
    s = tmp_path / "plain"
    s.write_text("echo plain $1\n")
    s.chmod(0o755)
    p = subprocess.run([str(our_sh), "-c", f"{s} one"], capture_output=True, text=True)
    assert (p.stdout, p.returncode) == ("plain one\n", 0)


def test_commands_from_stdin_and_syntax_errors(our_sh):
    p = subprocess.run([str(our_sh)], input="echo a\nif true; then\n echo b\nfi\nexit 4\necho no\n",
                       capture_output=True, text=True)
    assert (p.stdout, p.returncode) == ("a\nb\n", 4)
    p = subprocess.run([str(our_sh), "-c", "echo before; if then fi"], capture_output=True,
                       text=True)
    assert p.returncode == 2 and "syntax error" in p.stderr and p.stdout == ""
    p = subprocess.run([str(our_sh), "-c", "nonexistent-command-xyz"], capture_output=True,
                       text=True)
    assert p.returncode == 127 and "not found" in p.stderr


def test_xtrace_goes_to_stderr_like_the_hosts(our_sh):
    script = "set -x; a=1; echo $a two; set +x; echo quiet"
    ours = subprocess.run([str(our_sh), "-c", script], capture_output=True, text=True)
    theirs = subprocess.run([HOST_SH, "-c", script], capture_output=True, text=True)
    assert (ours.stdout, ours.stderr) == (theirs.stdout, theirs.stderr)
    assert ours.stderr == "+ a=1\n+ echo 1 two\n+ set +x\n"
