"""REQ_READ, REQ_WRITE, REQ_PEEK and REQ_GETDENTS, and the file-content helpers.

Data moves between the cache and the caller's buffer (a grant VFS made of the
user's memory) in one safecopy per request. A cold read brings each stretch
of consecutive zones in with one driver request, reading ahead along the
file (READ_AHEAD blocks); holes read as zeros.
"""
from emu.abi import minixfs as fs
from emu.abi import stat
from emu.abi.errno import Errno
from emu.abi.vfsif import (REQ_GRANT, REQ_INODE_NR, REQ_MEM_SIZE, REQ_NBYTES,
                           REQ_SEEK_POS_HI, REQ_SEEK_POS_LO, RES_NBYTES, RES_SEEK_POS_HI,
                           RES_SEEK_POS_LO)
from emu.servers.mfs.inode import Corrupt, MInode
from emu.abi.vfsif import m9_index
from emu.servers.mfs.msg import arg, reply, reply_m9
from emu.servers.server import ErrnoError

READ_AHEAD = 128        # blocks fetched past the request when they follow on the disk
CHUNK = 1 << 20         # bytes copied per safecopy: a huge request never needs huge memory


# -- file contents (used by directories and symlinks too) -----------------------
def read_bytes(mfs, ip: MInode, pos: int, nbytes: int, ahead: int = 0) -> bytearray:
    """Up to nbytes from pos (fewer at the end of the file)."""
    size = ip.size
    if pos >= size or nbytes <= 0:
        return bytearray()
    nbytes = min(nbytes, size - pos)
    bs = mfs.sb.block_size
    first, last = pos // bs, (pos + nbytes - 1) // bs
    count = last - first + 1
    total_blocks = fs.blocks_for_size(size, bs)
    zones = mfs.zones.map_range(ip, first, count)
    ahead = min(ahead, total_blocks - first - count)
    if ahead > 0 and zones[-1] and not mfs.cache.cached(zones[-1]):
        try:            # read-ahead is a hint: a bad zone there fails a later read only
            zones += mfs.zones.map_range(ip, first + count, ahead)
        except ErrnoError:
            pass
    _prefetch(mfs, zones, count)
    cache = mfs.cache
    out = bytearray()
    zero = None
    for z in zones[:count]:
        if z:
            out += cache.get(z)
        else:
            zero = zero or bytes(bs)
            out += zero
    off = pos - first * bs
    return out[off:off + nbytes]


def dir_blocks(mfs, dirp: MInode, start: int = 0):
    """(byte position, block) of each directory block from `start`, in order.

    A directory has no holes; one that seems to (a corrupt size or zone) is EIO,
    so a garbage size of 2 GiB costs one block, not a walk over a million holes.
    """
    bs = mfs.sb.block_size
    size = dirp.size
    if size <= bs and start == 0:       # one block, most directories: no zone walk
        if size > 0:
            z = dirp.zones[0]
            if z == 0:
                raise Corrupt(f"directory inode {dirp.num} has a hole at block 0")
            blk = mfs.cache.get(mfs.zones.check(dirp, z))
            yield 0, blk if size == bs else blk[:size]
        return
    if size > mfs.sb.max_file_size():
        raise Corrupt(f"directory inode {dirp.num} of size {size}")
    first = start // bs
    nblocks = fs.blocks_for_size(size, bs) - first
    n = first
    while nblocks > 0:
        take = min(nblocks, 64)
        zones = mfs.zones.map_range(dirp, n, take)
        _prefetch(mfs, zones, take)
        for z in zones:
            if z == 0:
                raise Corrupt(f"directory inode {dirp.num} has a hole at block {n}")
            blk = mfs.cache.get(z)
            yield n * bs, blk if (n + 1) * bs <= size else blk[:size - n * bs]
            n += 1
        nblocks -= take


def _prefetch(mfs, zones: list[int], needed: int) -> None:
    """Read each run of consecutive uncached zones in one driver request.

    Zones past `needed` (read-ahead) are fetched only while they continue a
    run that a needed block started.
    """
    cache = mfs.cache
    i, n = 0, len(zones)
    while i < needed:
        z = zones[i]
        if z == 0 or cache.cached(z):
            i += 1
            continue
        j = i + 1
        while j < n and zones[j] == zones[j - 1] + 1 and not cache.cached(zones[j]):
            j += 1
        cache.read_run(z, j - i)
        i = j


def write_bytes(mfs, ip: MInode, pos: int, data) -> int:
    """Write data at pos, allocating zones; returns the bytes written (short on ENOSPC)."""
    bs = mfs.sb.block_size
    zones, cache = mfs.zones, mfs.cache
    done, n = 0, len(data)
    try:
        while done < n:
            p = pos + done
            blockno, off = divmod(p, bs)
            chunk = min(bs - off, n - done)
            z = zones.read_map(ip, blockno)
            if z == 0:
                z = zones.alloc_zone(ip, zeroed=True)
                try:
                    zones.write_map(ip, blockno, z)
                except ErrnoError:
                    zones.free_zone(z)
                    raise
                blk = cache.get(z)
            elif chunk == bs:
                blk = cache.get_new(z)          # overwritten whole: no need to read it
            else:
                blk = cache.get(z)
            blk[off:off + chunk] = data[done:done + chunk]
            cache.mark_dirty(z)
            done += chunk
    except ErrnoError as e:
        if e.errno != Errno.ENOSPC or done == 0:
            _grow(mfs, ip, pos + done)
            raise
    _grow(mfs, ip, pos + done)
    return done


