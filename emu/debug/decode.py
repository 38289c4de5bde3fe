"""Decoding messages for people: call names, fields and results.

The trace carries raw 36-byte messages; this turns them into
`write(fd=1, buf=0x0804c010, nbytes=6)` and `write = 6`, using the call
table in emu.abi (which server, which fields) and the driver protocol.
"""
from emu.abi import com, uds
from emu.abi import vfsif as V
from emu.abi.callnr import CALLS
from emu.abi.errno import errno_name
from emu.abi.message import Message

_DEV_FIELDS = (("minor", "m2_i1", "d"), ("proc", "m2_i2", "d"), ("count", "m2_i3", "d"),
               ("pos", "m2_l1", "d"), ("addr", "m2_p1", "p"))
_DEV_REPLY = (("proc", "m2_i1", "d"), ("status", "m2_i2", "d"))
_DEV_OPEN = (("minor", "m2_i1", "d"), ("proc", "m2_i2", "d"), ("flags", "m2_i3", "o"))
_PROC = (("proc", "m1_i1", "d"),)
_PM_FIELDS = {
    com.PmRequest.PM_INIT: _PROC + (("pid", "m1_i3", "d"),),
    com.PmRequest.PM_FORK: _PROC + (("parent", "m1_i2", "d"), ("pid", "m1_i3", "d")),
    com.PmRequest.PM_SETUID: _PROC + (("euid", "m1_i2", "d"), ("ruid", "m1_i3", "d")),
    com.PmRequest.PM_SETGID: _PROC + (("egid", "m1_i2", "d"), ("rgid", "m1_i3", "d")),
    com.PmRequest.PM_UNPAUSE: _PROC + (("restart", com.PM_UNPAUSE_RESTART, "d"),),
}

_OTHER = {int(v): (v.name, _DEV_FIELDS) for v in com.DevRequest}
_OTHER[com.DevRequest.DEV_OPEN] = ("DEV_OPEN", _DEV_OPEN)
_OTHER[com.DevRequest.DEV_CLOSE] = ("DEV_CLOSE", _DEV_OPEN[:2])
_DEV_SAFE = _DEV_FIELDS[:4] + (("highpos", "m2_l2", "d"), ("grant", "m2_p1", "d"))
for _req in (com.DevRequest.DEV_READ_S, com.DevRequest.DEV_WRITE_S,
             com.DevRequest.DEV_GATHER_S, com.DevRequest.DEV_SCATTER_S):
    _OTHER[_req] = (_req.name, _DEV_SAFE)
_OTHER[com.DevRequest.DEV_IOCTL_S] = ("DEV_IOCTL_S", _DEV_FIELDS[:2] + (
    ("request", "m2_i3", "x"), ("grant", "m2_p1", "d")))
_OTHER[com.DevRequest.CANCEL] = ("CANCEL", (("proc", "m2_i2", "d"), ("call", "m2_i3", "x")))
_OTHER.update({int(v): (v.name, _DEV_REPLY) for v in com.DevReply})
# select (emu/abi/select.py): the query and the driver's later notification
# name a minor and the operations (SEL_RD 1, SEL_WR 2, SEL_ERR 4, SEL_NOTIFY 8).
_OTHER[com.DevRequest.DEV_SELECT] = ("DEV_SELECT", (("minor", "m2_i1", "d"), ("ops", "m2_i2", "x")))
_OTHER[com.DevReply.DEV_IO_READY] = ("DEV_IO_READY", (("minor", "m2_i1", "d"),
                                                      ("ready", "m2_i2", "x")))
_OTHER.update({int(v): (v.name, _PM_FIELDS.get(v, _PROC)) for v in com.PmRequest})
_OTHER[com.DevRequest.DEV_IOCTL] = ("DEV_IOCTL", _DEV_FIELDS[:2] + (
    ("request", "m2_i3", "ioctl"), ("caller", "m2_l1", "d"), ("addr", "m2_p1", "p")))
