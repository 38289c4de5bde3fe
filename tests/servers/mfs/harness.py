"""A test bench for MFS: a RAM disk driver, and the test itself acting as VFS.

RamDisk is a small block driver Server answering DEV_OPEN/DEV_CLOSE/
DEV_READ_S/DEV_WRITE_S from a bytearray through safecopy (minor 0 the whole
disk, 1-4 the MBR partitions, as the real driver numbers them), so MFS is
tested through real messages and grants in a real kernel without a CPU.
"""
from types import SimpleNamespace

from emu.abi import com
from emu.abi import endpoints as ep
from emu.abi import stat
from emu.abi.com import DevReply, DevRequest
from emu.abi.errno import Errno
from emu.abi.message import Message
from emu.abi.ucred import pack_ucred
from emu.abi import vfsif as V
from emu.abi.vfsif import FsRequest as R
from emu.debug.trace import TraceBus
from emu.image import mbr
from emu.kernel.grants import READ, WRITE
from emu.kernel.kernel import Kernel
from emu.machine.clock import VirtualClock
from emu.machine.slicer import Slicer
from emu.servers.mfs import MinixFileSystem
from emu.servers.mfs.msg import arg
from emu.servers.server import ErrnoError, Server

DISK_MAJOR = 3


class RamDisk(Server):
    name = "disk"
    endpoint = ep.DISK

    def __init__(self, sys, image: bytearray) -> None:
        super().__init__(sys)
        self.image = image
        self.parts = [(0, len(image))]
        for _type, start, count in mbr.partitions(bytes(image[:512])) or [(0, 0, 0)] * 4:
            self.parts.append((start * 512, count * 512))
        self.requests: list[tuple[int, int, int]] = []   # (request, position, count)
        self.fail_reads_at: set[int] = set()             # byte positions that give EIO
        self.opens = 0

    def handle(self, m: Message):
        request, minor = m.m_type, arg(m, com.DEVICE)
        if not 0 <= minor < len(self.parts) or self.parts[minor][1] == 0:
            return self._reply(m, -Errno.ENXIO)
        if request == DevRequest.DEV_OPEN:
            self.opens += 1
            return self._reply(m, 0)
        if request == DevRequest.DEV_CLOSE:
            self.opens -= 1
            return self._reply(m, 0)
        if request not in (DevRequest.DEV_READ_S, DevRequest.DEV_WRITE_S):
            return self._reply(m, -Errno.EINVAL)
        base, size = self.parts[minor]
        pos = (arg(m, com.POSITION) & 0xFFFFFFFF) | (arg(m, com.HIGHPOS) << 32)
        count, gid = arg(m, com.COUNT), arg(m, com.IO_GRANT)
        self.requests.append((request, pos, count))
        if pos + count > size or pos in self.fail_reads_at:
            return self._reply(m, -Errno.EIO)
        try:
            if request == DevRequest.DEV_READ_S:
                self.sys.safecopy_to(self.endpoint, m.m_source, gid, 0,
                                     self.image[base + pos:base + pos + count])
            else:
                self.image[base + pos:base + pos + count] = self.sys.safecopy_from(
                    self.endpoint, m.m_source, gid, 0, count)
        except ErrnoError as e:
            return self._reply(m, -e.errno)
        return self._reply(m, count)

    def _reply(self, m: Message, status: int) -> Message:
        return Message.of(DevReply.TASK_REPLY, **{com.REP_ENDPT: arg(m, com.IO_ENDPT),
                                                   com.REP_STATUS: status})


def make_kernel() -> Kernel:
    return Kernel(SimpleNamespace(ram_bytes=64 << 20, clock=VirtualClock()), TraceBus(lambda: 0), Slicer(None))


class Reply:
    """What MFS answered: .status (0, -errno or a lookup code) and named fields."""

    def __init__(self, m: Message, data: bytes = b"") -> None:
        self.m = m
        self.status = m.m_type
        self.data = data

    def __getitem__(self, name: str) -> int:
        return arg(self.m, name)


