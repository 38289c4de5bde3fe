"""execve from the file system, PM's half (MINIX's exec.c in PM).

The C library sends EXEC with the path and a ready-made initial stack frame
(argc, argv offsets, NULL, envp offsets, NULL, the strings; offsets relative
to the frame's start). PM copies and checks the frame (E2BIG beyond ARG_MAX),
asks VFS for the program (PM_EXEC: path lookup, x permission, set-uid/set-gid,
the ELF read through the file system server into a grant), gives the process
a fresh image with the frame's strings relocated onto its new stack
(sys.exec), and reports to VFS with PM_EXEC_DONE, which closes the
FD_CLOEXEC descriptors. A successful exec has no reply: the caller now runs
the new program.
"""
import struct

from emu.abi import endpoints as ep
from emu.abi.com import (PM_EXEC_GID, PM_EXEC_GRANT, PM_EXEC_PATH,
                         PM_EXEC_PATH_LEN, PM_EXEC_SIZE, PM_EXEC_STATUS, PM_EXEC_UID, PM_PROC,
                         PmRequest)
from emu.abi.errno import Errno, ErrnoError
from emu.abi.fcntl import ARG_MAX, PATH_MAX
from emu.abi.message import Message
from emu.servers.pm import signal
from emu.servers.server import SUSPEND

_WORD = struct.Struct("<I")


def decode_frame(frame: bytes) -> tuple[list[bytes], list[bytes]]:
    """argv and envp from a 3.1.8 exec frame; EINVAL if it is malformed."""
    size = len(frame)

    def word(offset: int) -> int:
        if offset + 4 > size:
            raise ErrnoError(Errno.EINVAL, "exec frame ends inside its vectors")
        return _WORD.unpack_from(frame, offset)[0]

    def string(offset: int) -> bytes:
        end = frame.find(b"\0", offset)
        if not 0 < offset < size or end < 0:
            raise ErrnoError(Errno.EINVAL, "exec frame string outside the frame")
        return bytes(frame[offset:end])

    argc = word(0)
    pos = 4
    argv, envp = [], []
    for vector in (argv, envp):
        while True:
            ptr = word(pos)
            pos += 4
            if ptr == 0:
                break
            vector.append(string(ptr))
    if len(argv) != argc:
        raise ErrnoError(Errno.EINVAL, "exec frame argc does not match argv")
    return argv, envp


def do_exec(pm, m: Message):
    mp = pm.caller(m)
    path_len, frame_size, path_addr, frame_addr = m.m1_i1, m.m1_i2, m.m1_p1, m.m1_p2
    if frame_size > ARG_MAX:
        raise ErrnoError(Errno.E2BIG)
    if frame_size < 12 or path_len <= 0:
        raise ErrnoError(Errno.EINVAL)
    if path_len > PATH_MAX:
        raise ErrnoError(Errno.ENAMETOOLONG)
    argv, envp = decode_frame(pm.sys.copy_from(mp.endpoint, frame_addr, frame_size))
    path = pm.sys.copy_from(mp.endpoint, path_addr, path_len).split(b"\0", 1)[0]
    ask = Message.of(PmRequest.PM_EXEC, **{PM_PROC: mp.endpoint, PM_EXEC_PATH: path_addr,
                                           PM_EXEC_PATH_LEN: path_len})
    reply = pm.sys.sendrec(ep.PM, ep.VFS, ask)
    if reply.m_type < 0:
        raise ErrnoError(-reply.m_type)
    grant, size = getattr(reply, PM_EXEC_GRANT), getattr(reply, PM_EXEC_SIZE)
    uid, gid = getattr(reply, PM_EXEC_UID) & 0xFFFF, getattr(reply, PM_EXEC_GID) & 0xFF
    name = path.rsplit(b"/", 1)[-1].decode(errors="replace") or "?"
    status = 0
    try:
        image = pm.sys.safecopy_from(ep.PM, ep.VFS, grant, 0, size)
        pm.sys.exec(mp.endpoint, image, argv, envp, name)
    except ErrnoError as e:
        status = e.errno
        raise
    finally:
        done = Message.of(PmRequest.PM_EXEC_DONE, **{PM_PROC: mp.endpoint,
                                                     PM_EXEC_STATUS: status})
        pm.sys.sendrec(ep.PM, ep.VFS, done)
    mp.name = name
    mp.execed = True
    signal.signals_after_exec(mp)   # the new image has none of the old handlers
    if (uid, gid) != (mp.euid, mp.egid):
        mp.euid, mp.egid = uid, gid
        if pm.trace.proc:
            pm.trace.emit("proc", "setid", proc=f"{name}[{mp.pid}]", euid=uid, egid=gid)
    return SUSPEND
