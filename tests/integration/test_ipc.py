"""MINIX IPC between two guest processes: SENDREC/RECEIVE/SEND, NOTIFY, ELOCKED."""
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
    r = minixemu("run", "-d", "ipc", guest("ipcpair"), "3")
    sends = [l for l in r.err.splitlines() if "message type=0x7001" in l and "->" in l]
    assert len(sends) == 3