class Bench:
    """A kernel with a RAM disk and MFS; the test calls MFS as VFS would."""

    def __init__(self, image: bytearray | None, minor: int = 1,
                 cache_bytes: int | None = None, kernel: Kernel | None = None) -> None:
        """On a RAM disk holding `image`; or, given a powered-on system's kernel, on
        the disk driver already there (image None)."""
        self.kernel = kernel or make_kernel()
        self.sys = self.kernel.sys
        self.disk = RamDisk(self.sys, image) if image is not None else None
        kw = {} if cache_bytes is None else {"cache_bytes": cache_bytes}
        self.mfs = MinixFileSystem(self.sys, **kw)
        if self.disk is not None:
            self.kernel.add_server(self.disk)
        self.kernel.add_server(self.mfs)
        self.minor = minor
        self.root = 0

    # -- plumbing --------------------------------------------------------------
    def send(self, request: int, fields: dict | None = None, src: int = ep.VFS) -> Reply:
        return Reply(self.sys.sendrec(src, ep.MFS, Message.of(request, **(fields or {}))))

    def grant(self, buf, access: int) -> int:
        return self.sys.grant_buffer(ep.VFS, ep.MFS, buf, access)

    def _named(self, request: int, name: bytes, fields: dict) -> Reply:
        buf = bytearray(name + b"\0")
        gid = self.grant(buf, READ)
        try:
            return self.send(request, {V.REQ_GRANT: gid, V.REQ_PATH_LEN: len(buf), **fields})
        finally:
            self.sys.revoke(ep.VFS, gid)

    def _out(self, request: int, size: int, fields: dict, grant_field: str = V.REQ_GRANT,
             count_field: str | None = V.RES_NBYTES) -> Reply:
        """A request that fills a buffer of ours; r.data is what it wrote."""
        buf = bytearray(size)
        g = self.grant(buf, WRITE)
        try:
            r = self.send(request, {grant_field: g, **fields})
        finally:
            self.sys.revoke(ep.VFS, g)
        if r.status == 0:
            r.data = bytes(buf[:r[count_field]]) if count_field else bytes(buf)
        return r

    # -- requests --------------------------------------------------------------
    def readsuper(self, label: bytes = b"disk", minor: int | None = None,
                  flags: int = V.REQ_ISROOT) -> Reply:
        minor = self.minor if minor is None else minor
        r = self._named(R.REQ_READSUPER, label,
                        {V.REQ_DEV: (DISK_MAJOR << 8) | minor, V.REQ_FLAGS: flags})
        if r.status == 0:
            self.root = r[V.RES_INODE_NR]
        return r

    def lookup(self, path: str | bytes, dir_ino: int = 1, root_ino: int = 1, uid: int = 0,
               gid: int = 0, flags: int = 0, groups: list[int] | None = None) -> Reply:
        raw = path.encode() if isinstance(path, str) else path
        buf = bytearray(raw + b"\0").ljust(256, b"\0")
        gid_path = self.grant(buf, READ | WRITE)
        cred_gid = None
        if groups is not None:
            cred = bytearray(pack_ucred(uid, gid, groups))
            cred_gid = self.grant(cred, READ)
            extra = {V.REQ_GRANT2: cred_gid, V.REQ_UCRED_SIZE: len(cred)}
            flags |= V.PATH_GET_UCRED
        else:
            extra = {V.REQ_UID: uid, V.REQ_GID: gid}
        try:
            r = self.send(R.REQ_LOOKUP, {V.REQ_GRANT: gid_path, V.REQ_PATH_LEN: len(raw) + 1,
                                         V.REQ_PATH_SIZE: 256, V.REQ_DIR_INO: dir_ino,
                                         V.REQ_ROOT_INO: root_ino, V.REQ_FLAGS: flags, **extra})
        finally:
            self.sys.revoke(ep.VFS, gid_path)
            if cred_gid is not None:
                self.sys.revoke(ep.VFS, cred_gid)
        r.data = bytes(buf[:buf.index(0)])
        return r

    def resolve(self, path: str, **kw) -> int:
        """Inode number of path (a reference VFS must put), asserting success."""
        r = self.lookup(path, **kw)
        assert r.status == 0, (path, r.status)
        return r[V.RES_INODE_NR]

    def putnode(self, ino: int, count: int = 1) -> Reply:
        return self.send(R.REQ_PUTNODE, {V.REQ_INODE_NR: ino, V.REQ_COUNT: count})

    def create(self, dir_ino: int, name: str, mode: int = 0o100644, uid: int = 0,
               gid: int = 0) -> Reply:
        return self._named(R.REQ_CREATE, name.encode(), {V.REQ_INODE_NR: dir_ino,
                           V.REQ_MODE: mode, V.REQ_UID: uid, V.REQ_GID: gid})

    def mkdir(self, dir_ino: int, name: str, mode: int = 0o755, uid: int = 0,
              gid: int = 0) -> Reply:
        return self._named(R.REQ_MKDIR, name.encode(), {V.REQ_INODE_NR: dir_ino,
                           V.REQ_MODE: mode, V.REQ_UID: uid, V.REQ_GID: gid})

    def mknod(self, dir_ino: int, name: str, mode: int, dev: int = 0) -> Reply:
        return self._named(R.REQ_MKNOD, name.encode(), {V.REQ_INODE_NR: dir_ino,
                           V.REQ_MODE: mode, V.REQ_DEV: dev, V.REQ_UID: 0, V.REQ_GID: 0})

    def unlink(self, dir_ino: int, name: str) -> Reply:
        return self._named(R.REQ_UNLINK, name.encode(), {V.REQ_INODE_NR: dir_ino})

    def rmdir(self, dir_ino: int, name: str) -> Reply:
        return self._named(R.REQ_RMDIR, name.encode(), {V.REQ_INODE_NR: dir_ino})

    def link(self, ino: int, dir_ino: int, name: str) -> Reply:
        return self._named(R.REQ_LINK, name.encode(), {V.REQ_INODE_NR: ino,
                                                       V.REQ_DIR_INO: dir_ino})

    def rename(self, old_dir: int, old: str, new_dir: int, new: str) -> Reply:
        a, b = bytearray(old.encode() + b"\0"), bytearray(new.encode() + b"\0")
        ga, gb = self.grant(a, READ), self.grant(b, READ)
        try:
            return self.send(R.REQ_RENAME, {
                V.REQ_REN_OLD_DIR: old_dir, V.REQ_REN_NEW_DIR: new_dir, V.REQ_REN_GRANT_OLD: ga,
                V.REQ_REN_LEN_OLD: len(a), V.REQ_REN_GRANT_NEW: gb, V.REQ_REN_LEN_NEW: len(b)})
        finally:
            self.sys.revoke(ep.VFS, ga)
            self.sys.revoke(ep.VFS, gb)

    def symlink(self, dir_ino: int, name: str, target: str, uid: int = 0) -> Reply:
        text = bytearray(target.encode())
        gt = self.grant(text, READ)
        try:
            return self._named(R.REQ_SLINK, name.encode(), {
                V.REQ_INODE_NR: dir_ino, V.REQ_GRANT3: gt, V.REQ_MEM_SIZE: len(text),
                V.REQ_UID: uid, V.REQ_GID: 0})
        finally:
            self.sys.revoke(ep.VFS, gt)

    def readlink(self, ino: int, size: int = 256) -> Reply:
        return self._out(R.REQ_RDLINK, size, {V.REQ_INODE_NR: ino, V.REQ_MEM_SIZE: size})

    def write(self, ino: int, pos: int, data: bytes) -> Reply:
        buf = bytearray(data)
        g = self.grant(buf, READ)
        try:
            return self.send(R.REQ_WRITE, {V.REQ_INODE_NR: ino, V.REQ_GRANT: g,
                                           V.REQ_SEEK_POS_LO: pos, V.REQ_SEEK_POS_HI: 0,
                                           V.REQ_NBYTES: len(data)})
        finally:
            self.sys.revoke(ep.VFS, g)

    def read(self, ino: int, pos: int, nbytes: int) -> Reply:
        return self._out(R.REQ_READ, nbytes, {V.REQ_INODE_NR: ino, V.REQ_SEEK_POS_LO: pos,
                                              V.REQ_SEEK_POS_HI: 0, V.REQ_NBYTES: nbytes})

    def getdents(self, ino: int, pos: int = 0, size: int = 4096) -> Reply:
        return self._out(R.REQ_GETDENTS, size, {V.REQ_INODE_NR: ino, V.REQ_MEM_SIZE: size,
                                                V.REQ_SEEK_POS_LO: pos, V.REQ_SEEK_POS_HI: 0})

    def names(self, ino: int) -> list[str]:
        out, pos = [], 0
        while True:
            r = self.getdents(ino, pos, 300)
            assert r.status == 0, r.status
            if not r.data:
                return out
            off = 0
            while off < len(r.data):
                _ino, _off, reclen = stat.DIRENT_HEADER.unpack_from(r.data, off)
                out.append(r.data[off + 10:off + reclen].split(b"\0")[0].decode())
                off += reclen
            pos = r[V.RES_SEEK_POS_LO]

    def stat(self, ino: int) -> Reply:
        return self._out(R.REQ_STAT, stat.STAT.size, {V.REQ_INODE_NR: ino}, count_field=None)

    def st(self, ino: int) -> SimpleNamespace:
        r = self.stat(ino)
        assert r.status == 0, r.status
        f = stat.STAT.unpack_from(r.data)
        return SimpleNamespace(dev=f[0], ino=f[1], mode=f[2], nlink=f[3], uid=f[4], gid=f[5],
                               rdev=f[6], size=f[7], atime=f[8], mtime=f[9], ctime=f[10])

    def statvfs(self) -> tuple:
        r = self._out(R.REQ_STATVFS, stat.STATVFS.size, {}, count_field=None)
        assert r.status == 0, r.status
        return stat.STATVFS.unpack_from(r.data)

    def ftrunc(self, ino: int, start: int, end: int = 0) -> Reply:
        return self.send(R.REQ_FTRUNC, {V.REQ_INODE_NR: ino, V.REQ_TRC_START_LO: start,
                                        V.REQ_TRC_START_HI: 0, V.REQ_TRC_END_LO: end,
                                        V.REQ_TRC_END_HI: 0})

    def chmod(self, ino: int, mode: int) -> Reply:
        return self.send(R.REQ_CHMOD, {V.REQ_INODE_NR: ino, V.REQ_MODE: mode})

    def chown(self, ino: int, uid: int, gid: int) -> Reply:
        return self.send(R.REQ_CHOWN, {V.REQ_INODE_NR: ino, V.REQ_UID: uid, V.REQ_GID: gid})

    def utime(self, ino: int, atime: int, mtime: int) -> Reply:
        return self.send(R.REQ_UTIME, {V.REQ_INODE_NR: ino, V.REQ_ACTIME: atime,
                                       V.REQ_MODTIME: mtime})

    def sync(self) -> Reply:
        return self.send(R.REQ_SYNC)

    def unmount(self) -> Reply:
        return self.send(R.REQ_UNMOUNT)

    def mountpoint(self, ino: int) -> Reply:
        return self.send(R.REQ_MOUNTPOINT, {V.REQ_INODE_NR: ino})

    # -- composites ------------------------------------------------------------
    def write_file(self, path: str, data: bytes, mode: int = 0o100644, chunk: int = 65536,
                   uid: int = 0, gid: int = 0) -> int:
        parent, _, name = path.rpartition("/")
        d = self.resolve(parent or "/")
        r = self.create(d, name, mode, uid, gid)
        self.putnode(d)
        assert r.status == 0, (path, r.status)
        ino = r[V.RES_INODE_NR]
        for pos in range(0, len(data), chunk):
            w = self.write(ino, pos, data[pos:pos + chunk])
            assert w.status == 0 and w[V.RES_NBYTES] == len(data[pos:pos + chunk]), w.status
        self.putnode(ino)
        return ino

    def read_file(self, path: str, chunk: int = 65536) -> bytes:
        ino = self.resolve(path)
        out, pos = bytearray(), 0
        while True:
            r = self.read(ino, pos, chunk)
            assert r.status == 0
            if not r.data:
                break
            out += r.data
            pos += len(r.data)
        self.putnode(ino)
        return bytes(out)

    def in_use(self) -> int:
        return self.mfs.inodes.busy() if self.mfs.inodes else 0


def mounted(image: bytearray, minor: int = 1, **kw) -> Bench:
    b = Bench(image, minor, **kw)
    r = b.readsuper()
    assert r.status == 0, (r.status, b.mfs.last_error)
    return b


