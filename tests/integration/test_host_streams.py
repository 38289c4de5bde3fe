"""The host side of a run: streams, host I/O errors, QEMU's options, virtual time.

What a user sees when stdout is a closed pipe or a full disk, where the
guest's stderr goes, and that time moves for a program that only makes
system calls, deterministically.
"""
import os
import subprocess
import sys
import time

import pytest

from emu.cli import main
from tests.conftest import minixemu

PYTHON_M_EMU = [sys.executable, "-m", "emu"]


def test_closed_pipe_ends_quietly():
    """`minixemu boot ... | head -1`: one line, and no error from minixemu
    (the guest writes without end, so the pipe is sure to close under it)."""
    proc = subprocess.Popen([*PYTHON_M_EMU, "boot", "-c", "cat /dev/zero"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()                       # what head does after one line
    err = proc.stderr.read().decode()
    status = proc.wait(timeout=120)
    assert first.startswith(b"minixemu firmware")
    assert err == ""
    assert status == 141                      # 128 + SIGPIPE, as a shell reports it


def test_full_stdout_is_one_line(guest):
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([*PYTHON_M_EMU, "run", str(guest("printf"))], stdout=full,
                              stderr=subprocess.PIPE, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.decode().splitlines() == ["minixemu: stdout: no space left on device"]


def test_full_trace_file_is_one_line(guest):
    r = minixemu("run", "-D", "/dev/full", guest("args"), "x")
    assert r.status == 1
    assert r.err.splitlines()[-1] == "minixemu: /dev/full: no space left on device"
    assert "Traceback" not in r.err


def test_closed_stdout_is_one_line(guest):
    proc = subprocess.run([*PYTHON_M_EMU, "run", str(guest("printf"))], stdout=None,
                          stderr=subprocess.PIPE, timeout=120, close_fds=True,
                          preexec_fn=lambda: os.close(1))
    assert proc.returncode == 1
    assert proc.stderr.decode().splitlines() == ["minixemu: stdout: closed (bad file descriptor)"]


def test_guest_stderr_is_host_stderr(guest):
    """fd 2 of the program reaches the host's stderr, and only there."""
    proc = subprocess.run([*PYTHON_M_EMU, "run", str(guest("printf"))], capture_output=True,
                          timeout=120)
    assert b"to stderr" not in proc.stdout
    assert proc.stderr == b"to stderr\n"
    hidden = subprocess.run([*PYTHON_M_EMU, "run", str(guest("printf"))],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=120)
    assert hidden.stdout == proc.stdout


def test_firmware_lines_end_in_lf_on_a_pipe():
    r = subprocess.run([*PYTHON_M_EMU, "boot"], capture_output=True, timeout=120)
    assert r.stdout.startswith(b"minixemu firmware 0.1 (i386)\nmemory: 64 MiB\n")
    assert b"\r" not in r.stdout


@pytest.mark.parametrize("what", ["fifo", "/dev/zero"])
def test_a_program_that_is_not_a_file(tmp_path, what):
    path = tmp_path / "fifo" if what == "fifo" else what
    if what == "fifo":
        os.mkfifo(path)
    r = minixemu("run", path, timeout=30)
    assert r.status == 2
    assert r.err.strip() == f"minixemu: {path}: not a regular file"


def test_huge_memory_image_is_enomem(guest, tmp_path):
    """An ELF whose bss wants 512 MiB of a 64 MiB machine: one line, exit 2."""
    import struct
    data = bytearray(guest("args").read_bytes())
    phoff, phnum = struct.unpack_from("<I", data, 28)[0], struct.unpack_from("<H", data, 44)[0]
    for i in range(phnum):
        off = phoff + 32 * i
        if struct.unpack_from("<I", data, off)[0] == 1 and struct.unpack_from("<I", data, off + 24)[0] & 2:
            struct.pack_into("<I", data, off + 20, 512 << 20)     # p_memsz of the data segment
    huge = tmp_path / "huge"
    huge.write_bytes(data)
    r = minixemu("run", huge)
    assert (r.status, r.err.strip()) == (2, "minixemu: huge: cannot start it: not enough space")


def test_five_megabytes_of_arguments(guest, capsys):
    """More than the host's exec allows, so in-process: E2BIG as one line."""
    status = main(["run", str(guest("args")), *["y" * 100_000] * 50])
    err = capsys.readouterr().err
    assert status == 2
    assert err.strip() == "minixemu: tests-args: cannot start it: arg list too long"


def test_arguments_that_are_not_utf8(guest):
    proc = subprocess.run([*PYTHON_M_EMU.copy(), "run", str(guest("args")), b"\xff\xfe".decode(
        "utf-8", "surrogateescape")], capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert b"\xff\xfe" in proc.stdout                  # the bytes reach the guest unchanged
    bad_env = subprocess.run([*PYTHON_M_EMU, "run", "-E", b"X=\xff".decode(
        "utf-8", "surrogateescape"), str(guest("args"))], capture_output=True, timeout=120)
    assert bad_env.returncode == 0, bad_env.stderr


def test_output_to_a_slow_nonblocking_pipe_arrives_whole(guest, tmp_path):
    """Flow control: 100 MB through a pipe whose writer end is non-blocking
    (another program set O_NONBLOCK on it) and whose reader is slow: every byte
    arrives, and the emulator's memory stays bounded."""
    big = tmp_path / "big.c"
    big.write_text(
        "#include <stdlib.h>\n#include <unistd.h>\n"
        "int main(int c, char **v) { static char b[65536]; long t = atol(v[1]) << 20;\n"
        "  for (int i = 0; i < 65536; i++) b[i] = 'a' + i % 26;\n"
        "  while (t > 0) { int n = t < 65536 ? (int) t : 65536; int w = (int) write(1, b, n);\n"
        "    if (w <= 0) return 1; t -= w; } return 0; }\n")
    prog = tmp_path / "big"
    assert main(["cc", "-O2", str(big), "-o", str(prog)]) == 0
    r, w = os.pipe()
    os.set_blocking(w, False)
    proc = subprocess.Popen([*PYTHON_M_EMU, "run", str(prog), "100"], stdout=w)
    os.close(w)
    received, peak_kib = 0, 0
    while chunk := os.read(r, 65536):
        received += len(chunk)
        if received < (4 << 20):
            time.sleep(0.001)                  # slow at first: the pipe fills up
        peak_kib = max(peak_kib, _peak_rss_kib(proc.pid))
    os.close(r)
    assert proc.wait(timeout=60) == 0
    assert received == 100 << 20
    assert 0 < peak_kib < 200 * 1024           # the emulator's own peak (VmHWM), not zig's


def _peak_rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def test_qemu_style_options(guest, tmp_path):
    image = tmp_path / "disk.img"
    assert minixemu("mkimage", image).status == 0
    before = image.read_bytes()
    r = minixemu("-hda", image, "-m", "64M", "-snapshot", "-nographic", "-serial", "stdio",
                 "run", guest("persist"), "write", "/tmp/x", "lost")
    assert r.status == 0, r.err
    assert image.read_bytes() == before                    # -snapshot: nothing reached it
    assert minixemu("run", "-m", "1G", guest("args")).status == 0
    both = minixemu("boot", image, "-hda", image)
    assert both.status == 2 and "not both" in both.err


def test_rtc_base_sets_the_guest_clock(guest):
    r = minixemu("run", "-rtc", "base=2030-01-01T00:00:00", guest("clock"), "now")
    assert r.status == 0
    assert int(r.out) - 1893456000 in (0, 1)
    default = minixemu("run", guest("clock"), "now")
    assert int(default.out) - 1279152000 in (0, 1)        # the fixed default date


def test_syscalls_alone_move_the_clock(guest):
    """A loop on time() sees two guest seconds pass (it ends), and two runs give
    the same trace. How fast in wall time: bench/ ("time() loop")."""
    first = minixemu("run", "-d", "sched", guest("clock"), "poll", "2")
    assert first.status == 0, first.err
    assert first.out == "from 1279152000 to 1279152002\n"
    second = minixemu("run", "-d", "sched", guest("clock"), "poll", "2")
    assert (second.out, second.err) == (first.out, first.err)


def test_alarm_fires_while_input_keeps_arriving(guest):
    with open("/dev/zero", "rb") as zero:
        proc = subprocess.run([*PYTHON_M_EMU, "run", str(guest("alarm")), "1"], stdin=zero,
                              capture_output=True, timeout=60)
    assert proc.returncode == 128 + 14        # SIGALRM's default action