# PFS's nested calls back into VFS (emu/servers/vfs/pfs_calls.py) and its PM request.
_NESTED_FD = (("proc", "m2_i1", "d"), ("fd", "m2_i2", "d"))
_NESTED_FILP = (("filp", "m2_i3", "d"),)
_OTHER.update({
    com.PfsVfsCall.CHECK_PERMS: ("CHECK_PERMS", (("proc", "m2_i1", "d"), ("grant", "m2_i2", "d"),
                                                 ("len", "m2_i3", "d"))),
    com.PfsVfsCall.VERIFY_FD: ("VERIFY_FD", _NESTED_FD),
    com.PfsVfsCall.SET_FILP: ("SET_FILP", _NESTED_FILP),
    com.PfsVfsCall.COPY_FILP: ("COPY_FILP", (("proc", "m2_i1", "d"),) + _NESTED_FILP),
    com.PfsVfsCall.PUT_FILP: ("PUT_FILP", _NESTED_FILP),
    com.PfsVfsCall.CANCEL_FD: ("CANCEL_FD", _NESTED_FD),
    com.PmServerRequest.PM_GETNUCRED: ("PM_GETNUCRED", (("proc", com.PM_NUCRED_ENDPT, "d"),)),
    com.PmServerRequest.PM_JOBCTL: ("PM_JOBCTL", (("proc", com.PM_JOBCTL_PROC, "d"),
                                                  ("signal", com.PM_JOBCTL_SIG, "d"),
                                                  ("fg", com.PM_JOBCTL_FG, "d"),
                                                  ("pgrp", com.PM_JOBCTL_PGRP, "d"))),
})
_IOCTL_NAMES = {value: name for name, value in uds.UDS_REQUESTS.items()}
_OTHER[com.NOTIFY_MESSAGE] = ("notify", (("arg", "m2_l1", "x"), ("time", "m2_l2", "d")))

# VFS -> file system server requests (<minix/vfsif.h>): the fields each one uses.
_R = V.FsRequest
_INO = (("inode", V.REQ_INODE_NR, "d"),)
_NAME = (("grant", V.REQ_GRANT, "d"), ("len", V.REQ_PATH_LEN, "d"))
_IDS = (("uid", V.REQ_UID, "d"), ("gid", V.REQ_GID, "d"))
_POS = (("pos", V.REQ_SEEK_POS_LO, "d"),)
_FS_FIELDS = {
    _R.REQ_READSUPER: (("dev", V.REQ_DEV, "x"), ("flags", V.REQ_FLAGS, "o")) + _NAME,
    _R.REQ_LOOKUP: (("dir", V.REQ_DIR_INO, "d"), ("root", V.REQ_ROOT_INO, "d")) + _NAME
    + (("flags", V.REQ_FLAGS, "o"),) + _IDS,
    _R.REQ_PUTNODE: _INO + (("count", V.REQ_COUNT, "d"),),
    _R.REQ_CREATE: _INO + (("mode", V.REQ_MODE, "o"),) + _IDS + _NAME,
    _R.REQ_MKNOD: _INO + (("mode", V.REQ_MODE, "o"), ("dev", V.REQ_DEV, "x")) + _IDS + _NAME,
    _R.REQ_MKDIR: _INO + (("mode", V.REQ_MODE, "o"),) + _IDS + _NAME,
    _R.REQ_SLINK: _INO + _IDS + _NAME + (("target_grant", V.REQ_GRANT3, "d"),
                                         ("target_len", V.REQ_MEM_SIZE, "d")),
    _R.REQ_READ: _INO + (("grant", V.REQ_GRANT, "d"),) + _POS + (("nbytes", V.REQ_NBYTES, "d"),),
    _R.REQ_WRITE: _INO + (("grant", V.REQ_GRANT, "d"),) + _POS + (("nbytes", V.REQ_NBYTES, "d"),),
    _R.REQ_GETDENTS: _INO + (("grant", V.REQ_GRANT, "d"),) + _POS
    + (("size", V.REQ_MEM_SIZE, "d"),),
    _R.REQ_STAT: _INO + (("grant", V.REQ_GRANT, "d"),),
    _R.REQ_STATVFS: (("grant", V.REQ_GRANT, "d"),),
    _R.REQ_CHMOD: _INO + (("mode", V.REQ_MODE, "o"),),
    _R.REQ_CHOWN: _INO + _IDS,
    _R.REQ_UTIME: _INO + (("actime", V.REQ_ACTIME, "d"), ("modtime", V.REQ_MODTIME, "d")),
    _R.REQ_FTRUNC: _INO + (("start", V.REQ_TRC_START_LO, "d"), ("end", V.REQ_TRC_END_LO, "d")),
    _R.REQ_LINK: _INO + (("dir", V.REQ_DIR_INO, "d"),) + _NAME,
    _R.REQ_UNLINK: _INO + _NAME,
    _R.REQ_RMDIR: _INO + _NAME,
    _R.REQ_RENAME: (("old_dir", V.REQ_REN_OLD_DIR, "d"), ("new_dir", V.REQ_REN_NEW_DIR, "d"),
                    ("old_len", V.REQ_REN_LEN_OLD, "d"), ("new_len", V.REQ_REN_LEN_NEW, "d")),
    _R.REQ_RDLINK: _INO + (("grant", V.REQ_GRANT, "d"), ("size", V.REQ_MEM_SIZE, "d")),
    _R.REQ_MOUNTPOINT: _INO,
}
_NODE_REPLY = (("inode", V.RES_INODE_NR, "d"), ("mode", V.RES_MODE, "o"),
               ("size", V.RES_FILE_SIZE_LO, "d"), ("uid", V.RES_UID, "d"), ("gid", V.RES_GID, "d"))
