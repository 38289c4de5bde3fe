"""Pipes and FIFOs in VFS (MINIX's vfs/pipe.c): who may read or write now, who waits.

The split is MINIX 3.1.8's: PFS stores a pipe's bytes (emu/servers/pfs), VFS
decides. Every open pipe or FIFO vnode has a PipeState: how many open files
read and write it, the bytes PFS holds (each PFS reply says), and two
queues of suspended callers, readers and writers, served strictly in order.
pipe_check's rules:

- a read of an empty pipe with a writer waits (EAGAIN with O_NONBLOCK); with
  no writer it is end of file (0);
- a write with no reader is EPIPE, and the writer gets SIGPIPE;
- a write of at most PIPE_BUF bytes is atomic: it waits until all of it fits
  and goes in as one piece, so several writers interleave only at write
  boundaries; a bigger write goes in piece by piece as room appears;
- O_NONBLOCK: a write that cannot go in whole (at most PIPE_BUF) or at all
  is EAGAIN; a bigger one writes what fits.

A waiting caller is one suspension record (suspend.py, WaitKind.PIPE) whose
cancel (a caught signal) takes it off its queue and answers EINTR or the
bytes it already wrote; exit forgets it the same way. Whatever changes a
pipe (bytes in, bytes out, a close) runs `progress`, which serves the
queues (each reader's REQ_READ goes straight into its own buffer) and tells
select (select.py) the pipe changed.

A FIFO's inode lives on MFS; its bytes go to a PFS node VFS asks for when the
FIFO is first opened (MINIX's map_vnode) and gives back when the last open
file closes. Opening waits for the other end (fifo_open).
"""
import struct
from collections import deque
from dataclasses import dataclass, field

from emu.abi import endpoints as ep
from emu.abi import vfsif as V
from emu.abi.callnr import CallNr
from emu.abi.errno import Errno
from emu.abi.fcntl import O_RDONLY, O_RDWR, O_WRONLY, PIPE_BUF, S_IFIFO, OpenFlag
from emu.abi.message import LAYOUTS, Message
from emu.abi.signals import Signal
from emu.abi.vfsif import FsRequest
from emu.kernel.grants import READ, WRITE
from emu.servers.server import SUSPEND, ErrnoError
from emu.servers.vfs.filedes import install_fd
from emu.servers.vfs.filp import FILP_PIPE
from emu.servers.vfs.request import req_newnode, req_putnode
from emu.servers.vfs.suspend import WaitKind, revive, suspend


@dataclass(slots=True, eq=False)
class PipeWaiter:
    """A read or write that waits (or, for the caller itself, is being served)."""
    fp: object
    filp: object
    writing: bool
    address: int
    count: int
    done: int = 0
    result: int | None = None     # set when served; the caller itself returns it
    asleep: bool = False          # suspended: its answer is a revive


@dataclass(slots=True, eq=False)
class PipeState:
    fs_e: int                     # PFS and the node there that holds the bytes
    ino: int
    mapped: bool = False          # a FIFO's PFS node, given back on the last close
    size: int = 0                 # bytes in the pipe (PFS's replies say)
    readers: int = 0              # open files that read it
    writers: int = 0
    read_q: deque = field(default_factory=deque)
    write_q: deque = field(default_factory=deque)
    open_q: list = field(default_factory=list)     # FIFO opens waiting for the other end
    selects: set = field(default_factory=set)      # select.SelectEntry watching it


# -- pipe() ---------------------------------------------------------------------
def do_pipe(vfs, m: Message):
    """pipe(): a PFS node and two open files, read end then write end (m1_i1, m1_i2)."""
    fp = vfs.caller(m)
    fd0 = fp.lowest_free_fd()
    fd1 = None if fd0 is None else fp.lowest_free_fd(fd0 + 1)
    if fd1 is None:
        raise ErrnoError(Errno.EMFILE)
    node = req_newnode(vfs, ep.PFS, fp.uid, fp.gid, S_IFIFO | 0o600, 0)
    vp = vfs.vnodes.enter(node.fs_e, node.inode_nr, node.mode, 0, node.uid, node.gid, 0, None)
    vp.pipe = PipeState(node.fs_e, node.inode_nr)
    try:
        rd = vfs.filps.alloc(O_RDONLY, 0, vp, FILP_PIPE)
    except ErrnoError:
        vfs.vnodes.put(vp)
        raise
    try:
        wr = vfs.filps.alloc(O_WRONLY, 0, vfs.vnodes.dup(vp), FILP_PIPE)
    except ErrnoError:
        vfs.put_filp(rd)
        vfs.vnodes.put(vp)
        raise
    vp.pipe.readers, vp.pipe.writers = 1, 1
    install_fd(fp, fd0, rd)
    install_fd(fp, fd1, wr)
    m.m1_i1, m.m1_i2 = fd0, fd1
    return 0


