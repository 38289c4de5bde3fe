"""`minixemu cc`: the guest C compiler, used like cc.

It adds the guest target, headers, crt0 and C library to whatever the user
passes, so `minixemu cc -O2 -Wall hello.c -o hello` makes a program that
`minixemu run hello` runs. With -c, -S or -E it only compiles.
"""
import subprocess
import sys

from emu.toolchain.guestbuild import GUEST_CFLAGS, GUEST_LDFLAGS, GuestBuild
from emu.toolchain.zig import ToolchainError, zig_executable

_COMPILE_ONLY = {"-c", "-S", "-E", "-M", "-MM"}
_IGNORED_LIBS = {"-lc", "-lm"}   # libc is always linked; libm is part of it


def compile_and_link(argv: list[str]) -> int:
    if not argv or argv in (["--help"], ["-h"]):
        print("usage: minixemu cc [cc options] file.c ... [-o output]", file=sys.stderr)
        return 2
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
