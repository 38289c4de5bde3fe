"""Server.handle: the sender rules of a table entry, checked before dispatch."""
from emu.abi import endpoints as ep
from emu.abi.errno import Errno
from emu.abi.message import Message
from emu.debug.trace import TraceBus
from emu.servers.server import Senders, Server

USER_EP = ep.make_endpoint(1, 40)


class FakeSys:
    """What Server needs of the SystemTask: the trace, names, the nested-call record."""

    def __init__(self) -> None:
        self.trace = TraceBus(lambda: 0)
        self.waiting: dict[int, int] = {}

    def awaiting(self, endpoint: int):
        return self.waiting.get(endpoint)

    def name_of(self, endpoint: int) -> str:
        return ep.SYSTEM_NAMES.get(endpoint, f"proc{endpoint}")


def _handled(srv, m):
    srv.calls.append(m.m_type)
    return 0


class Probe(Server):
    name = "probe"
    endpoint = ep.PFS
    CALLS = {
        100: (_handled, Senders.USER),
        101: (_handled, Senders.PM),
        102: (_handled, Senders.NESTED),
        103: (_handled, Senders.KERNEL),
        104: (_handled, Senders.ANY_SERVER),
        105: _handled,                              # no rule: nobody
        106: (_handled, Senders.of(ep.MFS) | Senders.VFS),
    }

    def __init__(self, sys) -> None:
        super().__init__(sys)
        self.calls = []


def _send(srv, source, mtype) -> int:
    m = Message.of(mtype)
    m.m_source = source
    return srv.handle(m).m_type


def test_each_class_of_sender():
    srv = Probe(FakeSys())
    denied = -Errno.ECALLDENIED
    assert [_send(srv, USER_EP, t) for t in range(100, 107)] == [0] + [denied] * 6
    assert [_send(srv, ep.PM, t) for t in range(100, 107)] == \
        [denied, 0, denied, denied, 0, denied, denied]
    assert [_send(srv, ep.CLOCK, t) for t in range(100, 107)] == \
        [denied, denied, denied, 0, denied, denied, denied]
    assert _send(srv, ep.MFS, 106) == 0 and _send(srv, ep.VFS, 106) == 0
    assert _send(srv, ep.TTY, 106) == denied
    assert srv.calls == [100, 101, 104, 103, 106, 106]


def test_unknown_request_is_enosys_for_everyone():
    srv = Probe(FakeSys())
    assert _send(srv, USER_EP, 999) == -Errno.ENOSYS
    assert _send(srv, ep.PM, 999) == -Errno.ENOSYS


def test_nested_calls_only_from_the_server_being_awaited():
    sys = FakeSys()
    srv = Probe(sys)
    assert _send(srv, ep.VFS, 102) == -Errno.ECALLDENIED    # nobody awaited
    sys.waiting[ep.PFS] = ep.VFS                            # PFS waits on VFS
    assert _send(srv, ep.VFS, 102) == 0
    assert _send(srv, ep.MFS, 102) == -Errno.ECALLDENIED    # not the one awaited
    assert _send(srv, USER_EP, 102) == -Errno.ECALLDENIED


def test_a_refusal_is_a_deny_event():
    sys = FakeSys()
    events = []
    sys.trace.subscribe(events.append, {"deny"})
    srv = Probe(sys)
    _send(srv, USER_EP, 101)
    _send(srv, ep.PM, 105)
    assert [(e["ev"], e["src_ep"], e["type"]) for e in events] == \
        [("request", USER_EP, 101), ("request", ep.PM, 105)]
    assert events[0]["reason"] == "USER may not send it (allowed: PM)"
    assert events[1]["reason"] == "PM may not send it (allowed: NOBODY)"
    assert srv.calls == []


def test_system_call_fast_path_table_holds_only_user_calls():
    srv = Probe(FakeSys())
    assert set(srv.user_calls) == {100}


def test_real_tables_declare_senders_for_every_entry():
    """PM, VFS and TTY: every entry carries an explicit rule (none defaults to NOBODY)."""
    from emu.servers.pm.table import CALLS as PM_CALLS
    from emu.servers.tty.table import CALLS as TTY_CALLS
    from emu.servers.vfs.table import CALLS as VFS_CALLS
    for calls in (PM_CALLS, VFS_CALLS, TTY_CALLS):
        for nr, entry in calls.items():
            assert isinstance(entry, tuple) and entry[1], nr