# -- read and write -------------------------------------------------------------
def pipe_read(vfs, fp, filp, address: int, count: int):
    # Hot path: bench/ pipe throughput.
    st = filp.vnode.pipe
    if count == 0:
        return 0
    if st.size == 0:
        if st.writers == 0:
            return 0                                    # end of file
        if filp.flags & OpenFlag.O_NONBLOCK:
            raise ErrnoError(Errno.EAGAIN)
        w = PipeWaiter(fp, filp, False, address, count)
        st.read_q.append(w)
        _sleep(vfs, st.read_q, w, CallNr.READ)
        return SUSPEND
    n = _transfer(vfs, st, fp.endpoint, False, address, count)
    progress(vfs, filp.vnode)
    return n


def pipe_write(vfs, fp, filp, address: int, count: int):
    # Hot path: bench/ pipe throughput.
    st = filp.vnode.pipe
    if st.readers == 0:
        return _broken(vfs, fp, 0)
    if count == 0:
        return 0
    room = PIPE_BUF - st.size
    if filp.flags & OpenFlag.O_NONBLOCK:
        if count <= PIPE_BUF:
            if count > room:
                raise ErrnoError(Errno.EAGAIN)
        elif room == 0:
            raise ErrnoError(Errno.EAGAIN)
        n = _transfer(vfs, st, fp.endpoint, True, address, min(count, room))
        progress(vfs, filp.vnode)
        return n
    if not st.write_q and count <= room:                # the common case: it fits now
        n = _transfer(vfs, st, fp.endpoint, True, address, count)
        progress(vfs, filp.vnode)
        return n
    w = PipeWaiter(fp, filp, True, address, count)
    st.write_q.append(w)
    progress(vfs, filp.vnode)
    if w.result is not None:
        return w.result
    _sleep(vfs, st.write_q, w, CallNr.WRITE)
    return SUSPEND


# REQ_READ/REQ_WRITE packed and unpacked in one call each: every pipe read
# and write is one (bench/: pipe throughput; request.req_readwrite's named
# fields cost about a third of the call).
_RW_FIELDS = (V.REQ_INODE_NR, V.REQ_GRANT, V.REQ_SEEK_POS_HI, V.REQ_SEEK_POS_LO, V.REQ_NBYTES)
assert [LAYOUTS[f][0] for f in _RW_FIELDS] == [8, 12, 16, 20, 24]
_pack_rw = struct.Struct("<ii5i").pack_into
_unpack_type = struct.Struct("<i").unpack_from
_RES_NBYTES, _RES_SIZE = LAYOUTS[V.RES_NBYTES][0], LAYOUTS[V.RES_SEEK_POS_LO][0]
_EMPTY = bytes(36)


def _transfer(vfs, st: PipeState, endpoint: int, writing: bool, address: int,
              count: int) -> int:
    """One REQ_READ/REQ_WRITE to PFS with a grant of the process's buffer;
    PFS's reply says how many bytes moved and how many are left."""
    sys = vfs.sys
    gid = sys.grant_user(ep.VFS, st.fs_e, endpoint, address, count, READ if writing else WRITE)
    try:
        m = Message(_EMPTY)
        _pack_rw(m, 0, ep.VFS, FsRequest.REQ_WRITE if writing else FsRequest.REQ_READ,
                 st.ino, gid, 0, 0, count)
        reply = sys.sendrec(ep.VFS, st.fs_e, m)
    finally:
        sys.revoke(ep.VFS, gid)
    r = _unpack_type(reply, 4)[0]
    if r < 0:
        raise ErrnoError(-r)
    st.size = _unpack_type(reply, _RES_SIZE)[0]
    return _unpack_type(reply, _RES_NBYTES)[0]


def _broken(vfs, fp, done: int) -> int:
    """A write with no reader left: EPIPE and SIGPIPE, or the bytes already written."""
    if done:
        return done
    try:
        vfs.sys.kill(fp.endpoint, Signal.SIGPIPE)
    except ErrnoError:
        pass                      # the process is already on its way out
    raise ErrnoError(Errno.EPIPE)


def _sleep(vfs, queue: deque, w: PipeWaiter, call: int) -> None:
    """Suspend the caller of `w`, which waits in `queue`."""
    w.asleep = True

    def on_cancel():
        if w in queue:
            queue.remove(w)
        w.asleep = False
        progress(vfs, w.filp.vnode)      # the next writer in line may fit now
        return w.done or None
    suspend(w.fp, WaitKind.PIPE, call, filp=w.filp, on_cancel=on_cancel)


