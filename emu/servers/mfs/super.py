"""REQ_READSUPER: open the device, read and check the super block and the bitmaps (super.c).

Anything that is not a sane MINIX v3 file system (bad magic, sizes that do not
add up, bitmaps without their reserved bits, a root that is not a directory,
a file system larger than the device) fails the mount with EINVAL and one
line saying why (MinixFileSystem.last_error, and an `fs` trace event).
"""
from emu.abi import endpoints as ep
from emu.abi import minixfs as fs
from emu.abi.errno import Errno
from emu.abi.vfsif import (REQ_DEV, REQ_FLAGS, REQ_GRANT, REQ_ISROOT, REQ_PATH_LEN, REQ_RDONLY,
                           RES_CONREQS, RES_FILE_SIZE_HI, RES_FILE_SIZE_LO, RES_GID,
                           RES_INODE_NR, RES_MODE, RES_UID)
from emu.servers.mfs.cache import BlockCache
from emu.servers.mfs.device import BlockDevice
from emu.servers.mfs.msg import arg, reply
from emu.servers.server import ErrnoError

LABEL_MAX = 16
_BY_NAME = {name: e for e, name in ep.SYSTEM_NAMES.items()}


def detail(e: ErrnoError) -> str:
    """The text after "ENAME: " in an ErrnoError, or the errno's name."""
    return str(e).split(": ", 1)[-1]


def driver_endpoint(label: bytes) -> int:
    e = _BY_NAME.get(label.decode("ascii", "replace"))
    if e is None or e < 0:
        raise ErrnoError(Errno.EINVAL, f"no driver called {label!r}")
    return e


def do_readsuper(mfs, m):
    if mfs.sb is not None:
        raise ErrnoError(Errno.EBUSY, "already mounted")
    n = arg(m, REQ_PATH_LEN)
    if not 0 < n <= LABEL_MAX:
        raise ErrnoError(Errno.EINVAL, "bad driver label length")
    label = mfs.sys.safecopy_from(mfs.endpoint, m.m_source, arg(m, REQ_GRANT), 0, n)
    label = label.split(b"\0")[0]
    driver = driver_endpoint(label)
    flags = arg(m, REQ_FLAGS)
    dev = arg(m, REQ_DEV) & 0xFFFF
    try:
        mount(mfs, driver, dev, readonly=bool(flags & REQ_RDONLY),
              is_root=bool(flags & REQ_ISROOT))
    except ErrnoError as e:
        mfs.mount_failed(f"{label.decode(errors='replace')} {dev >> 8},{dev & 0xFF}: "
                         f"{detail(e)}")
        raise
    root = mfs.inodes.get(fs.ROOT_INODE)        # VFS's reference to the root
    return reply(**{RES_INODE_NR: root.num, RES_MODE: root.mode, RES_FILE_SIZE_LO: root.size,
                    RES_FILE_SIZE_HI: 0, RES_UID: root.uid, RES_GID: root.gid,
                    RES_CONREQS: 1})


def mount(mfs, driver: int, dev: int, readonly: bool, is_root: bool) -> None:
    device = BlockDevice(mfs.sys, mfs.endpoint, driver, dev & 0xFF)
    device.open(writable=not readonly)
    try:
        raw = bytearray(fs.MIN_BLOCK_SIZE)
        device.transfer(False, fs.SUPER_OFFSET, raw)
        sb = fs.SuperBlock.unpack(raw)
        try:
            sb.validate()
        except fs.FormatError as e:
            raise ErrnoError(Errno.EINVAL, f"not a MINIX v3 file system: {e}") from None
        try:      # the last block must exist: a file system larger than its device
            device.transfer(False, (sb.zones - 1) * sb.block_size, bytearray(sb.block_size))
        except ErrnoError:
            raise ErrnoError(Errno.EINVAL, f"the file system ({sb.zones} blocks of "
                                           f"{sb.block_size}) is larger than the device") \
                from None
        mfs.attach(device, dev, sb, BlockCache(device, sb.block_size, mfs.cache_bytes),
                   readonly, is_root)
        _check(mfs)
    except BaseException:
        mfs.detach()
        device.close()
        raise


def _check(mfs) -> None:
    """The bitmaps' reserved bits and the root inode must be what mkfs left."""
    cache, sb = mfs.cache, mfs.sb
    imap, zmap = cache.get(sb.imap_start), cache.get(sb.zmap_start)
    if not (fs.bit_test(imap, 0) and fs.bit_test(imap, fs.ROOT_INODE)):
        raise ErrnoError(Errno.EINVAL, "inode bitmap is garbage (reserved or root bit clear)")
    if not fs.bit_test(zmap, 0):
        raise ErrnoError(Errno.EINVAL, "zone bitmap is garbage (reserved bit clear)")
    root = mfs.inodes.get(fs.ROOT_INODE)
    try:
        if root.type != fs.I_DIRECTORY or root.nlinks < 2 or root.size < 2 * fs.DIR_ENTRY_SIZE:
            raise ErrnoError(Errno.EINVAL, f"root inode is not a directory "
                                           f"(mode {root.mode:o}, {root.nlinks} links)")
        mfs.zones.check(root, root.zones[0])
    except ErrnoError as e:
        raise ErrnoError(Errno.EINVAL, detail(e)) from None
    finally:
        mfs.inodes.put(root)

