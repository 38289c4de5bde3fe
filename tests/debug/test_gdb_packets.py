"""The remote protocol's framing: checksums, acks, a bad checksum asks again,
binary escapes, and 0x03 between packets is an interrupt."""
import socket

from emu.debug.gdbstub.packets import Connection, escape_binary, frame, unescape_binary


def test_frame_and_checksum():
    assert frame(b"OK") == b"$OK#9a"
    assert frame(b"") == b"$#00"


def test_binary_escapes_round_trip():
    data = bytes(range(256))
    escaped = escape_binary(data)
    for special in b"#$*":
        assert special not in escaped
    assert unescape_binary(escaped) == data


def test_packets_acks_retransmission_and_interrupt():
    ours, gdb = socket.socketpair()
    conn = Connection(ours)
    gdb.sendall(b"+\x03$g#00$g#67")      # an ack, Ctrl-C, a corrupt packet, a good one
    conn.poll()
    assert conn.interrupted
    assert conn.next_packet() == b"g"
    assert gdb.recv(10) == b"-+"          # the corrupt one is refused, the good one acked
    conn.send(b"OK")
    assert gdb.recv(10) == b"$OK#9a"
    gdb.close()
    conn.close()
