"""The gdb stub with the real gdb: break, threads, bt, registers, x/s, stepi,
next, finish, a watchpoint, fork, Ctrl-C, a fault, detach (issue 9).

Each test starts `minixemu run -gdb unix:SOCK -S PROGRAM` and drives
/usr/bin/gdb in batch mode against it, then checks what gdb printed and what
the program printed and returned after gdb let it go.
"""
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import minixemu

pytestmark = pytest.mark.skipif(shutil.which("gdb") is None, reason="gdb is not installed")
SOURCE = Path(__file__).with_name("gdbtarget.c")


def line_of(text: str) -> int:
    """The source line holding `text` (so the tests do not hard-code numbers)."""
    for n, line in enumerate(SOURCE.read_text().splitlines(), 1):
        if text in line:
            return n
    raise AssertionError(text)


@pytest.fixture(scope="module")
def program(tmp_path_factory) -> Path:
    """gdbtarget.c built with `minixemu cc -g`: DWARF kept for gdb."""
    out = tmp_path_factory.mktemp("gdb") / "gdbtarget"
    r = minixemu("cc", "-g", "-O0", "-fno-omit-frame-pointer", SOURCE, "-o", out)
    assert r.status == 0, r.err
    assert b".debug_line" in out.read_bytes()
    return out


