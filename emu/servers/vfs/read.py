"""read, write, lseek and getdents (MINIX's read.c, write.c): data in open files.

A filp's kind says where its bytes are: a file system server (REQ_READ /
REQ_WRITE with a grant of the user's buffer), a character driver (the driver
protocol, which may suspend) or a block device (device.block_io).
"""
from emu.abi.com import DevRequest
from emu.abi.errno import Errno
from emu.abi.fcntl import O_ACCMODE, SEEK_CUR, SEEK_END, SEEK_SET, OpenFlag
from emu.abi.message import Fields, Message
from emu.servers.server import ErrnoError
from emu.servers.vfs.device import block_io, dev_io
from emu.servers.vfs.filedes import READ_MODES, WRITE_MODES, get_filp, readable
from emu.servers.vfs.filp import FILP_BLOCK, FILP_CHAR, FILP_PIPE
from emu.servers.vfs.pipe import pipe_read, pipe_write
from emu.servers.vfs.request import req_getdents, req_readwrite

MAX_FILE_POS = 0x7FFFFFFF     # off_t is 32 bits in the 3.1.8 ABI


# read(fd, buf, nbytes): m1_i1 fd, m1_i2 nbytes, m1_p1 buf, taken in one step.
_RW_CALL = Fields("m_source", "m1_i1", "m1_i2", "m1_p1")
_DEV_READ, _DEV_WRITE = int(DevRequest.DEV_READ), int(DevRequest.DEV_WRITE)


def _rw_call(vfs, m: Message, modes: frozenset):
    """read/write's caller, open file, count and buffer, checked: EBADF for a
    descriptor not open or not open for this (`modes`: filedes.READ_MODES or
    WRITE_MODES), EINVAL for a negative count."""
    source, fd, count, address = _RW_CALL.unpack(m)
    fp = vfs.fprocs.get(source)
    if fp is None:
        fp = vfs.caller(m)           # raises: an unknown caller
    filp = get_filp(fp, fd)
    if count < 0:
        raise ErrnoError(Errno.EINVAL)
    if filp.mode & O_ACCMODE not in modes:
        raise ErrnoError(Errno.EBADF)
    return fp, filp, count, address


def do_read(vfs, m: Message):
    # Hot path (console and socket reads): bench/ null syscall and UDS
    # ping-pong are the yardsticks.
    fp, filp, count, address = _rw_call(vfs, m, READ_MODES)
    if filp.kind == FILP_CHAR:
        if count == 0:
            return 0
        return dev_io(vfs, fp, filp, _DEV_READ, address, count)
    if filp.kind == FILP_PIPE:
        return pipe_read(vfs, fp, filp, address, count)
    return _rw(vfs, fp, filp, False, address, count)


def do_write(vfs, m: Message):
    # Hot path (console and socket writes).
    fp, filp, count, address = _rw_call(vfs, m, WRITE_MODES)
    if filp.kind == FILP_CHAR:
        if count == 0:
            return 0
        return dev_io(vfs, fp, filp, _DEV_WRITE, address, count)
    if filp.kind == FILP_PIPE:
        return pipe_write(vfs, fp, filp, address, count)
    return _rw(vfs, fp, filp, True, address, count)


def _rw(vfs, fp, filp, writing: bool, address: int, count: int) -> int:
    if count == 0:
        return 0
    if filp.kind == FILP_BLOCK:
        return block_io(vfs, fp, filp, writing, address, count)
    vp = filp.vnode
    if vp.is_dir():
        raise ErrnoError(Errno.EISDIR)
    pos = filp.pos
    if writing:
        if filp.flags & OpenFlag.O_APPEND:
            pos = vp.size
        if pos + count > MAX_FILE_POS:
            if pos >= MAX_FILE_POS:
                raise ErrnoError(Errno.EFBIG)
            count = MAX_FILE_POS - pos
    new_pos, done = req_readwrite(vfs, vp.fs_e, vp.inode_nr, pos, writing, fp.endpoint,
                                  address, count)
    if writing and new_pos > vp.size:
        vp.size = new_pos
    filp.pos = new_pos
    return done


def do_ioctl(vfs, m: Message):
    fp = vfs.caller(m)
    filp = get_filp(fp, m.m2_i1)
    if filp.kind != FILP_CHAR:
        raise ErrnoError(Errno.ENOTTY)
    return dev_io(vfs, fp, filp, DevRequest.DEV_IOCTL, m.m2_p1, m.m2_i3)


def _seek(filp, offset: int, whence: int) -> int:
    if filp.kind == FILP_PIPE:
        raise ErrnoError(Errno.ESPIPE)
    if whence == SEEK_SET:
        base = 0
    elif whence == SEEK_CUR:
        base = filp.pos
    elif whence == SEEK_END:
        base = filp.vnode.size if filp.vnode is not None else 0
    else:
        raise ErrnoError(Errno.EINVAL)
    pos = base + offset
    if pos < 0:
        raise ErrnoError(Errno.EINVAL)
    return pos


def do_lseek(vfs, m: Message):
    fp = vfs.caller(m)
    filp = get_filp(fp, m.m2_i1)
    pos = _seek(filp, m.m2_l1, m.m2_i2)
    if pos > MAX_FILE_POS:
        raise ErrnoError(Errno.EOVERFLOW)
    filp.pos = pos
    m.m2_l1 = pos
    return 0


def do_llseek(vfs, m: Message):
    fp = vfs.caller(m)
    filp = get_filp(fp, m.m2_i1)
    offset = (m.m2_l1 & 0xFFFFFFFF) | (m.m2_l2 << 32)
    pos = _seek(filp, offset, m.m2_i2)
    filp.pos = pos
    m.m2_l1 = pos & 0xFFFFFFFF
    m.m2_l2 = pos >> 32
    return 0


def do_getdents(vfs, m: Message):
    fp = vfs.caller(m)
    filp = get_filp(fp, m.m1_i1)
    count = m.m1_i2
    if not readable(filp):
        raise ErrnoError(Errno.EBADF)
    vp = filp.vnode
    if vp is None or not vp.is_dir():
        raise ErrnoError(Errno.ENOTDIR)
    if count < 0:
        raise ErrnoError(Errno.EINVAL)
    new_pos, done = req_getdents(vfs, vp.fs_e, vp.inode_nr, filp.pos, fp.endpoint, m.m1_p1,
                                 count)
    filp.pos = new_pos
    return done
