"""Big directories go through an index; it must answer exactly as a scan does."""
import random

from emu.abi.errno import Errno
from emu.abi.vfsif import RES_INODE_NR
from emu.servers.mfs.dirindex import DirIndex
from tests.servers.mfs.harness import mounted


def workload(b, seed: int = 7) -> list:
    """Creates, deletes, renames, links and rmdirs in a directory of ~20 blocks."""
    rng = random.Random(seed)
    results = []
    b.mkdir(1, "many")
    big = b.resolve("/many")
    names = []
    for i in range(300):
        name = f"entry-{i:03}-" + "x" * rng.randrange(40)
        if rng.random() < 0.2:
            r = b.mkdir(big, name)
        else:
            r = b.create(big, name)
            if r.status == 0:
                b.putnode(r[RES_INODE_NR])
        results.append(r.status)
        names.append(name)
    for _ in range(200):
        op = rng.randrange(6)
        name = rng.choice(names)
        if op == 0:
            results.append(b.unlink(big, name).status)
        elif op == 1:
            results.append(b.rmdir(big, name).status)
        elif op == 2:
            new = f"new-{rng.randrange(1000)}"
            results.append(b.rename(big, name, big, new).status)
            names.append(new)
        elif op == 3:
            results.append(b.rename(big, name, 1, f"out-{rng.randrange(50)}").status)
        elif op == 4:
            r = b.lookup(f"/many/{name}")
            results.append((r.status, r[RES_INODE_NR] if r.status == 0 else 0))
            if r.status == 0:
                b.putnode(r[RES_INODE_NR])
        else:
            r = b.create(big, name)
            results.append(r.status)
            if r.status == 0:
                b.putnode(r[RES_INODE_NR])
    results.append(b.names(big))
    results.append(b.rmdir(1, "many").status)
    b.putnode(big)
    b.sync()
    return results


def test_index_and_scan_give_the_same_answers_and_bytes(image, monkeypatch):
    used = []
    real_get = DirIndex.get

    def counting_get(self, dirp):
        d = real_get(self, dirp)
        used.append(d is not None)
        return d
    monkeypatch.setattr(DirIndex, "get", counting_get)
    indexed = mounted(bytearray(image))
    with_index = workload(indexed)
    assert sum(used) > 500                    # the big directory went through the index
    monkeypatch.setattr(DirIndex, "get", lambda self, dirp: None)
    scanned = mounted(bytearray(image))
    without = workload(scanned)
    assert with_index == without
    assert -Errno.ENOTEMPTY in with_index and -Errno.EEXIST in with_index
    assert bytes(indexed.disk.image) == bytes(scanned.disk.image)


def test_index_follows_a_rewritten_dotdot(image):
    b = mounted(image)
    b.mkdir(1, "a")
    b.mkdir(1, "b")
    a = b.resolve("/a")
    for i in range(40):                       # /a spans several blocks
        b.putnode(b.create(a, f"f{i:02}")[RES_INODE_NR])
    b.mkdir(a, "sub")
    bdir = b.resolve("/b")
    assert b.lookup("/a/sub/..")[RES_INODE_NR] == a
    b.putnode(a)
    assert b.rename(a, "sub", bdir, "sub").status == 0
    assert b.lookup("/b/sub/..")[RES_INODE_NR] == bdir
    assert b.lookup("/a/sub").status == -Errno.ENOENT
