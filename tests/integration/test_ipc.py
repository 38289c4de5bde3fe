"""MINIX IPC between two guest processes: SENDREC/RECEIVE/SEND, NOTIFY, ELOCKED."""
import re

from tests.conftest import minixemu


def test_thousand_round_trips(guest):
    r = minixemu("run", guest("ipcpair"), "1000")
    assert r.status == 0, r.out + r.err
    assert "client: 1000 round trips ok" in r.lines
    assert "server: served 1000 requests" in r.lines


def test_notify(guest):
    r = minixemu("run", guest("ipcpair"), "notify")
    assert r.status == 0, r.out
    assert r.lines[0].startswith("child: notification received (type 0x1000")


def test_sendrec_cycle_is_elocked(guest):
    r = minixemu("run", guest("ipcpair"), "cycle")
    assert r.status == 0, r.out
    assert "child: sendrec to parent = -101 (ELOCKED)" in r.lines
    assert "parent: sendrec to child = 0" in r.lines


def test_ipc_trace_shows_both_sides(guest):
    """Each round trip appears from both processes: the client's SENDREC and the
    server's RECEIVE of it, then the server's SEND of the reply and the client's
    receipt of that reply, in this order, with the values each side saw."""
    r = minixemu("run", "-d", "ipc", guest("ipcpair"), "3")
    assert r.status == 0, r.out + r.err
    client, server = "tests-ipcpair[1]", "tests-ipcpair[2]"
    between = [" ".join(m.group(1).split()) for m in
               (re.match(r"\[\s*[\d.]+\] ipc +(.*)", line) for line in r.err.splitlines())
               if m and client in m.group(1) and server in m.group(1)]
    expected = []
    for i in range(3):
        ping, pong = f"[{i}, 0, 0, 0, 0, 0, 0]", f"[{i}, {2 * i + 1}, 0, 0, 0, 0, 0]"
        expected += [f"{client} -> {server} message type=0x7001 {ping}",
                     f"{server} <- {client} received message type=0x7001 {ping}",
                     f"{server} -> {client} [send] message type=0x0 {pong}",
                     f"{client} <- {server} received message type=0x0 {pong}"]
    assert between[:12] == expected
