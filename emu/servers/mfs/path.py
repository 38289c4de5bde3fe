"""REQ_LOOKUP and directory search (MINIX's path.c).

VFS sends a path in a grant and the inode to start from; MFS walks it
component by component, checking search permission on every directory with
the caller's ids. It stops and tells VFS when the walk leaves this file
system: a mount point (EENTERMOUNT), `..` at its root (ELEAVEMOUNT), or a
symlink to an absolute path (ESYMLINK, with the rewritten path put back in
the grant). RES_OFFSET says how much of the path was used.
"""
import heapq

from emu.abi import minixfs as fs
from emu.abi.errno import Errno
from emu.abi.fcntl import PATH_MAX
from emu.abi.ucred import UCRED, unpack_ucred
from emu.abi.vfsif import (EENTERMOUNT, ELEAVEMOUNT, ESYMLINK, M9, M9_OFFSET, PATH_GET_UCRED,
                           PATH_RET_SYMLINK, REQ_DIR_INO, REQ_FLAGS, REQ_GID, REQ_GRANT,
                           REQ_GRANT2, REQ_PATH_LEN, REQ_PATH_SIZE, REQ_ROOT_INO, REQ_UCRED_SIZE,
                           REQ_UID, RES_DEV, RES_FILE_SIZE_LO, RES_GID,
                           RES_INODE_NR, RES_MODE, RES_OFFSET, RES_SYMLOOP, RES_UID, m9_index)
from emu.servers.mfs.inode import Corrupt, MInode
from emu.servers.mfs.msg import arg, reply_m9
from emu.servers.mfs.protect import SU_UID, X_BIT, Credentials, forbidden
from emu.servers.mfs.read import dir_blocks, read_bytes, write_bytes
from emu.servers.server import ErrnoError

LOOK_UP, ENTER, DELETE, IS_EMPTY = range(4)
_DOTS = (b".", b"..")


# -- directories ---------------------------------------------------------------
def check_name(name: bytes) -> bytes:
    if not name:
        raise ErrnoError(Errno.ENOENT)
    if len(name) > fs.NAME_MAX:
        raise ErrnoError(Errno.ENAMETOOLONG)
    return name