def _answer(vfs, w: PipeWaiter, result: int) -> None:
    w.result = result
    if w.asleep:
        w.asleep = False
        revive(vfs, w.fp, Message.of(result))


def progress(vfs, vp) -> None:
    """Serve the waiting readers and writers, in order, as far as the pipe
    allows, then tell select the pipe changed."""
    st = vp.pipe
    if st is None:
        return
    moved = True
    while moved:
        moved = False
        while st.read_q and (st.size > 0 or st.writers == 0):
            w = st.read_q.popleft()
            try:
                n = _transfer(vfs, st, w.fp.endpoint, False, w.address, w.count) \
                    if st.size else 0
            except ErrnoError as e:
                n = -e.errno
            _answer(vfs, w, n)
            moved = True
        while st.write_q:
            w = st.write_q[0]
            if st.readers == 0:
                st.write_q.popleft()
                try:
                    _answer(vfs, w, _broken(vfs, w.fp, w.done))
                except ErrnoError as e:
                    _answer(vfs, w, -e.errno)
                continue
            left, room = w.count - w.done, PIPE_BUF - st.size
            chunk = (left if left <= room else 0) if w.count <= PIPE_BUF else min(left, room)
            if chunk == 0:
                break
            try:
                w.done += _transfer(vfs, st, w.fp.endpoint, True, w.address + w.done, chunk)
            except ErrnoError as e:
                st.write_q.popleft()
                _answer(vfs, w, w.done or -e.errno)
                continue
            moved = True
            if w.done == w.count:
                st.write_q.popleft()
                _answer(vfs, w, w.done)
    if st.selects:
        from emu.servers.vfs.select import pipe_changed
        pipe_changed(vfs, vp)


# -- opening and closing ----------------------------------------------------------
def open_count(vfs, vp, accmode: int) -> None:
    """A new open file of a FIFO: map it to PFS on the first open, count the end."""
    st = vp.pipe
    if st is None:
        node = req_newnode(vfs, ep.PFS, vp.uid, vp.gid, S_IFIFO | (vp.mode & 0o7777), vp.sdev)
        st = vp.pipe = PipeState(node.fs_e, node.inode_nr, mapped=True)
    if accmode in (O_RDONLY, O_RDWR):
        st.readers += 1
    if accmode in (O_WRONLY, O_RDWR):
        st.writers += 1


def fifo_open(vfs, fp, fd: int, filp) -> int:
    """Finish opening a FIFO already installed at `fd`: POSIX's rules for
    who waits. A reader waits for a writer and a writer for a reader, unless
    O_NONBLOCK (then a reader goes on at once, a writer with no reader is
    ENXIO); O_RDWR never waits. Whoever opens the other end wakes them."""
    vp = filp.vnode
    st = vp.pipe
    mode = filp.mode
    _wake_opens(vfs, st)
    if mode == O_RDWR:
        return fd
    other = st.writers if mode == O_RDONLY else st.readers
    if other:
        return fd
    if filp.flags & OpenFlag.O_NONBLOCK:
        if mode == O_RDONLY:
            return fd
        from emu.servers.vfs.filedes import close_fd
        close_fd(vfs, fp, fd)
        raise ErrnoError(Errno.ENXIO)
    entry = (fp, fd, filp)
    st.open_q.append(entry)

    def on_cancel():
        if entry in st.open_q:
            st.open_q.remove(entry)
        if fp.fds[fd] is filp:
            from emu.servers.vfs.filedes import close_fd
            close_fd(vfs, fp, fd)
    suspend(fp, WaitKind.PIPE, CallNr.OPEN, filp=filp, on_cancel=on_cancel)
    return SUSPEND


def _wake_opens(vfs, st: PipeState) -> None:
    still = []
    for fp, fd, filp in st.open_q:
        other = st.writers if filp.mode == O_RDONLY else st.readers
        if other:
            revive(vfs, fp, Message.of(fd))
        else:
            still.append((fp, fd, filp))
    st.open_q[:] = still


def pipe_closed(vfs, filp) -> None:
    """The last reference to a pipe's open file went (put_filp): one reader or
    writer fewer. The last writer wakes the readers (end of file), the last
    reader the writers (EPIPE); the last of all gives a FIFO's PFS node back."""
    vp = filp.vnode
    st = vp.pipe
    if st is None:
        return
    if filp.mode in (O_RDONLY, O_RDWR):
        st.readers -= 1
    if filp.mode in (O_WRONLY, O_RDWR):
        st.writers -= 1
    progress(vfs, vp)
    if st.readers == 0 and st.writers == 0 and st.mapped:
        vp.pipe = None
        req_putnode(vfs, st.fs_e, st.ino, 1)
