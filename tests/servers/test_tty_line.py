"""The TTY's line discipline: canonical editing, EOF, raw mode, termios."""
from emu.abi import ioctl as T
from emu.servers.tty.line import TtyLine


def line(echo=False):
    return TtyLine(echo=echo, map_nl_to_crnl=False)


def test_a_read_waits_for_a_whole_line():
    t = line()
    t.receive(b"hel")
    assert t.take_input(100) is None
    t.receive(b"lo\r")                       # ICRNL: carriage return ends the line
    assert t.take_input(100) == b"hello\n"


def test_reads_never_cross_a_line():
    t = line()
    t.receive(b"one\ntwo\n")
    assert t.take_input(100) == b"one\n"
    assert t.take_input(2) == b"tw"
    assert t.take_input(100) == b"o\n"


def test_erase_and_kill_edit_the_line():
    t = line(echo=True)
    t.receive(b"abx\x08c\n")                  # backspace erases x
    assert t.take_input(100) == b"abc\n"
    t.receive(b"garbage\x15ok\n")             # ^U kills the line
    assert t.take_input(100) == b"ok\n"
    assert bytes(t.echo_out).startswith(b"abx\b \bc\n")


def test_veof_ends_a_read_and_on_an_empty_line_is_end_of_file():
    t = line()
    t.receive(b"partial\x04")
    assert t.take_input(100) == b"partial"
    t.receive(b"\x04")
    assert t.take_input(100) == b""
    t.receive(b"next\n")
    assert t.take_input(100) == b"next\n"


def test_hang_up_releases_what_was_typed_then_eof():
    t = line()
    t.receive(b"no newline")
    t.hang_up()
    assert t.take_input(100) == b"no newline"
    assert t.take_input(100) == b""


def test_raw_mode_and_vmin():
    t = line()
    raw = bytearray(t.get_termios())
    iflag, oflag, cflag, lflag, ispeed, ospeed, cc = T.TERMIOS.unpack(bytes(raw))
    cc = bytearray(cc)
    cc[T.VMIN] = 3
    t.set_termios(T.TERMIOS.pack(iflag, oflag, cflag, lflag & ~T.ICANON, ispeed, ospeed, bytes(cc)))
    t.receive(b"ab")
    assert t.take_input(10) is None           # fewer than VMIN bytes
    t.receive(b"c")
    assert t.take_input(10) == b"abc"


def test_termios_round_trip_and_output_mapping():
    t = TtyLine(echo=True, map_nl_to_crnl=True)
    iflag, oflag, cflag, lflag, *_ = T.TERMIOS.unpack(t.get_termios())
    assert lflag & T.ECHO and lflag & T.ICANON and oflag & T.ONLCR
    assert t.process_output(b"a\nb") == b"a\r\nb"
    t.set_termios(t.get_termios())
    assert t.get_termios() == TtyLine(echo=True, map_nl_to_crnl=True).get_termios()


def test_a_line_before_veof_is_read_on_its_own():
    t = line()
    t.receive(b"a\nb\x04")
    assert t.take_input(100) == b"a\n"
    assert t.take_input(100) == b"b"
    t.receive(b"\x04")
    assert t.take_input(100) == b""


def test_input_is_flow_controlled():
    from emu.servers.tty.line import MAX_INPUT
    t = line()
    t.receive(b"x\n" * (MAX_INPUT // 2))
    assert t.room() == 0                         # full: the rest waits in the UART
    assert t.take_input(2) == b"x\n"
    assert t.room() == 2


def test_an_overlong_line_keeps_draining():
    from emu.servers.tty.line import MAX_INPUT
    t = line()
    t.receive(b"y" * (MAX_INPUT + 10))
    assert t.room() == 1                         # no complete line: take and drop
    t.receive(b"\n")
    assert t.take_input(MAX_INPUT + 100) == b"y" * MAX_INPUT + b"\n"


def test_readable_for_select_exactly_when_a_read_would_not_wait():
    t = line()
    assert not t.readable()
    t.receive(b"par")
    assert not t.readable() and t.take_input(10) is None      # half a line: a read waits
    t.receive(b"t\n")
    assert t.readable()
    t.take_input(10)
    assert not t.readable()
    t.receive(b"\x04")                                        # ^D on an empty line: EOF
    assert t.readable() and t.take_input(10) == b""
    t.hang_up()
    assert t.readable()
