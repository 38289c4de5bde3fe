"""The guest headers agree with the Python ABI: checked by the guest compiler itself."""
import os
import subprocess
import sys

from emu.abi import bootparams, com, disk, endpoints, fcntl, ioctl
from emu.abi.callnr import CallNr
from emu.abi.cheaders import render, write
from emu.abi.errno import Errno
from emu.abi.message import LAYOUTS, MESSAGE_SIZE
from emu.abi.signals import SIGACTION_SIZE, SigAction, SigHow, Signal
from emu.abi.sigcontext import SIGCONTEXT_OFFSETS, SIGCONTEXT_SIZE, SIGFRAME_SIZE
from emu.toolchain.guestbuild import GUEST_CFLAGS
from emu.toolchain.zig import run_zig


def test_rendering_is_deterministic():
    """The same headers in every process, whatever the hash seed (set and dict order),
    so the build cache keys and the guest binaries are reproducible."""
    script = "import sys; from emu.abi.cheaders import render; sys.stdout.write(repr(render()))"
    outputs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              check=True, env=dict(os.environ, PYTHONHASHSEED=seed)).stdout
               for seed in ("1", "2", "3")}
    assert outputs == {repr(render())}


def test_write_rewrites_only_what_changed(tmp_path):
    """Unchanged headers keep their mtime (nothing downstream looks stale); a
    header edited by hand is put back."""
    write(tmp_path)
    files = {rel: tmp_path / rel for rel in render()}
    assert {rel: f.read_text() for rel, f in files.items()} == render()
    edited = next(iter(files.values()))
    edited.write_text("/* edited */\n")
    for f in files.values():
        os.utime(f, ns=(10**9, 10**9))      # long ago: a rewrite would show
    write(tmp_path)
    assert edited.read_text() == render()[edited.relative_to(tmp_path).as_posix()]
    assert edited.stat().st_mtime_ns != 10**9
    assert all(f.stat().st_mtime_ns == 10**9 for f in files.values() if f != edited)


def test_guest_compiler_agrees(build, tmp_path):
    checks = []
    for e in Errno:
        checks.append(f"{e.name} == {e.value}")
    for s in Signal:
        checks.append(f"{s.name} == {s.value}")
    for c in CallNr:
        checks.append(f"{c.name} == {c.value}")
    for k in com.KernelCall:
        checks.append(f"{k.name} == {k.value}")
    checks += [f"PM_PROC_NR == {endpoints.PM}", f"VFS_PROC_NR == {endpoints.VFS}",
               f"PFS_PROC_NR == {endpoints.PFS}", f"ANY == {endpoints.ANY}",
               f"O_NONBLOCK == {int(fcntl.OpenFlag.O_NONBLOCK)}", f"S_IFSOCK == {fcntl.S_IFSOCK}",
               f"PIPE_BUF == {fcntl.PIPE_BUF}", f"OPEN_MAX == {fcntl.OPEN_MAX}",
               f"TCGETS == {ioctl.TCGETS}u", f"sizeof(struct termios) == {ioctl.TERMIOS.size}",
               f"sizeof(message) == {MESSAGE_SIZE}",
               f"sizeof(struct bootparams) == {bootparams.SIZE}",
               f"DIOCGETP == {disk.DIOCGETP}u", f"DIOCSETP == {disk.DIOCSETP}u",
               f"_IOR('d', 4, struct diskpart) == {disk.DIOCGETP}u",
               f"_IOW('d', 3, struct diskpart) == {disk.DIOCSETP}u",
               f"sizeof(struct diskpart) == {disk.DISKPART.size}",
               "__builtin_offsetof(struct diskpart, size) == 8",
               "__builtin_offsetof(struct diskpart, sectors) == 24"]
    checks += [f"{f.name} == {f.value}" for f in SigAction]
    checks += [f"{h.name} == {h.value}" for h in SigHow]
    checks += [f"sizeof(struct sigaction) == {SIGACTION_SIZE}",
               f"sizeof(struct sigcontext) == {SIGCONTEXT_SIZE}",
               f"sizeof(struct sigframe) == {SIGFRAME_SIZE}",
               f"WCONTINUED == {fcntl.WCONTINUED}", f"WUNTRACED == {fcntl.WUNTRACED}"]
    checks += [f"__builtin_offsetof(struct sigcontext, {name}) == {offset}"
               for name, offset in SIGCONTEXT_OFFSETS.items()]
    for name, (offset, _kind) in LAYOUTS.items():
        checks.append(f"__builtin_offsetof(message, {name}) == {offset}")
    src = tmp_path / "abi_check.c"
    src.write_text("#include <errno.h>\n#include <signal.h>\n#include <fcntl.h>\n#include <limits.h>\n"
                   "#include <sys/ioctl.h>\n#include <minix/callnr.h>\n#include <minix/com.h>\n"
                   "#include <minix/ipc.h>\n#include <minix/bootparams.h>\n#include <stddef.h>\n"
                   "#include <sys/ioc_disk.h>\n#include <sys/sigcontext.h>\n#include <sys/wait.h>\n"
                   "#include <setjmp.h>\n"
                   + "".join(f'_Static_assert({c}, "{c}");\n' for c in checks))
    run_zig(["cc", *GUEST_CFLAGS, *build.include_flags(), "-c", str(src), "-o",
             str(tmp_path / "abi_check.o")], "ABI check")
