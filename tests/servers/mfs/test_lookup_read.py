"""MFS: mounting, lookups (permissions, symlinks, mount points) and reading, via messages."""
import pytest

from emu.abi import endpoints as ep
from emu.abi.errno import Errno
from emu.abi.vfsif import (EENTERMOUNT, ELEAVEMOUNT, ESYMLINK, PATH_RET_SYMLINK,
                           RES_DEV, RES_FILE_SIZE_LO, RES_GID, RES_INODE_NR, RES_MODE,
                           RES_OFFSET, RES_SYMLOOP, RES_UID, FsRequest as R)
from tests.servers.mfs.harness import Bench, mounted


def test_readsuper_returns_the_root(image):
    b = Bench(image)
    r = b.readsuper()
    assert r.status == 0
    assert (r[RES_INODE_NR], r[RES_MODE], r[RES_UID], r[RES_GID]) == (1, 0o40755, 0, 0)
    assert b.disk.opens == 1
    assert b.in_use() == 1


@pytest.mark.parametrize("fixture", ["image", "image4k"])
def test_read_files(fixture, request):
    b = mounted(request.getfixturevalue(fixture))
    assert b.read_file("/etc/passwd") == b"root:x:0:0:root:/root:/bin/sh\n"
    assert b.read_file("/big") == bytes(i % 251 for i in range(300_000))
    assert b.in_use() == 1            # every lookup's reference was put back


def test_read_ranges_and_eof(image):
    b = mounted(image)
    ino = b.resolve("/big")
    assert b.read(ino, 299_990, 100).data == bytes(i % 251 for i in range(299_990, 300_000))
    r = b.read(ino, 300_000, 10)
    assert r.status == 0 and r.data == b""
    r = b.read(ino, 5000, 3000)
    assert r.data == bytes(i % 251 for i in range(5000, 8000))


def test_lookup_reply_fields(image):
    b = mounted(image)
    r = b.lookup("/dev/c0d0")
    assert r.status == 0
    assert r[RES_MODE] == 0o60600 and r[RES_DEV] == 0x300 and r[RES_FILE_SIZE_LO] == 0
    r2 = b.lookup("home//user/")
    assert r2.status == 0 and r2[RES_UID] == 1000 and r2[RES_GID] == 100
    assert b.lookup("").status == 0 and b.lookup("")[RES_INODE_NR] == 1


@pytest.mark.parametrize("path,errno", [
    ("/nope", Errno.ENOENT),
    ("/etc/passwd/x", Errno.ENOTDIR),
    ("/etc/passwd/", Errno.ENOTDIR),
    ("/" + "n" * 61, Errno.ENAMETOOLONG),
])
def test_lookup_errors(image, path, errno):
    b = mounted(image)
    assert b.lookup(path).status == -errno
    assert b.in_use() == 1


def test_sixty_character_names_are_fine(image):
    b = mounted(image)
    r = b.create(1, "n" * 60)
    assert r.status == 0
    b.putnode(r[RES_INODE_NR])
    assert b.lookup("/" + "n" * 60).status == 0


def test_search_permission(image):
    b = mounted(image)
    assert b.lookup("/home/user/notes", uid=1001, gid=101).status == -Errno.EACCES
    assert b.lookup("/home/user/notes", uid=1000, gid=100).status == 0
    assert b.lookup("/home/user/notes", uid=0, gid=0).status == 0
    # A supplementary group does not help: the directory is 0700.
    assert b.lookup("/home/user/notes", uid=5, gid=5, groups=[100]).status == -Errno.EACCES
    ino = b.resolve("/home/user")
    assert b.chmod(ino, 0o750).status == 0
    assert b.lookup("/home/user/notes", uid=5, gid=5, groups=[7, 100]).status == 0
    assert b.lookup("/home/user/notes", uid=5, gid=5).status == -Errno.EACCES
    assert b.lookup("/home/user/notes", uid=5, gid=100).status == 0


def test_absolute_symlink_is_handed_back(image):
    b = mounted(image)
    r = b.lookup("/bin/sh")
    assert r.status == ESYMLINK
    assert r.data == b"/usr/bin/sh" and r[RES_OFFSET] == 0 and r[RES_SYMLOOP] == 1
    r = b.lookup("/bin/sh/x/y")
    assert r.status == ESYMLINK and r.data == b"/usr/bin/sh/x/y"
    r = b.lookup("/bin/sh", flags=PATH_RET_SYMLINK)
    assert r.status == 0 and r[RES_MODE] & 0o170000 == 0o120000
    b.putnode(r[RES_INODE_NR])
    assert b.in_use() == 1


def test_relative_symlink_is_followed(image):
    b = mounted(image)
    r = b.lookup("/usr/lib/libc.a")
    assert r.status == 0 and r[RES_SYMLOOP] == 1
    assert b.read(r[RES_INODE_NR], 0, 10).data == b"libc"


def test_symlink_loop(image):
    b = mounted(image)
    assert b.symlink(1, "loop", "loop").status == 0
    assert b.lookup("/loop").status == -Errno.ELOOP
    assert b.in_use() == 1


def test_dotdot_at_roots(image):
    b = mounted(image)
    # `..` at the process root stays there.
    r = b.lookup("/../../etc/passwd")
    assert r.status == 0
    # A non-root file system: `..` at its root leaves it.
    b2 = Bench(bytearray(image))
    assert b2.readsuper(flags=0).status == 0
    etc = b2.resolve("/etc")
    r = b2.lookup("../../x", dir_ino=etc, root_ino=999)
    assert r.status == ELEAVEMOUNT and r[RES_OFFSET] == 3
    b2.putnode(etc)


def test_mount_point_is_reported(image):
    b = mounted(image)
    tmp = b.resolve("/tmp")
    assert b.mountpoint(tmp).status == 0
    assert b.mountpoint(tmp).status == -Errno.EBUSY
    r = b.lookup("/tmp/a/b")
    assert r.status == EENTERMOUNT and r[RES_INODE_NR] == tmp and r[RES_OFFSET] == 5
    r = b.lookup("/tmp")
    assert r.status == EENTERMOUNT and r[RES_OFFSET] == 4
    # Coming back out: VFS restarts at the mount point with "..".
    r = b.lookup("../etc", dir_ino=tmp)
    assert r.status == 0
    b.putnode(r[RES_INODE_NR])
    b.putnode(tmp)
    assert b.in_use() == 1


def test_getdents(image):
    b = mounted(image)
    assert b.names(1) == [".", "..", "big", "bin", "dev", "etc", "home", "lib", "tmp", "usr"]
    etc = b.resolve("/etc")
    assert b.getdents(etc, 0, 8).status == -Errno.EINVAL     # no room for one entry
    b.putnode(etc)


def test_only_vfs_may_ask(image):
    b = mounted(image)
    r = b.send(R.REQ_SYNC, src=ep.PM)
    assert r.status == -Errno.ECALLDENIED


def test_requests_before_mount(image):
    b = Bench(image)
    assert b.lookup("/etc").status == -Errno.EINVAL
    assert b.readsuper().status == 0
    assert b.readsuper().status == -Errno.EBUSY


def test_stat(image):
    b = mounted(image)
    ino = b.resolve("/home/user/notes")
    s = b.st(ino)
    assert (s.ino, s.mode, s.nlink, s.uid, s.gid, s.size) == (ino, 0o100600, 1, 1000, 100, 6)
    assert s.dev == (3 << 8) | 1 and s.rdev == 0
    assert b.st(b.resolve("/dev/null")).rdev == (1 << 8) | 3
