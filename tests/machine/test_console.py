"""Host output: flow control, a closed pipe, host errors; input read only as asked."""
import os

import pytest

from emu.hostio import HostIOError, HostOutputClosed
from emu.machine.console import OUTPUT_LIMIT, HostConsole, HostOutput


def test_output_waits_for_a_nonblocking_pipe_and_loses_nothing():
    r, w = os.pipe()
    os.set_blocking(w, False)
    out = HostOutput(w)
    received = bytearray()
    data = bytes(range(256)) * 4096                 # 1 MiB, far more than a pipe holds
    pid = os.fork()
    if pid == 0:                                     # the reader
        os.close(w)
        while chunk := os.read(r, 4096):
            received += chunk
        os._exit(0 if bytes(received) == data else 1)
    os.close(r)
    for i in range(0, len(data), 1000):
        out.write(data[i:i + 1000])
        assert len(out._buf) < OUTPUT_LIMIT         # bounded: the write waited instead
    out.flush()
    os.close(w)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def test_closed_pipe_and_full_disk():
    r, w = os.pipe()
    os.close(r)
    out = HostOutput(w)
    out.write(b"x")
    with pytest.raises(HostOutputClosed):
        out.flush()
    os.close(w)
    with open("/dev/full", "wb") as full:
        out = HostOutput(full.fileno())
        out.write(b"x")
        with pytest.raises(HostIOError, match="stdout: no space left on device"):
            out.flush()


def test_peers_keep_their_order():
    r, w = os.pipe()
    stdout, stderr = HostOutput(w, "stdout"), HostOutput(w, "stderr")
    stdout.peers.append(stderr)
    stderr.peers.append(stdout)
    stdout.write(b"1 ")
    stderr.write(b"2 ")
    stdout.write(b"3")
    stdout.flush()
    stderr.flush()
    os.close(w)
    assert os.read(r, 100) == b"1 2 3"
    os.close(r)


def test_input_in_pieces_no_larger_than_asked():
    c = HostConsole(input_data=b"abcdef")
    assert c.poll(4) == b"abcd"
    assert not c.eof
    assert c.poll(4) == b"ef"
    assert c.eof
