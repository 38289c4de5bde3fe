"""`minixemu cc`: the guest C compiler, used like cc.

It adds the guest target, headers, crt0 and C library to whatever the user
passes, so `minixemu cc -O2 -Wall hello.c -o hello` makes a program that
`minixemu run hello` runs. With -c, -S or -E it only compiles.
"""
import os
import subprocess
import sys

from emu.toolchain.guestbuild import GUEST_CFLAGS, GUEST_LDFLAGS, GuestBuild
from emu.toolchain.zig import ToolchainError, zig_executable

USAGE = """\
usage: minixemu cc [cc options] file.c ... [-o output]

Compile and link C programs for the minixemu guest (i386, the MINIX 3.1.8 ABI)
with zig cc, the guest headers, crt0 and the guest C library; `minixemu run
output` runs the result. With -c, -S or -E it only compiles. Other options go
to the compiler as they are: -O2, -g, -Wall, -I DIR, -D NAME=VALUE, ...
"""
_COMPILE_ONLY = {"-c", "-S", "-E", "-M", "-MM"}
_IGNORED_LIBS = {"-lc", "-lm"}   # libc is always linked; libm is part of it
# Options whose value is the next argument (so that argument is not an input file).
_TAKES_VALUE = {"-o", "-I", "-D", "-U", "-L", "-l", "-x", "-include", "-imacros", "-isystem",
                "-iquote", "-idirafter", "-MF", "-MT", "-MQ", "-Xlinker", "-Xassembler",
                "-Xpreprocessor", "-Xclang", "-mllvm", "-target", "-T", "-u", "-e", "-z"}


def input_files(args: list[str]) -> list[str]:
    """The operands of a cc command line: the files it reads ('-' is stdin)."""
    files, value_next = [], False
    for arg in args:
        if value_next:
            value_next = False
        elif arg in _TAKES_VALUE:
            value_next = True
        elif not arg.startswith("-"):
            files.append(arg)
    return files


def compile_and_link(argv: list[str]) -> int:
    if "--help" in argv or "-h" in argv:
        sys.stdout.write(USAGE)
        return 0
    if not argv:
        sys.stderr.write(USAGE)
        return 2
    # zig reports a missing input as "checking cache failed"; say it as cc does.
    missing = [f for f in input_files(argv) if not os.path.exists(f)]
    for name in missing:
        print(f"minixemu cc: {name}: no such file", file=sys.stderr)
    if missing:
        return 1
    build = GuestBuild()
    try:
        build.headers()
        args = [a for a in argv if a not in _IGNORED_LIBS]
        if _COMPILE_ONLY & set(args):
            cmd = [zig_executable(), "cc", *GUEST_CFLAGS, *build.include_flags(), *args]
        else:
            crt0, libc = build.libc()
            cmd = [zig_executable(), "cc", *GUEST_CFLAGS, *build.include_flags(), *GUEST_LDFLAGS,
                   str(crt0), *args, str(libc)]
    except ToolchainError as e:
        print(f"minixemu cc: {e}", file=sys.stderr)
        return 1
    return subprocess.run(cmd).returncode
