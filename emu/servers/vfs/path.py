"""Path names to vnodes (MINIX's path.c): lookup, symlinks, mount points.

VFS hands the whole remaining path to the file system server that holds the
starting directory (REQ_LOOKUP); the server walks its own directories,
checks search permission with the caller's ids and follows relative symlinks
itself. It stops early when the walk leaves its tree: EENTERMOUNT (a mount
point: continue at the mounted root), ELEAVEMOUNT (`..` above its root:
continue at the directory it is mounted on) or ESYMLINK (an absolute
symlink: continue at the process's root). The symlink count travels along,
so a loop across servers still ends in ELOOP at SYMLOOP_MAX.
"""
from emu.abi import vfsif as V
from emu.abi.callnr import M3_STRING
from emu.abi.errno import Errno
from emu.abi.fcntl import NAME_MAX, PATH_MAX, S_IFBLK, S_IFCHR, S_IFMT, SYMLOOP_MAX
from emu.servers.server import ErrnoError
from emu.servers.vfs.request import req_lookup


def fetch_name(vfs, endpoint: int, address: int, length: int, ca1: bytes | None = None) -> bytes:
    """A path argument as 3.1.8's libc sends it: `length` is strlen + 1; a short
    name sent with _loadname is in the message already (m3_ca1).

    EINVAL for a length that does not end in a NUL, ENAMETOOLONG beyond PATH_MAX,
    EFAULT for a bad pointer, ENOENT for the empty path."""
    if length <= 0:
        raise ErrnoError(Errno.EINVAL)
    if length > PATH_MAX:
        raise ErrnoError(Errno.ENAMETOOLONG)
    if ca1 is not None and length <= M3_STRING:
        raw = ca1[:length]
    else:
        raw = vfs.sys.copy_from(endpoint, address, length)
    if raw[length - 1] != 0:
        raise ErrnoError(Errno.EINVAL)
    name = raw[:raw.index(0)]
    if not name:
        raise ErrnoError(Errno.ENOENT)
    return name


def m3_name(vfs, fp, m) -> bytes:
    """The path of a call sent with _loadname (m3_i1 length, m3_p1, m3_ca1)."""
    return fetch_name(vfs, fp.endpoint, m.m3_p1, m.m3_i1, m.m3_ca1)


def m1_name(vfs, fp, m) -> bytes:
    """The path of an m1 call (m1_i1 length, m1_p1)."""
    return fetch_name(vfs, fp.endpoint, m.m1_p1, m.m1_i1)


def _check_components(path: bytes) -> None:
    for part in path.split(b"/"):
        if len(part) > NAME_MAX:
            raise ErrnoError(Errno.ENAMETOOLONG)


def eat_path(vfs, fp, path: bytes, flags: int = V.PATH_NOFLAGS, real_ids: bool = False):
    """The vnode a path names (with one reference for the caller)."""
    _check_components(path)
    start = fp.root if path[:1] == b"/" else fp.cwd
    return advance(vfs, fp, start, path, flags, real_ids)


def advance(vfs, fp, start, path: bytes, flags: int = V.PATH_NOFLAGS, real_ids: bool = False):
    """Resolve `path` from the directory vnode `start`."""
    if start is None:
        raise ErrnoError(Errno.ENOENT, "no file system mounted")
    if not path:
        raise ErrnoError(Errno.ENOENT)
    uid, gid = (fp.ruid, fp.rgid) if real_ids else (fp.uid, fp.gid)
    buf = bytearray(PATH_MAX + 1)
    buf[:len(path)] = path
    length = len(path)
    vp = start
    symloop = 0
    while True:
        res = req_lookup(vfs, vp.fs_e, buf, length + 1, vp.inode_nr, _root_ino(fp, vp),
                         uid, gid, flags, fp.groups)
        if res.status == 0:
            break
        # What is left of the path moves to the front of the buffer.
        end = buf.find(b"\0")
        end = len(buf) if end < 0 else end
        if not 0 <= res.offset <= end:
            raise ErrnoError(Errno.EIO, "file system server consumed a bad offset")
        rest = bytes(buf[res.offset:end])
        buf[:] = bytes(len(buf))
        buf[:len(rest)] = rest
        length = len(rest)
        symloop += res.symloop
        if symloop > SYMLOOP_MAX:
            raise ErrnoError(Errno.ELOOP)
        if res.status == V.ESYMLINK:
            vp = fp.root
        elif res.status == V.EENTERMOUNT:
            vmp = _mounted_on(vfs, res.node.fs_e, res.node.inode_nr)
            if vmp is None:
                raise ErrnoError(Errno.EIO, "mount point without a mounted file system")
            vp = vmp.root
        else:   # ELEAVEMOUNT: `..` from a mounted root, continue in the parent
            vmp = vfs.vmnts.by_fs(vp.fs_e if res.node is None else res.node.fs_e)
            if vmp is None or vmp.mounted_on is None or not (
                    rest == b".." or rest.startswith(b"../")):
                raise ErrnoError(Errno.ENOENT)
            vp = vmp.mounted_on
        if not rest:
            # The server stopped exactly at a mount boundary: the boundary is the answer.
            return vfs.vnodes.dup(vp)
    node = res.node
    vmp = vfs.vmnts.by_fs(node.fs_e)
    ftype = node.mode & S_IFMT
    dev = node.dev if ftype in (S_IFCHR, S_IFBLK) else 0    # only device nodes name one
    return vfs.vnodes.enter(node.fs_e, node.inode_nr, node.mode, node.size, node.uid, node.gid,
                            dev, vmp)


def _root_ino(fp, vp) -> int:
    """The chroot directory's inode if it lives on the same file system, else 0."""
    root = fp.root
    return root.inode_nr if root is not None and root.fs_e == vp.fs_e else 0


def _mounted_on(vfs, fs_e: int, inode_nr: int):
    for vmp in vfs.vmnts:
        mp = vmp.mounted_on
        if mp is not None and mp.fs_e == fs_e and mp.inode_nr == inode_nr:
            return vmp
    return None


def split_last(path: bytes) -> tuple[bytes, bytes]:
    """('dir part', 'last component') as MINIX's last_dir cuts a path.

    Trailing slashes go; a path with no slash is in the working directory;
    "/" is its own last component "."."""
    while len(path) > 1 and path.endswith(b"/"):
        path = path[:-1]
    cut = path.rfind(b"/")
    if cut < 0:
        return b".", path
    name = path[cut + 1:] or b"."
    head = path[:cut].rstrip(b"/") or b"/"
    return head, name


def last_dir(vfs, fp, path: bytes, relative_to=None):
    """The directory that holds the last component, and that component's name.

    Symlinks in the directory part are followed; the last component is not
    looked up (the caller creates, removes or renames it). A relative path
    starts at the working directory, or at `relative_to` (a symlink's
    directory)."""
    _check_components(path)
    head, name = split_last(path)
    if len(name) > NAME_MAX:
        raise ErrnoError(Errno.ENAMETOOLONG)
    start = fp.root if head[:1] == b"/" else (relative_to or fp.cwd)
    dirp = advance(vfs, fp, start, head)
    if not dirp.is_dir():
        vfs.vnodes.put(dirp)
        raise ErrnoError(Errno.ENOTDIR)
    return dirp, name


def lookup_in(vfs, fp, dirp, name: bytes, flags: int = V.PATH_NOFLAGS):
    """One name in a directory vnode, or None if it does not exist."""
    try:
        return advance(vfs, fp, dirp, name, flags)
    except ErrnoError as e:
        if e.errno == Errno.ENOENT:
            return None
        raise