def search_dir(mfs, dirp: MInode, name: bytes, flag: int, ino: int = 0) -> int:
    """LOOK_UP -> inode number; ENTER name as ino; DELETE -> the inode it named;
    IS_EMPTY -> 0 or ENOTEMPTY. ENOENT/EEXIST as the flag implies."""
    if dirp.type != fs.I_DIRECTORY:
        raise ErrnoError(Errno.ENOTDIR)
    if flag in (ENTER, DELETE):
        mfs.writable()
    index = mfs.dirindex.get(dirp)
    if index is not None:
        return _search_index(mfs, dirp, index, name, flag, ino)
    # Hot path (stat of a path, create in a big directory): each block is
    # searched with bytes.find and its inode numbers unpacked in one cast, not
    # entry by entry in Python (bench: stat of a 4-component path).
    free_slot = -1
    want = name.ljust(fs.NAME_MAX, b"\0") if flag != IS_EMPTY else b""
    end = 0
    esize = fs.DIR_ENTRY_SIZE
    for base, blk in dir_blocks(mfs, dirp):
        usable = len(blk) - len(blk) % esize
        if usable <= 0:
            continue
        inos = memoryview(blk)[:usable].cast("I")[::esize // 4].tolist()
        end = base + usable
        if flag == IS_EMPTY:
            for i, entry_ino in enumerate(inos):
                if entry_ino and bytes(blk[i * esize + 4:(i + 1) * esize]).rstrip(b"\0") \
                        not in _DOTS:
                    raise ErrnoError(Errno.ENOTEMPTY)
            continue
        if free_slot < 0 and 0 in inos:
            free_slot = base + inos.index(0) * esize
        p = blk.find(want, 4, usable)
        while p >= 0:
            i, r = divmod(p, esize)
            if r == 4 and inos[i]:
                if flag == LOOK_UP:
                    return inos[i]
                if flag == ENTER:
                    raise ErrnoError(Errno.EEXIST)
                write_bytes(mfs, dirp, base + i * esize, bytes(4))   # DELETE: free the slot
                return inos[i]
            p = blk.find(want, p + 1, usable)
    if flag == IS_EMPTY:
        return 0
    if flag != ENTER:
        raise ErrnoError(Errno.ENOENT)
    at = free_slot if free_slot >= 0 else end
    if at + fs.DIR_ENTRY_SIZE > mfs.sb.max_file_size():
        raise ErrnoError(Errno.EFBIG)
    if write_bytes(mfs, dirp, at, fs.pack_dirent(ino, name)) != fs.DIR_ENTRY_SIZE:
        raise ErrnoError(Errno.ENOSPC)
    return ino


def _search_index(mfs, dirp: MInode, d, name: bytes, flag: int, ino: int) -> int:
    """search_dir through a directory's index (dirindex.py): same answers, no scan."""
    if flag == IS_EMPTY:
        if any(n not in _DOTS for n in d.names):
            raise ErrnoError(Errno.ENOTEMPTY)
        return 0
    hit = d.names.get(name)
    if flag == LOOK_UP:
        if hit is None:
            raise ErrnoError(Errno.ENOENT)
        return hit[0]
    if flag == DELETE:
        if hit is None:
            raise ErrnoError(Errno.ENOENT)
        write_bytes(mfs, dirp, hit[1], bytes(4))
        del d.names[name]
        heapq.heappush(d.free, hit[1])
        d.size = dirp.size
        return hit[0]
    if hit is not None:
        raise ErrnoError(Errno.EEXIST)
    end = dirp.size - dirp.size % fs.DIR_ENTRY_SIZE
    at = d.free[0] if d.free else end
    if at + fs.DIR_ENTRY_SIZE > mfs.sb.max_file_size():
        raise ErrnoError(Errno.EFBIG)
    try:
        wrote = write_bytes(mfs, dirp, at, fs.pack_dirent(ino, name))
    except ErrnoError:
        mfs.dirindex.drop(dirp.num)
        raise
    if wrote != fs.DIR_ENTRY_SIZE:
        mfs.dirindex.drop(dirp.num)
        raise ErrnoError(Errno.ENOSPC)
    if d.free and d.free[0] == at:
        heapq.heappop(d.free)
    d.names[name] = (ino, at)
    d.size = dirp.size
    return ino


def advance(mfs, dirp: MInode, name: bytes, cred: Credentials | None) -> MInode:
    """The inode `name` names in dirp, referenced; search permission checked if cred.

    Hot path (bench: stat of a 4-component path): root may search any
    directory, and an indexed directory answers with one dict lookup."""
    check_name(name)
    if dirp.mode & fs.I_TYPE != fs.I_DIRECTORY:
        raise ErrnoError(Errno.ENOTDIR)
    if cred is not None and cred.uid != SU_UID:
        forbidden(mfs, dirp, X_BIT, cred)
    index = mfs.dirindex.get(dirp)
    if index is None:
        return mfs.inodes.get(search_dir(mfs, dirp, name, LOOK_UP))
    hit = index.names.get(name)
    if hit is None:
        raise ErrnoError(Errno.ENOENT)
    return mfs.inodes.get(hit[0])


def last_dir_entry(mfs, m, dir_field: str = REQ_GRANT, len_field: str = REQ_PATH_LEN) -> bytes:
    """The final name a request carries in a grant (NUL-terminated, as VFS sends it)."""
    n = arg(m, len_field)
    if n <= 0 or n > PATH_MAX + 1:
        raise ErrnoError(Errno.EINVAL if n <= 0 else Errno.ENAMETOOLONG)
    raw = mfs.sys.safecopy_from(mfs.endpoint, m.m_source, arg(m, dir_field), 0, n)
    end = raw.find(b"\0")
    return check_name(raw if end < 0 else raw[:end])


# -- REQ_LOOKUP ----------------------------------------------------------------
_I_GRANT, _I_LEN, _I_SIZE, _I_FLAGS, _I_UID, _I_GID, _I_DIR, _I_ROOT, _I_UCRED, _I_GRANT2 = (
    m9_index(f) for f in (REQ_GRANT, REQ_PATH_LEN, REQ_PATH_SIZE, REQ_FLAGS, REQ_UID, REQ_GID,
                          REQ_DIR_INO, REQ_ROOT_INO, REQ_UCRED_SIZE, REQ_GRANT2))
_R_INO, _R_MODE, _R_LO, _R_SYMLOOP, _R_UID, _R_GID, _R_DEV, _R_OFFSET = (
    m9_index(f) for f in (RES_INODE_NR, RES_MODE, RES_FILE_SIZE_LO, RES_SYMLOOP, RES_UID,
                          RES_GID, RES_DEV, RES_OFFSET))


def do_lookup(mfs, m):
    # Hot path (bench: stat of a 4-component path): the request is read with
    # one unpack and the reply made with one pack.
    v = M9.unpack_from(m, M9_OFFSET)
    grant, length, path_size, flags = v[_I_GRANT], v[_I_LEN], v[_I_SIZE], v[_I_FLAGS]
    if length > PATH_MAX + 1:
        raise ErrnoError(Errno.E2BIG)
    if length <= 0:
        raise ErrnoError(Errno.EINVAL)
    raw = mfs.sys.safecopy_from(mfs.endpoint, m.m_source, grant, 0, length)
    if raw[-1] != 0:
        raise ErrnoError(Errno.EINVAL, "path not NUL-terminated")
    if flags & PATH_GET_UCRED:
        size = v[_I_UCRED]
        if size < UCRED.size:
            raise ErrnoError(Errno.EINVAL, "short credentials")
        try:
            uid, gid, groups = unpack_ucred(mfs.sys.safecopy_from(
                mfs.endpoint, m.m_source, v[_I_GRANT2], 0, UCRED.size))
        except ValueError:
            raise ErrnoError(Errno.EINVAL, "bad credentials") from None
        cred = Credentials(uid, gid, groups)
    else:
        cred = Credentials(v[_I_UID], v[_I_GID] & 0xFFFF, [])

    walk = Walk(mfs, raw[:raw.index(0)], cred, flags)    # the path ends at its first NUL
    code, ip = walk.run(v[_I_DIR], v[_I_ROOT])
    if walk.symlinks and code in (EENTERMOUNT, ELEAVEMOUNT, ESYMLINK):
        if len(walk.path) + 1 > path_size:
            mfs.inodes.put(ip)
            raise ErrnoError(Errno.ENAMETOOLONG)
        mfs.sys.safecopy_to(mfs.endpoint, m.m_source, grant, 0, walk.path + b"\0")
    body = [0] * 9
    body[_R_SYMLOOP] = walk.symlinks
    if code in (ELEAVEMOUNT, ESYMLINK):
        body[_R_OFFSET] = walk.offset
        return reply_m9(code, body)
    body[_R_INO] = ip.num
    if code == EENTERMOUNT:
        body[_R_OFFSET] = walk.offset
        mfs.inodes.put(ip)          # only a reference to the final object is returned
        return reply_m9(code, body)
    body[_R_MODE], body[_R_LO], body[_R_UID], body[_R_GID] = ip.mode, ip.size, ip.uid, ip.gid
    body[_R_DEV] = ip.zones[0] & 0xFFFF
    return reply_m9(0, body)


class Walk:
    """One path walk (parse_path): a symlink replaces the path walked so far
    with its text (`path`, which goes back to VFS with ESYMLINK and friends)."""
    __slots__ = ("mfs", "path", "cred", "flags", "offset", "symlinks")

    def __init__(self, mfs, path: bytes, cred: Credentials, flags: int) -> None:
        self.mfs = mfs
        self.path = path
        self.cred = cred
        self.flags = flags
        self.offset = 0
        self.symlinks = 0

    def run(self, dir_ino: int, root_ino: int) -> tuple[int, MInode | None]:
        """(OK or EENTERMOUNT, the inode reached, with one reference) or
        (ELEAVEMOUNT or ESYMLINK, None).

        Hot path (bench: stat of a 4-component path): the directories on the
        way are peeked, not referenced (nothing else runs during the walk),
        root searches without a permission check, and an indexed directory
        answers with one dict lookup."""
        mfs = self.mfs
        inodes, dirindex, cred = mfs.inodes, mfs.dirindex, self.cred
        check_search = cred.uid != SU_UID
        rip = inodes.find(dir_ino)
        if rip is None or rip.nlinks == 0:
            raise ErrnoError(Errno.ENOENT)
        leaving_mount = rip.mountpoint
        path = self.path
        n = len(path)
        cp = 0
        while True:
            if cp >= n:
                self.offset += cp
                return (EENTERMOUNT if rip.mountpoint else 0), inodes.get(rip.num)
            while cp < n and path[cp] == 0x2F:
                cp += 1
            end = path.find(b"/", cp)
            if end < 0:
                end = n
            component = path[cp:end] or b"."
            if len(component) > fs.NAME_MAX:
                raise ErrnoError(Errno.ENAMETOOLONG)
            if component == b"..":
                forbidden(mfs, rip, X_BIT, cred)
                if rip.num == root_ino:
                    cp = end
                    continue            # `..` at the process's root stays there
                if rip.num == fs.ROOT_INODE and not mfs.is_root:
                    self.offset += cp
                    return ELEAVEMOUNT, None
            if rip.mountpoint and not leaving_mount:
                self.offset += cp
                return EENTERMOUNT, inodes.get(rip.num)
            dir_ip = rip
            if dir_ip.mode & fs.I_TYPE != fs.I_DIRECTORY:
                raise ErrnoError(Errno.ENOTDIR)
            if leaving_mount:
                # Coming back from a file system mounted here: only `..`, unchecked.
                component = b".."
                leaving_mount = False
            elif check_search:
                forbidden(mfs, dir_ip, X_BIT, cred)
            index = dirindex.get(dir_ip)
            if index is None:
                rip = inodes.peek(search_dir(mfs, dir_ip, component, LOOK_UP))
            else:
                hit = index.names.get(component)
                if hit is None:
                    raise ErrnoError(Errno.ENOENT)
                rip = inodes.peek(hit[0])
            if rip.mode & fs.I_TYPE == fs.I_SYMBOLIC_LINK:
                if end >= n and self.flags & PATH_RET_SYMLINK:
                    self.offset += end
                    return 0, inodes.get(rip.num)
                self._traverse(rip, end)
                path = self.path
                n = len(path)
                rip = dir_ip
                cp, self.offset = 0, 0
                self.symlinks += 1
                if self.symlinks > fs.SYMLOOP_MAX:
                    raise ErrnoError(Errno.ELOOP)
                if path[:1] == b"/":
                    return ESYMLINK, None
                continue
            cp = end

    def _traverse(self, link: MInode, rest_at: int) -> None:
        """Replace the path up to the link's end with the link's text (ltraverse)."""
        if link.size <= 0 or link.size >= self.mfs.sb.block_size:
            raise Corrupt(f"symlink inode {link.num} of size {link.size}")
        text = bytes(read_bytes(self.mfs, link, 0, link.size))
        if b"\0" in text:
            text = text[:text.index(b"\0")]
        rest = self.path[rest_at:]
        if len(text) + len(rest) + 1 > PATH_MAX + 1:
            raise ErrnoError(Errno.ENAMETOOLONG)
        self.path = text + rest