def _grow(mfs, ip: MInode, end: int) -> None:
    if end > ip.size:
        ip.size = end
    now = mfs.now()
    ip.mtime = ip.ctime = now
    mfs.inodes.write(ip)


# -- requests ------------------------------------------------------------------
_R_POS_LO, _R_NBYTES = m9_index(RES_SEEK_POS_LO), m9_index(RES_NBYTES)


def _rw_reply(pos: int, done: int):
    """The reply of REQ_READ and REQ_WRITE in one pack (bench: 16 MiB read,
    create+write+close)."""
    body = [0] * 9
    body[_R_POS_LO], body[_R_NBYTES] = pos & 0xFFFFFFFF, done
    return reply_m9(0, body)


def _position(m) -> int:
    if arg(m, REQ_SEEK_POS_HI) != 0:
        raise ErrnoError(Errno.EINVAL, "position beyond 4 GiB")
    return arg(m, REQ_SEEK_POS_LO) & 0xFFFFFFFF


def _data_inode(mfs, m) -> MInode:
    ip = mfs.held_inode(arg(m, REQ_INODE_NR))
    t = ip.type
    if t not in (fs.I_REGULAR, fs.I_DIRECTORY, fs.I_SYMBOLIC_LINK):
        raise ErrnoError(Errno.EINVAL, "not a file with data")
    return ip


def do_read(mfs, m):
    ip = _data_inode(mfs, m)
    pos, nbytes = _position(m), arg(m, REQ_NBYTES)
    if nbytes < 0:
        raise ErrnoError(Errno.EINVAL)
    grant, done = arg(m, REQ_GRANT), 0
    while done < nbytes:
        data = read_bytes(mfs, ip, pos + done, min(CHUNK, nbytes - done), ahead=READ_AHEAD)
        if not data:
            break
        mfs.sys.safecopy_to(mfs.endpoint, m.m_source, grant, done, data)
        done += len(data)
    return _rw_reply(pos + done, done)


def do_peek(mfs, m):
    """Bring the blocks of a range into the cache without copying them (read-ahead)."""
    ip = _data_inode(mfs, m)
    read_bytes(mfs, ip, _position(m), arg(m, REQ_NBYTES))
    return reply()


def do_write(mfs, m):
    mfs.writable()
    ip = _data_inode(mfs, m)
    if ip.type != fs.I_REGULAR:
        raise ErrnoError(Errno.EINVAL, "write to a directory or symlink")
    pos, nbytes = _position(m), arg(m, REQ_NBYTES)
    if nbytes < 0:
        raise ErrnoError(Errno.EINVAL)
    if pos + nbytes > mfs.sb.max_file_size():
        raise ErrnoError(Errno.EFBIG)
    grant, done = arg(m, REQ_GRANT), 0
    while done < nbytes:
        n = min(CHUNK, nbytes - done)
        data = mfs.sys.safecopy_from(mfs.endpoint, m.m_source, grant, done, n)
        try:
            wrote = write_bytes(mfs, ip, pos + done, data)
        except ErrnoError:
            if done == 0:
                raise
            break                       # ENOSPC after some bytes: a short write
        done += wrote
        if wrote < n:
            break
    return _rw_reply(pos + done, done)


def do_getdents(mfs, m):
    """Directory entries from a byte position as struct dirent records."""
    ip = mfs.held_inode(arg(m, REQ_INODE_NR))
    if ip.type != fs.I_DIRECTORY:
        raise ErrnoError(Errno.ENOTDIR)
    size, pos = arg(m, REQ_MEM_SIZE), _position(m)
    if size <= 0:
        raise ErrnoError(Errno.EINVAL)
    start = pos - pos % fs.DIR_ENTRY_SIZE
    out = bytearray()
    new_pos = max(ip.size, pos)
    full = False
    for base, blk in dir_blocks(mfs, ip, start):
        first = max(start - base, 0)
        for off in range(first, len(blk) - fs.DIR_ENTRY_SIZE + 1, fs.DIR_ENTRY_SIZE):
            ino, name = fs.unpack_dirent(blk, off)
            if ino == 0:
                continue
            rec = stat.pack_dirent(ino, base + off, name)
            if len(out) + len(rec) > size:
                new_pos, full = base + off, True
                break
            out += rec
        if full:
            break
    if not out and new_pos < ip.size:
        raise ErrnoError(Errno.EINVAL, "buffer too small for one entry")
    if out:
        mfs.sys.safecopy_to(mfs.endpoint, m.m_source, arg(m, REQ_GRANT), 0, out)
    return reply(**{RES_NBYTES: len(out), RES_SEEK_POS_LO: new_pos, RES_SEEK_POS_HI: 0})
