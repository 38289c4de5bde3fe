"""A generated shell script of about 1,000 lines for comparing our sh with the
host's: assignments, expansions, arithmetic, conditionals, loops, case,
functions, here-documents, redirections, command substitution and (unless
asked not to) pipelines of the text tools (tr, sort, uniq -c, cut, grep -c,
wc -l, head, tail). Deterministic for a seed; the script takes a scratch
directory as $1 and prints only what depends on the shell's semantics."""
import random

WORDS = ["alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta", "iota", "kappa"]


def _assign(r: random.Random, n: int) -> list[str]:
    v, w = f"v{n}", r.choice(WORDS)
    k = r.randint(0, 99)
    return [f'{v}="{w} {k}"', f'echo "{v}=${v} len=${{#{v}}}"',
            f'echo "${{{v}:-unset}} ${{u{n}-dflt}} ${{{v}:+set}} ${{u{n}:+notset}}"',
            f'set -- ${v}; echo "$# $1 ${{2:-none}}"']


def _arith(r: random.Random, n: int) -> list[str]:
    a, b, c = r.randint(-50, 200), r.randint(1, 17), r.randint(0, 9)
    return [f"a={a}; b={b}; c={c}",
            'echo "$((a + b * c)) $((a / b)) $((a % b)) $(( (a << 2) ^ b )) $((a > b || c))"',
            'echo "$(( a < b ? a : b )) $(( !c )) $(( ~a & 255 )) $(( -a + +b ))"',
            "a=$((a + 1)); b=$((b * 2)); echo $a $b"]


def _cond(r: random.Random, n: int) -> list[str]:
    x, y = r.randint(0, 5), r.randint(0, 5)
    s = r.choice(WORDS)
    return [f"x={x}; y={y}; s={s}",
            'if [ "$x" -lt "$y" ]; then echo "$x<$y"; elif [ "$x" -eq "$y" ]; then echo "$x=$y"; '
            'else echo "$x>$y"; fi',
            'if test "$s" = alpha -o "$s" = beta; then echo early; else echo late; fi',
            '[ -n "$s" ] && [ ! -z "$s" ] && echo nonempty || echo empty',
            'if ! [ "$x" -ne "$y" ]; then echo same; fi; true && false || echo "or:$?"']


def _loop(r: random.Random, n: int) -> list[str]:
    k = r.randint(1, 6)
    words = " ".join(r.sample(WORDS, 3))
    return [f"i=0; while [ $i -lt {k} ]; do i=$((i + 1)); done; echo while=$i",
            f"i={k}; until [ $i -le 0 ]; do printf '%s,' $i; i=$((i - 1)); done; echo",
            f'for w in {words}; do case $w in a*|e*) echo "vowel:$w";; *) echo "other:$w";; esac; done',
            "for j in 1 2 3 4 5 6; do [ $j -eq 2 ] && continue; [ $j -eq 5 ] && break; echo j$j; done"]


def _func(r: random.Random, n: int) -> list[str]:
    k = r.randint(0, 9)
    return [f"f{n}() {{",
            '    echo "f: $# args: $*"',
            f'    g{n}=$(( $# + {k} ))',
            f"    return {k % 4}",
            "}",
            f'f{n} one "two three" four; echo "status=$? g=$g{n}"',
            f"f{n}; echo $?"]


def _heredoc(r: random.Random, n: int) -> list[str]:
    w = r.choice(WORDS)
    return [f"h={w}",
            f"cat <<EOF{n}",
            "value $h and $((2 + 3)) and $(echo sub)",
            "  indented \\$h",
            f"EOF{n}",
            f"cat <<'Q{n}'",
            "literal $h `not run`",
            f"Q{n}",
            f"cat <<-T{n}",
            "\ttabbed $h",
            f"\tT{n}"]


def _redir(r: random.Random, n: int) -> list[str]:
    w = r.choice(WORDS)
    return [f'echo {w} > "$d/r{n}"',
            f'echo more >> "$d/r{n}"',
            f'cat < "$d/r{n}"',
            f'{{ echo out; echo err >&2; }} > "$d/o{n}" 2>&1; cat "$d/o{n}"',
            f'read first rest < "$d/r{n}"; echo "read: $first"',
            f'exec 3> "$d/fd{n}"; echo fd3 >&3; exec 3>&-; cat "$d/fd{n}"']


