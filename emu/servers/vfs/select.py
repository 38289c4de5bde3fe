"""select() (MINIX's vfs/select.c): wait until descriptors are ready, or a timeout.

do_select reads the three fd_sets and the timeout, then asks about every
descriptor once: regular files, directories and block devices are always
ready; pipes and FIFOs VFS knows itself (pipe.py's state, pipe_check's
rules); character devices are asked with DEV_SELECT, the protocol in
emu/abi/select.py, which TTY, MEM and PFS's sockets answer. If something is
ready (or the timeout is zero) the call returns at once. Otherwise the
process waits in one SelectEntry: pipes it watches call pipe_changed, drivers
send DEV_SEL_REPL (do_sel_repl), and a CLOCK timer (virtual time: a select
with a timeout costs no wall time while everything sleeps) ends it with
nothing ready. A signal cancels it through the suspension record (EINTR,
never restarted), and exit forgets it; either way the entry unhooks itself
from every pipe, driver minor and timer, so later events find nothing.
"""
import struct
from dataclasses import dataclass, field

from emu.abi import endpoints as ep
from emu.abi.callnr import CallNr
from emu.abi.com import DevRequest
from emu.abi.errno import Errno
from emu.abi.fcntl import FD_SETSIZE, HZ, PIPE_BUF
from emu.abi.message import Message
from emu.abi.select import (NFDBITS, SEL_ERR, SEL_MINOR, SEL_NOTIFY, SEL_OPS_FIELD, SEL_RD,
                            SEL_READY, SEL_WR)
from emu.servers.server import SUSPEND, ErrnoError
from emu.servers.vfs.device import _map_minor, driver_for, driver_status
from emu.servers.vfs.filedes import readable, writable
from emu.servers.vfs.filp import FILP_CHAR, FILP_PIPE
from emu.servers.vfs.suspend import WaitKind, revive, suspend

_TIMEVAL = struct.Struct("<ii")


@dataclass(slots=True, eq=False)
class SelectEntry:
    """One process waiting in select()."""
    fp: object
    nfds: int
    addresses: tuple              # user addresses of the read, write, error sets (0: none)
    fds: list                     # (fd, filp, ops asked)
    dev_ready: dict = field(default_factory=dict)   # fd -> ops a driver said are ready
    watching: list = field(default_factory=list)    # pipe states and driver keys hooked
    timer: int | None = None
    over: bool = False


