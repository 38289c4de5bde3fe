"""exec from the file system, VFS's half (MINIX's exec.c as far as VFS goes).

PM asks with PM_EXEC: VFS resolves the path as the process, requires a
regular file it may execute (EACCES), reads it through the file system
server into its own buffer, rejects what is not an ELF file (ENOEXEC),
works out the set-uid/set-gid effective ids, and grants PM the buffer. A
script starting with "#!" names its interpreter (an ELF file, found and
checked as the process would run it); VFS grants the interpreter with the
script's "#!" line after it, and PM puts the interpreter, its argument and the
script's path in front of the arguments (as MINIX 3.1.8 does). PM
builds the new image and reports with PM_EXEC_DONE; only a successful exec
changes the ids and closes the FD_CLOEXEC descriptors.
"""
from emu.abi import endpoints as ep
from emu.abi.com import (PM_EXEC_GID, PM_EXEC_GRANT, PM_EXEC_PATH, PM_EXEC_PATH_LEN,
                         PM_EXEC_SCRIPT, PM_EXEC_SIZE, PM_EXEC_STATUS, PM_EXEC_UID,
                         PM_PROC)
from emu.abi.errno import Errno
from emu.abi.fcntl import S_ISGID, S_ISUID, X_OK
from emu.abi.message import Message
from emu.kernel.grants import READ
from emu.servers.server import ErrnoError
from emu.servers.vfs.filedes import close_fd
from emu.servers.vfs.fproc import FProc
from emu.servers.vfs.path import eat_path, fetch_name
from emu.servers.vfs.protect import forbidden
from emu.servers.vfs.request import req_read_buffer

ELF_MAGIC = b"\x7fELF"
MAX_EXEC_SIZE = 32 << 20     # bytes: larger programs are refused with ENOMEM
MAX_SCRIPT_LINE = 256        # bytes of a "#!" line (3.1.8 reads one block; we ask for less)


def find_program(vfs, fp, path: bytes) -> tuple[bytearray, int, int]:
    """The executable a path names, read in whole, and the effective uid and
    gid the process would run it with: EACCES, ENOEXEC, ENOENT, ..."""
    image, uid, gid, _line = find_executable(vfs, fp, path, scripts=False)
    return image, uid, gid


def find_executable(vfs, fp, path: bytes, scripts: bool = True):
    """find_program, and for a "#!" script its interpreter's image and ids
    with the script's "#!" line (b"" for a program). An interpreter that is
    itself a script, or a line with no interpreter, is ENOEXEC."""
    vp = eat_path(vfs, fp, path)
    try:
        if not vp.is_reg():
            raise ErrnoError(Errno.EACCES)
        forbidden(fp, vp, X_OK)
        if vp.size > MAX_EXEC_SIZE:
            raise ErrnoError(Errno.ENOMEM)
        image = bytearray(vp.size)
        if image and req_read_buffer(vfs, vp.fs_e, vp.inode_nr, 0, image) != len(image):
            raise ErrnoError(Errno.EIO)
        if image[:2] == b"#!" and scripts:
            end = image.find(b"\n", 0, MAX_SCRIPT_LINE)
            line = bytes(image[2:end if end >= 0 else MAX_SCRIPT_LINE]).strip()
            if end < 0 or not line or b"\0" in line:
                raise ErrnoError(Errno.ENOEXEC)
        elif image[:4] != ELF_MAGIC:
            raise ErrnoError(Errno.ENOEXEC)
        else:
            line = b""
        uid = vp.uid if vp.mode & S_ISUID else fp.uid
        gid = vp.gid if vp.mode & S_ISGID else fp.gid
    finally:
        vfs.vnodes.put(vp)
    if line:
        interpreter = line.split(None, 1)[0]
        image, uid, gid = find_program(vfs, fp, interpreter)
    return image, uid, gid, line


def load_boot_program(vfs, path: bytes) -> bytes:
    """The first process's program (/sbin/init), read as root before any process exists."""
    root = vfs.root_vnode()
    if root is None:
        raise ErrnoError(Errno.ENOENT, "no root file system")
    fp = FProc(ep.NONE, 0, root=vfs.vnodes.dup(root), cwd=vfs.vnodes.dup(root))
    try:
        return bytes(find_program(vfs, fp, path)[0])
    finally:
        vfs.vnodes.put(fp.root)
        vfs.vnodes.put(fp.cwd)


def pm_exec(vfs, m: Message):
    endpoint = getattr(m, PM_PROC)
    fp = vfs.fprocs.get(endpoint)
    if fp is None:
        raise ErrnoError(Errno.EINVAL)
    path = fetch_name(vfs, endpoint, getattr(m, PM_EXEC_PATH), getattr(m, PM_EXEC_PATH_LEN))
    image, uid, gid, line = find_executable(vfs, fp, path)
    if line:
        image += line
    vfs.forget_exec(endpoint)
    grant = vfs.sys.grant_buffer(ep.VFS, ep.PM, image, READ)
    vfs.exec_pending[endpoint] = (grant, uid, gid)
    reply = Message.of(0)
    setattr(reply, PM_EXEC_GRANT, grant)
    setattr(reply, PM_EXEC_SIZE, len(image))
    setattr(reply, PM_EXEC_UID, uid)
    setattr(reply, PM_EXEC_GID, gid)
    setattr(reply, PM_EXEC_SCRIPT, len(line))
    return reply


def pm_exec_done(vfs, m: Message):
    """PM loaded the image (status 0) or could not: drop the buffer, and on
    success take the new ids and close the close-on-exec descriptors."""
    endpoint = getattr(m, PM_PROC)
    pending = vfs.exec_pending.get(endpoint)
    vfs.forget_exec(endpoint)
    fp = vfs.fprocs.get(endpoint)
    if pending is None or fp is None or getattr(m, PM_EXEC_STATUS) != 0:
        return 0
    _, fp.uid, fp.gid = pending
    for fd in sorted(fp.cloexec):
        if fp.fds[fd] is not None:
            close_fd(vfs, fp, fd)
    fp.cloexec.clear()
    return 0