def debug(program: Path, tmp_path: Path, commands: list[str], *args: str,
          gdb_python: str | None = None):
    """Run PROGRAM under `minixemu run -S -gdb unix:...`, with gdb running
    `commands`; returns (gdb's output, the program's stdout, stderr, status)."""
    sock = tmp_path / "gdb.sock"
    env = dict(os.environ, MINIXEMU_DEBUG="1")
    emu = subprocess.Popen([sys.executable, "-m", "emu", "run", "-gdb", f"unix:{sock}", "-S",
                            str(program), *args], stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        deadline = time.monotonic() + 60
        while not sock.exists():
            assert emu.poll() is None, emu.communicate()
            assert time.monotonic() < deadline, "minixemu never opened the gdb socket"
            time.sleep(0.05)
        argv = ["gdb", "-nx", "-batch", "-ex", "set pagination off",
                "-ex", f"target remote {sock}"]
        if gdb_python:
            argv += ["-ex", f"python {gdb_python}"]
        for c in commands:
            argv += ["-ex", c]
        g = subprocess.run(argv + [str(program)], capture_output=True, timeout=90,
                           stdin=subprocess.DEVNULL)
        out, err = emu.communicate(timeout=60)
    finally:
        if emu.poll() is None:
            emu.kill()
            emu.wait()
    return (g.stdout.decode() + g.stderr.decode(), out.decode(), err.decode(), emu.returncode)


def test_break_bt_registers_memory_step_next_finish_detach(program, tmp_path):
    gdb, out, err, status = debug(program, tmp_path, [
        "break square", "continue", "info threads", "bt", "info registers",
        "x/s greeting", "stepi", "next", "finish", "print counter", "detach"])
    assert "Breakpoint 1, square (n=1) at" in gdb
    assert "pid 1 gdbtarget (stopped)" in gdb                       # info threads
    assert "in main (argc=1, argv=" in gdb and f"gdbtarget.c:{line_of('total += square(i)')}" in gdb
    assert [l for l in gdb.splitlines() if l.startswith("eip ") and "<square+" in l]
    assert [l for l in gdb.splitlines() if l.startswith("esp ") and "0xbf" in l]
    assert '<greeting>:\t"hello gdb"' in gdb                         # x/s
    assert f"{line_of('counter += r;')}\t    counter += r;" in gdb   # next
    assert "Value returned is $1 = 1" in gdb                        # finish
    assert "$2 = 1" in gdb                                           # counter after square(1)
    assert "[Inferior 1 (Remote target) detached]" in gdb
    # Detached: breakpoints gone, the program finishes as it would have.
    assert out == "hello gdb total=14 counter=14 child=4\n"
    assert status == 0


def test_watchpoint_fork_and_breakpoint_in_child(program, tmp_path):
    gdb, out, err, status = debug(program, tmp_path, [
        "watch counter", "continue", "continue", "delete",
        f"break {line_of('waitpid(child')}", "continue", "info threads",
        "break square", "continue", "info threads", "print counter", "delete", "continue"])
    assert "Old value = 0\nNew value = 1" in gdb
    assert "Old value = 1\nNew value = 5" in gdb
    assert "[New Thread 2]" in gdb                                   # the fork
    assert "pid 1 gdbtarget" in gdb and "pid 2 gdbtarget" in gdb
    assert "Thread 2 hit Breakpoint 3, square (n=2)" in gdb          # in the child
    assert "$1 = 100" in gdb                                         # the child's counter
    # Each thread's own state: the one that hit the breakpoint, the other as it was.
    assert "pid 2 gdbtarget (stopped)" in gdb and "pid 1 gdbtarget (runnable)" in gdb
    assert "exited normally" in gdb
    # Neither process kept a stray int3: both ran to their normal end.
    assert out == "hello gdb total=14 counter=14 child=4\n"
    assert status == 0


def test_a_watchpoint_stops_right_after_the_writing_instruction(program, tmp_path):
    """As a hardware watchpoint does: in square, on the line after the store,
    not somewhere later in its caller."""
    gdb, out, err, status = debug(program, tmp_path, [
        "watch counter", "continue", "bt", "delete", "continue"])
    assert "Old value = 0\nNew value = 1" in gdb
    frames = [l for l in gdb.splitlines() if l.startswith("#")]
    assert frames[0].startswith("#0  square (n=1) at ")
    assert frames[0].endswith(f"gdbtarget.c:{line_of('return r;')}")
    assert frames[1].startswith("#1  0x") and " in main (" in frames[1]
    assert out == "hello gdb total=14 counter=14 child=4\n" and status == 0


def test_an_access_watchpoint_leaves_the_rest_of_its_page_working(program, tmp_path):
    """stop_flag shares its page with counter: every read and write of counter
    (in the parent and in the forked child) goes ahead, and nothing stops."""
    gdb, out, err, status = debug(program, tmp_path, [
        "print (int) &counter >> 12 == (int) &stop_flag >> 12", "awatch stop_flag", "continue"])
    assert "$1 = 1" in gdb                                   # the same page
    assert "Value = " not in gdb and "exited normally" in gdb
    assert out == "hello gdb total=14 counter=14 child=4\n" and status == 0


def test_a_read_watchpoint(program, tmp_path):
    gdb, out, err, status = debug(program, tmp_path, [
        "rwatch stop_flag", "continue", "delete", "set var stop_flag = 1", "continue"], "spin")
    assert "Hardware read watchpoint 1: stop_flag\n\nValue = 0" in gdb
    assert f"gdbtarget.c:{line_of('while (!stop_flag)')}" in gdb
    assert out == "stopped spinning\n" and status == 0


def test_stepi_after_a_watchpoint_runs_exactly_one_instruction(program, tmp_path):
    """The watchpoint stops in code Unicorn translated before: a step must not
    run on through that block (emu_start(count=1) did, five instructions)."""
    gdb, out, err, status = debug(program, tmp_path, [
        "watch counter", "continue", "x/2i $pc", "stepi", "info registers eip", "delete",
        "continue"])
    listing = [l for l in gdb.splitlines() if l.lstrip().startswith(("=> 0x", "0x"))
               and "<" in l and ">:" in l]
    following = listing[1].split()[0]                      # the second instruction of x/2i
    assert [l for l in gdb.splitlines() if l.startswith("eip ") and following in l.split()]
    assert out == "hello gdb total=14 counter=14 child=4\n" and status == 0


def test_stepi_through_pushf_and_a_system_call(program, tmp_path):
    """A step sets EFLAGS.TF: pushf must not store it, and stepping `int $0x21`
    stops right after it with the call's result in eax."""
    gdb, out, err, status = debug(program, tmp_path, [
        "break trap_flag_seen", "continue", "stepi 6", "break _sendrec", "continue",
        "stepi 5", "x/i $pc", "stepi", "x/i $pc", "print $eax", "delete", "continue"], "flags")
    assert "int    $0x21" in gdb and "pop    %ebx" in gdb
    assert gdb.index("int    $0x21") < gdb.index("pop    %ebx")
    assert "$1 = 0" in gdb                                  # getpid's SENDREC returned OK
    assert out == "TF=0 pid=1\n" and status == 0


def test_ctrl_c_stops_a_spinning_process(program, tmp_path):
    # gdb's Ctrl-C: SIGINT to gdb itself while it waits in `continue`.
    interrupt = ("import threading, os, signal; "
                 "threading.Timer(2.0, lambda: os.kill(os.getpid(), signal.SIGINT)).start()")
    gdb, out, err, status = debug(program, tmp_path, [
        "continue", "info threads", "print counter > 0", "set var stop_flag = 1", "detach"],
        "spin", gdb_python=interrupt)
    assert "Program received signal SIGINT, Interrupt." in gdb
    loop = (line_of("while (!stop_flag)"), line_of("counter++;"))
    assert any(f"gdbtarget.c:{n}" in gdb for n in loop)           # stopped in the loop
    assert "$1 = 1" in gdb
    assert out == "stopped spinning\n" and status == 0


def test_watchpoints_set_on_code_already_running(program, tmp_path):
    """Set after Ctrl-C, over a loop Unicorn has translated and cached (and
    whose page its TLB holds): both kinds still catch the next access."""
    interrupt = ("import threading, os, signal; "
                 "threading.Timer(2.0, lambda: os.kill(os.getpid(), signal.SIGINT)).start()")
    gdb, out, err, status = debug(program, tmp_path, [
        "continue", "rwatch stop_flag", "continue", "delete", "watch counter", "continue",
        "delete", "set var stop_flag = 1", "detach"], "spin", gdb_python=interrupt)
    assert "Program received signal SIGINT, Interrupt." in gdb
    assert "Hardware read watchpoint 1: stop_flag\n\nValue = 0" in gdb
    assert "Hardware watchpoint 2: counter\n\nOld value = " in gdb
    old, new = (int(gdb.split(f"{w} value = ")[1].split()[0]) for w in ("Old", "New"))
    assert new == old + 1
    assert out == "stopped spinning\n" and status == 0


def test_a_fault_stops_for_gdb_instead_of_killing(program, tmp_path):
    gdb, out, err, status = debug(program, tmp_path, [
        "continue", "bt", "x/i $pc", "continue"], "crash")
    assert "Program received signal SIGSEGV, Segmentation fault." in gdb
    assert "in crash () at" in gdb and f"gdbtarget.c:{line_of('*bad = 42;')}" in gdb
    assert "=> 0x" in gdb and "movl   $0x2a,(%eax)" in gdb
    # gdb passes SIGSEGV on: now the process dies of it, as it would have.
    assert "exited with code 0213" in gdb
    assert "killed by SIGSEGV (write to unmapped address 0x00000010" in err
    assert status == 139


def test_gdb_socket_with_nobody_attached_changes_nothing(program, tmp_path):
    sock = tmp_path / "idle.sock"
    plain = minixemu("run", program)
    served = minixemu("run", "-gdb", f"unix:{sock}", program)
    assert served.out == plain.out == "hello gdb total=14 counter=14 child=4\n"
    assert served.status == plain.status == 0
    assert not sock.exists()      # removed at the end


def test_a_bad_gdb_address_is_a_usage_error(program):
    r = minixemu("run", "-gdb", "serial:COM1", program)
    assert r.status == 2
    assert "expected tcp::PORT, tcp:HOST:PORT or unix:PATH" in r.err


def test_tcp_and_kill(program, tmp_path):
    """-gdb tcp::PORT, and gdb's kill ends the emulator (as QEMU does)."""
    import socket
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    emu = subprocess.Popen([sys.executable, "-m", "emu", "run", "-gdb", f"tcp::{port}", "-S",
                            str(program)], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE)
    try:
        # -S says so on stderr once the stub listens (before the first instruction).
        assert emu.stderr.readline().startswith(b"minixemu: waiting for gdb on tcp::")
        g = subprocess.run(["gdb", "-nx", "-batch", "-ex", f"target remote 127.0.0.1:{port}",
                            "-ex", "break square", "-ex", "continue", "-ex", "kill", str(program)],
                           capture_output=True, timeout=90, stdin=subprocess.DEVNULL)
        out, err = emu.communicate(timeout=60)
    finally:
        if emu.poll() is None:
            emu.kill()
            emu.wait()
    assert b"Breakpoint 1, square (n=1)" in g.stdout
    assert b"[Inferior 1 (Remote target) killed]" in g.stdout
    assert emu.returncode == 137 and out == b""
