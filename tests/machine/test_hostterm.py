"""The host terminal: raw while the guest runs and always restored; QEMU's
console escapes (Ctrl-a x, Ctrl-a h, Ctrl-a Ctrl-a)."""
import os
import termios

import pytest

from emu.machine.console import HostConsole
from emu.machine.hostterm import EscapeFilter, raw_terminal


def test_raw_mode_inside_and_the_old_attributes_back_after_an_exception():
    master, slave = os.openpty()
    try:
        before = termios.tcgetattr(slave)
        with pytest.raises(RuntimeError):
            with raw_terminal(slave) as raw:
                assert raw
                lflag = termios.tcgetattr(slave)[3]
                assert not lflag & (termios.ISIG | termios.ICANON | termios.ECHO)
                raise RuntimeError("the emulator failed")
        assert termios.tcgetattr(slave) == before
    finally:
        os.close(master)
        os.close(slave)


def test_not_a_terminal_is_left_alone():
    r, w = os.pipe()
    with raw_terminal(r) as raw:
        assert raw is False
    os.close(r)
    os.close(w)


def test_escapes_are_taken_out_of_the_input():
    shown = []
    f = EscapeFilter(shown.append)
    assert f.filter(b"plain") == b"plain"
    assert f.filter(b"a\x01\x01b") == b"a\x01b"          # Ctrl-a Ctrl-a: one Ctrl-a
    assert f.filter(b"\x01h") == b"" and b"C-a x" in shown[0]
    assert f.filter(b"c\x01") == b"c" and not f.quit     # split across two reads
    assert f.filter(b"xafter") == b"" and f.quit


def test_a_terminal_console_filters_escapes_and_asks_to_quit():
    console = HostConsole(input_data=b"ls\x01x", interactive=True)
    assert console.poll() == b"ls"
    assert console.quit_requested
    piped = HostConsole(input_data=b"ls\x01x", interactive=False)
    assert piped.poll() == b"ls\x01x" and not piped.quit_requested