def _subst(r: random.Random, n: int) -> list[str]:
    w = r.choice(WORDS)
    return [f'c=$(echo {w}; echo second)',
            'echo "$c" | while read l; do echo "line:$l"; done' if False else 'echo "[$c]"',
            'n=`echo back quoted`; echo "$n"',
            f'p=$(printf "%s-%d" {w} {n}); echo ${{p%-*}} ${{p#*-}}',
            'v=$(exit 3); echo "subst status $?"']


def _pipe(r: random.Random, n: int) -> list[str]:
    w = r.choice(WORDS)
    return [f"echo {w} | tr a-z A-Z",
            f"printf '3\\n1\\n2\\n' | sort | tr '\\n' ' '; echo",
            f'echo "{w} {w} x" | wc -w | tr -d " "',
            "! echo x | grep -q y && echo negated",
            "echo a b c | { read p q r; echo $r$q$p; }"]


def _text(r: random.Random, n: int) -> list[str]:
    """Pipelines of the text tools over a file a here-document wrote: only
    tools and options whose output POSIX fixes and the guest's tools print as
    GNU's do (uniq -c's "%7d ", wc with one count and no file name)."""
    rows = [f"{r.choice(WORDS)} {r.choice(WORDS)} {r.randint(1, 20)}" for _ in range(r.randint(3, 7))]
    w, c = r.choice(WORDS), r.choice("aeiout")
    f = f'"$d/t{n}"'
    return [f"cat > {f} <<T{n}", *rows, f"T{n}",
            f"tr a-z A-Z < {f} | sort | uniq -c",
            f"cut -d ' ' -f 1 {f} | sort | uniq -c | tail -n 2",
            f"grep -c {w} {f}; grep -v {c} {f} | wc -l",
            f"cut -d ' ' -f 2 {f} | sort -u | head -n 2 | tr '\\n' ,; echo",
            f"sort -r {f} | head -n 1 >> \"$d/acc\"; tail -n 1 \"$d/acc\"",
            f"n{n}=$(grep {c} {f} | wc -l); if [ $n{n} -gt 2 ]; then echo \"many {c} $n{n}\"; "
            f"else echo \"few {c} $n{n}\"; fi",
            f"for x in $(cut -d ' ' -f 1 {f} | sort | uniq); do printf '%s;' \"$x\"; done; echo",
            f"{{ echo first; sort {f}; }} | head -n 3 | cut -c 1-9",
            f"cat \"$d/none{n}\" 2>&1 | wc -l; echo \"pipe status $?\"",
            f"tot=0; while read a b k; do tot=$((tot + k)); done < {f}; echo \"sum $tot\"",
            f"grep -n {c} {f} | cut -d : -f 1 | tr '\\n' ' '; echo",
            f"echo {w} {w} {c} | tr ' ' '\\n' | sort | uniq -c | sort -n | tail -n 1"]


def _misc(r: random.Random, n: int) -> list[str]:
    return ['s="a  b   c"; for w in $s; do printf "<%s>" "$w"; done; echo',
            'for w in "$s"; do printf "<%s>" "$w"; done; echo',
            "IFS=:; p=x:y::z; for w in $p; do printf '(%s)' \"$w\"; done; echo; unset IFS",
            "( cd / && pwd ); echo sub-status $?",
            "eval 'e=evaluated'; echo $e",
            "set -- q w e r; shift 2; echo \"$@ $#\"",
            'echo \'sq $x\' "dq $x" \\$x \\\\ "a\\"b"']


BLOCKS = [_assign, _arith, _cond, _loop, _func, _heredoc, _redir, _subst, _misc]


def generate(seed: int = 7, lines: int = 1000, pipelines: bool = True) -> str:
    r = random.Random(seed)
    out = ['d=${1:?usage: script DIR}', 'echo "start"']
    blocks = BLOCKS + ([_pipe, _text] if pipelines else [])
    n = 0
    while len(out) < lines:
        out += blocks[n % len(blocks)](r, n)
        n += 1
    out.append('echo "end $n"')
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    import sys
    sys.stdout.write(generate(pipelines="--no-pipes" not in sys.argv))
