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


def test_idle_vnodes_keep_the_servers_references_until_a_link_may_go():
    """Files and directories of a mount stay idle when unreferenced (no
    REQ_PUTNODE), come back with the next lookup, leave oldest first, and are
    put before an unlink (files) or rmdir/rename (directories too) and at
    umount; a referenced vnode is then put as soon as it is released."""
    sent = []
    vnodes = VnodeTable(lambda fs_e, ino, count: sent.append((fs_e, ino, count)), idle_max=2)
    mount = object()
    f = vnodes.enter(7, 12, 0o100644, 10, 0, 0, 0, mount)
    vnodes.put(f)
    assert sent == [] and vnodes.find(7, 12) is f and f.ref == 0
    assert vnodes.enter(7, 12, 0o100644, 10, 0, 0, 0, mount) is f and f.fs_count == 2
    vnodes.put(f)
    d = vnodes.enter(7, 2, 0o040755, 64, 0, 0, 0, mount)
    vnodes.put(d)
    pipe = vnodes.enter(9, 3, 0o010600, 0, 0, 0, 0, None)     # no mount, not a file: put now
    vnodes.put(pipe)
    assert sent == [(9, 3, 1)]
    vnodes.may_unlink(7, directories=False)                   # the file goes, the directory stays
    assert sent[1:] == [(7, 12, 2)] and vnodes.find(7, 2) is d
    open_file = vnodes.enter(7, 13, 0o100644, 0, 0, 0, 0, mount)
    vnodes.may_unlink(7, directories=True)
    assert sent[2:] == [(7, 2, 1)]
    vnodes.put(open_file)                                     # its link may be gone: put at once
    assert sent[3:] == [(7, 13, 1)] and len(vnodes) == 0
    for ino in (20, 21, 22):                                  # the oldest leaves past idle_max
        vnodes.put(vnodes.enter(7, ino, 0o100644, 0, 0, 0, 0, mount))
    assert sent[4:] == [(7, 20, 1)]
    vnodes.flush(7)
    assert sorted(sent[5:]) == [(7, 21, 1), (7, 22, 1)] and len(vnodes) == 0


@pytest.mark.parametrize("path, cut", [
    (b"a", (b".", b"a")), (b"/a", (b"/", b"a")), (b"/a/b/c", (b"/a/b", b"c")),
    (b"a/b/", (b"a", b"b")), (b"/", (b"/", b".")), (b"//a//b", (b"//a", b"b")),
    (b"a/", (b".", b"a")),
])
def test_split_last(path, cut):
    assert split_last(path) == cut