_FS_REPLY = {
    _R.REQ_READSUPER: _NODE_REPLY, _R.REQ_CREATE: _NODE_REPLY,
    _R.REQ_LOOKUP: _NODE_REPLY + (("dev", V.RES_DEV, "x"),),
    _R.REQ_READ: (("pos", V.RES_SEEK_POS_LO, "d"), ("nbytes", V.RES_NBYTES, "d")),
    _R.REQ_WRITE: (("pos", V.RES_SEEK_POS_LO, "d"), ("nbytes", V.RES_NBYTES, "d")),
    _R.REQ_GETDENTS: (("pos", V.RES_SEEK_POS_LO, "d"), ("nbytes", V.RES_NBYTES, "d")),
    _R.REQ_RDLINK: (("nbytes", V.RES_NBYTES, "d"),),
    _R.REQ_CHMOD: (("mode", V.RES_MODE, "o"),), _R.REQ_CHOWN: (("mode", V.RES_MODE, "o"),),
}
_LOOKUP_STOPS = {V.EENTERMOUNT: "EENTERMOUNT", V.ELEAVEMOUNT: "ELEAVEMOUNT",
                 V.ESYMLINK: "ESYMLINK"}
_LOOKUP_STOP_REPLY = (("inode", V.RES_INODE_NR, "d"), ("offset", V.RES_OFFSET, "d"),
                      ("symloop", V.RES_SYMLOOP, "d"))
_OTHER.update({int(v): (v.name, _FS_FIELDS.get(v, ())) for v in _R})


def _fmt(value: int, kind: str) -> str:
    if kind in ("p", "s"):
        return f"{value:#010x}"
    if kind == "x":
        return hex(value & 0xFFFFFFFF)
    if kind == "ioctl":
        value &= 0xFFFFFFFF
        return _IOCTL_NAMES.get(value, hex(value))
    if kind == "o":
        return f"0{value & 0xFFFF if value < 0 else value:o}"   # a mode in a signed short
    return str(value)


def _fields(m: Message, spec) -> str:
    return ", ".join(f"{f[0]}={_fmt(getattr(m, f[1]), f[2])}" for f in spec)


def request(raw_hex: str, dst_ep: int) -> str:
    """A request message as `name(field=value, ...)`."""
    m = Message(bytes.fromhex(raw_hex))
    spec = CALLS.get(m.m_type)
    if spec is not None and spec.server == dst_ep:
        return f"{spec.name}({_fields(m, spec.layout(m))})"
    other = _OTHER.get(m.m_type)
    if other is not None:
        return f"{other[0]}({_fields(m, other[1])})"
    words = ", ".join(str(int.from_bytes(m[i:i + 4], "little", signed=True))
                      for i in range(8, 36, 4))
    return f"message type={m.m_type:#x} [{words}]"


def reply(raw_hex: str, call) -> str:
    """A reply as `name = result (fields)`; `call` is (server, request m_type) or None."""
    m = Message(bytes.fromhex(raw_hex))
    result = m.m_type
    if call is not None:
        server, req = call
        spec = CALLS.get(req)
        if spec is not None and spec.server == server:
            shown = f"{result}" if result >= 0 else f"-1 {errno_name(result)}"
            extra = _fields(m, spec.reply) if result >= 0 and spec.reply else ""
            return f"{spec.name} = {shown}" + (f" ({extra})" if extra else "")
        other = _OTHER.get(req)
        name = other[0] if other else f"type {req:#x}"
        if result in _OTHER:
            return f"{name} -> {request(raw_hex, -99)}"
        if result in _LOOKUP_STOPS and req == _R.REQ_LOOKUP:
            return f"{name} = {_LOOKUP_STOPS[result]} ({_fields(m, _LOOKUP_STOP_REPLY)})"
        if result >= 0 and req in _FS_REPLY:
            return f"{name} = {result} ({_fields(m, _FS_REPLY[req])})"
        return f"{name} = {result if result >= 0 else errno_name(result)}"
    return request(raw_hex, -99)


def call_name(call) -> str:
    """The name of a request given as (server, m_type), for 'suspended in waitpid'."""
    if call is None:
        return "a call"
    server, req = call
    spec = CALLS.get(req)
    if spec is not None and spec.server == server:
        return spec.name
    other = _OTHER.get(req)
    return other[0] if other else f"type {req:#x}"


def type_name(m_type: int, dst_ep: int) -> str:
    """The name of a request type sent to `dst_ep` (a call or a protocol message)."""
    spec = CALLS.get(m_type)
    if spec is not None and spec.server == dst_ep:
        return spec.name
    other = _OTHER.get(m_type)
    return other[0] if other else f"type {m_type:#x}"
