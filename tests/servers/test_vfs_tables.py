"""VFS's tables on their own: open files, vnode references, how a path is cut."""
import pytest

from emu.abi.errno import Errno, ErrnoError
from emu.servers.vfs.filp import FilpTable
from emu.servers.vfs.path import split_last
from emu.servers.vfs.vnode import VnodeTable


def test_the_open_file_table_is_ENFILE_when_full_and_reuses_slots():
    table = FilpTable(8)
    filps = [table.alloc(0, 0) for _ in range(8)]
    assert sorted(f.id for f in filps) == list(range(8))
    with pytest.raises(ErrnoError) as e:
        table.alloc(0, 0)
    assert e.value.errno == Errno.ENFILE
    table.free(filps[5])
    again = table.alloc(2, 0)
    assert again.id == 5 and table.get(5) is again and table.in_use() == 8


def test_the_last_reference_sends_putnode_with_every_server_reference():
    sent = []
    vnodes = VnodeTable(lambda fs_e, ino, count: sent.append((fs_e, ino, count)))
    a = vnodes.enter(7, 12, 0o100644, 10, 0, 0, 0, None)
    b = vnodes.enter(7, 12, 0o100644, 20, 0, 0, 0, None)     # a second lookup of it
    assert a is b and a.ref == 2 and a.fs_count == 2 and a.size == 20
    vnodes.dup(a)
    vnodes.put(a)
    vnodes.put(a)
    assert sent == [] and vnodes.find(7, 12) is a
    vnodes.put(a)
    assert sent == [(7, 12, 2)] and vnodes.find(7, 12) is None and len(vnodes) == 0


@pytest.mark.parametrize("path, cut", [
    (b"a", (b".", b"a")), (b"/a", (b"/", b"a")), (b"/a/b/c", (b"/a/b", b"c")),
    (b"a/b/", (b"a", b"b")), (b"/", (b"/", b".")), (b"//a//b", (b"//a", b"b")),
    (b"a/", (b".", b"a")),
])
def test_split_last(path, cut):
    assert split_last(path) == cut