def do_select(vfs, m: Message):
    fp = vfs.caller(m)
    nfds = m.m8_i1
    if not 0 <= nfds <= FD_SETSIZE:
        raise ErrnoError(Errno.EINVAL)
    nbytes = 4 * ((nfds + NFDBITS - 1) // NFDBITS)
    addresses = (m.m8_p1, m.m8_p2, m.m8_p3)
    masks = []
    for address in addresses:
        if address and nbytes:
            raw = vfs.sys.copy_from(fp.endpoint, address, nbytes)
            masks.append(int.from_bytes(raw, "little") & ((1 << nfds) - 1))
        else:
            masks.append(0)
    ticks = None                                   # None: wait for ever
    if m.m8_p4:
        sec, usec = _TIMEVAL.unpack(vfs.sys.copy_from(fp.endpoint, m.m8_p4, _TIMEVAL.size))
        if sec < 0 or not 0 <= usec < 1_000_000:
            raise ErrnoError(Errno.EINVAL)
        # Round up to whole ticks: a select never returns before its timeout.
        ticks = -(-(sec * 1_000_000 + usec) * HZ // 1_000_000)
    fds = []
    for fd in range(nfds):
        ops = sum(op for op, mask in zip((SEL_RD, SEL_WR, SEL_ERR), masks) if mask >> fd & 1)
        if ops:
            filp = fp.fds[fd]
            if filp is None:
                raise ErrnoError(Errno.EBADF)
            fds.append((fd, filp, ops))
    entry = SelectEntry(fp, nfds, addresses, fds)
    wait = ticks != 0
    for fd, filp, ops in fds:
        if filp.kind == FILP_CHAR:
            entry.dev_ready[fd] = _ask_driver(vfs, filp, ops, wait)
    count = _finish_if_ready(vfs, entry, answer=False)
    if count is not None:
        return count
    if not wait:
        return _finish(vfs, entry, {}, answer=False)
    _hook(vfs, entry, ticks)
    suspend(fp, WaitKind.SELECT, CallNr.SELECT, on_cancel=lambda: _unhook(vfs, entry),
            restartable=False)
    return SUSPEND


def _ask_driver(vfs, filp, ops: int, notify: bool) -> int:
    """DEV_SELECT: the operations the driver says are ready now. A driver
    that refuses the query (it does not know select) or fails it counts as
    ready: the read or write itself will tell the process what is wrong."""
    d = driver_for(vfs, filp.major)
    m = Message.of(DevRequest.DEV_SELECT)
    setattr(m, SEL_MINOR, _map_minor(filp.major, filp.minor))
    setattr(m, SEL_OPS_FIELD, ops | (SEL_NOTIFY if notify else 0))
    status = driver_status(vfs.sys.sendrec(ep.VFS, d.driver, m))
    return ops if status < 0 else status & ops


def _ready_now(filp, ops: int) -> int:
    """Readiness VFS knows without asking anyone (everything but character devices)."""
    if filp.kind == FILP_PIPE:
        st = filp.vnode.pipe
        ready = 0
        if ops & SEL_RD and readable(filp) and (st.size > 0 or st.writers == 0):
            ready |= SEL_RD
        if ops & SEL_WR and writable(filp) and (st.readers == 0 or st.size < PIPE_BUF):
            ready |= SEL_WR
        return ready
    return ops & (SEL_RD | SEL_WR)      # files, directories, block devices


def _finish_if_ready(vfs, entry: SelectEntry, answer: bool) -> int | None:
    ready = {}
    for fd, filp, ops in entry.fds:
        r = entry.dev_ready.get(fd, 0) if filp.kind == FILP_CHAR else _ready_now(filp, ops)
        if r:
            ready[fd] = r
    if not ready:
        return None
    return _finish(vfs, entry, ready, answer)


def _finish(vfs, entry: SelectEntry, ready: dict, answer: bool) -> int:
    """Write the sets back (only the ready bits), and answer: the count of bits."""
    entry.over = True
    _unhook(vfs, entry)
    fp = entry.fp
    nbytes = 4 * ((entry.nfds + NFDBITS - 1) // NFDBITS)
    count = 0
    result = -1
    try:
        for op, address in zip((SEL_RD, SEL_WR, SEL_ERR), entry.addresses):
            bits = 0
            for fd, ops in ready.items():
                if ops & op:
                    bits |= 1 << fd
                    count += 1
            if address and nbytes:
                vfs.sys.copy_to(fp.endpoint, address, bits.to_bytes(nbytes, "little"))
        result = count
    except ErrnoError as e:
        result = -e.errno
        if not answer:
            raise
    if answer:
        revive(vfs, fp, Message.of(result))
    return result


def _hook(vfs, entry: SelectEntry, ticks: int | None) -> None:
    for fd, filp, ops in entry.fds:
        if filp.kind == FILP_PIPE:
            st = filp.vnode.pipe
            st.selects.add(entry)
            entry.watching.append(st)
        elif filp.kind == FILP_CHAR:
            key = (driver_for(vfs, filp.major).driver, _map_minor(filp.major, filp.minor))
            vfs.select_waits.setdefault(key, set()).add(entry)
            entry.watching.append(key)
    if ticks is not None:
        entry.timer = vfs.sys.set_timer(ticks, lambda: _expire(vfs, entry))


def _unhook(vfs, entry: SelectEntry) -> None:
    entry.over = True
    for w in entry.watching:
        if isinstance(w, tuple):
            waits = vfs.select_waits.get(w)
            if waits is not None:
                waits.discard(entry)
                if not waits:
                    del vfs.select_waits[w]
        else:
            w.selects.discard(entry)
    entry.watching.clear()
    if entry.timer is not None:
        vfs.sys.cancel_timer(entry.timer)
        entry.timer = None


def _expire(vfs, entry: SelectEntry) -> None:
    """The timeout passed with nothing ready: select returns 0, the sets cleared."""
    entry.timer = None
    if entry.over or entry.fp.suspended is None:
        return
    _finish(vfs, entry, {}, answer=True)


def pipe_changed(vfs, vp) -> None:
    """A pipe's bytes or ends changed (pipe.progress): wake whoever it makes ready."""
    for entry in list(vp.pipe.selects):
        if not entry.over:
            _finish_if_ready(vfs, entry, answer=True)


def do_sel_repl(vfs, m: Message):
    """DEV_SEL_REPL from a driver: operations on a minor are ready now
    (emu/abi/select.py, step 3). Marks and answers; never calls a driver."""
    key = (m.m_source, getattr(m, SEL_MINOR))
    ops = getattr(m, SEL_READY)
    for entry in list(vfs.select_waits.get(key, ())):
        if entry.over:
            continue
        for fd, filp, asked in entry.fds:
            if filp.kind == FILP_CHAR and (driver_for(vfs, filp.major).driver,
                                           _map_minor(filp.major, filp.minor)) == key:
                entry.dev_ready[fd] = entry.dev_ready.get(fd, 0) | (ops & asked)
        _finish_if_ready(vfs, entry, answer=True)
    return SUSPEND
