"""System calls from guest programs: console I/O, the heap, bad pointers, IPC errors."""
import os
import subprocess
import sys
import tty

from tests.conftest import minixemu


def test_console_read_until_end_of_file(guest):
    r = minixemu("run", guest("stdio_echo"), stdin=b"hello there\nsecond line\nno newline")
    assert r.status == 0
    assert r.lines == ["HELLO THERE", "SECOND LINE", "NO NEWLINE2 lines, 34 bytes",
                       "read after EOF: 0"]


def test_console_read_with_no_input(guest):
    r = minixemu("run", guest("stdio_echo"), stdin=b"")
    assert r.lines == ["0 lines, 0 bytes", "read after EOF: 0"]


def test_heap_grows_through_brk(guest):
    r = minixemu("run", guest("memory"), "4")
    assert r.status == 0, r.out
    assert r.lines == ["allocated 16 x 256 KiB, contents ok, break moved up",
                       "realloc to 512 KiB: moved or grown, contents kept",
                       "after free: reused", "3 GiB: NULL, errno ENOMEM"]


def test_running_out_of_guest_memory_is_null_not_a_crash(guest):
    r = minixemu("run", "-m", "8", guest("memory"), "16")
    assert r.status == 0, r.out + r.err
    count = int(r.lines[0].split()[1])
    assert 16 < count < 32          # 8 MiB of RAM: stopped by the machine's size
    assert "3 GiB: NULL, errno ENOMEM" in r.lines
    assert r.err == ""


def test_printf_on_i386(guest):
    r = minixemu("run", guest("printf"))
    assert r.status == 0
    assert r.lines == [
        "[42] [   42] [42   ] [00042] [+42] [ 42]",
        "[3000000000] [ff] [FF] [10] [0xff] [010]",
        "[-2147483648] [4294967295] [-9223372036854775808] [18446744073709551615] [123456789abcdef]",
        "[minix] [min] [       uds] [uds       ] [Z] [%]",
        "[0x1000] [] [007] [8]",
        "[truncat] [14]",
        "[3.14] [1.234568e+04] [0.0001]",
    ]
    assert r.err == "to stderr\n"     # fd 2 is the host's stderr in `run`


def test_bad_pointers_are_efault(guest):
    r = minixemu("run", guest("efault"), stdin=b"abcdefghij\n")
    assert r.status == 0
    assert r.lines == [
        "write(1, 0x10, 5) = -1 (Bad address)",
        "write(1, unmapped high, 5) = -1 (Bad address)",
        "read(0, 0x10, 5) = -1 (Bad address)",
        "text",
        "write(1, text, 5) = 5 (ok)",
        "read(0, text segment, 5) = -1 (Bad address)",
        "write(99, ...) = -1 (Bad file descriptor)",
        "close(99) = -1 (Bad file descriptor)",
    ]


def test_ipc_errors(guest):
    r = minixemu("run", guest("ipcpair"), "errors")
    assert r.status == 0, r.out
    assert "(WRONG)" not in r.out
    assert len(r.lines) == 11


def test_console_is_a_terminal(guest):
    """With a terminal as the host's stdin, the console is one (termios works) and
    echoes what is typed (the host terminal is raw while the guest runs)."""
    master, slave = os.openpty()
    try:
        tty.setraw(slave)       # the host terminal passes "xyz" without a newline
        os.write(master, b"xyz")
        proc = subprocess.run([sys.executable, "-m", "emu", "run", str(guest("termios"))],
                              stdin=slave, capture_output=True, timeout=120)
    finally:
        os.close(master)
        os.close(slave)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().splitlines() == [
        "isatty(0)=1 isatty(99)=0", "icanon=1 echo=1", "after tcsetattr icanon=0",
        "xyzraw read 3: xyz", "window 80x24"]     # the TTY echoed the typed "xyz"


def test_console_from_a_pipe_is_not_a_terminal(guest):
    r = minixemu("run", guest("termios"), stdin=b"xyz")
    assert r.status == 1          # tcgetattr fails: ENOTTY
    assert r.lines == ["isatty(0)=0 isatty(99)=0"]
