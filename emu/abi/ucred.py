"""Credentials VFS passes to a file system server for a lookup (vfs_ucred_t).

A process with supplementary groups has its ids sent in a grant
(REQ_GRANT2, REQ_UCRED_SIZE, flag PATH_GET_UCRED) instead of REQ_UID/REQ_GID,
as MINIX 3.1.8's VFS does. Layout: uid_t vu_uid (short), gid_t vu_gid (char),
int vu_ngroups, gid_t vu_sgroups[NGROUPS_MAX].
"""
import struct

NGROUPS_MAX = 8
UCRED = struct.Struct(f"<hBxi{NGROUPS_MAX}B")


def pack_ucred(uid: int, gid: int, groups: list[int]) -> bytes:
    groups = list(groups)[:NGROUPS_MAX]
    return UCRED.pack(uid, gid, len(groups), *(groups + [0] * (NGROUPS_MAX - len(groups))))


def unpack_ucred(raw: bytes) -> tuple[int, int, list[int]]:
    """(uid, gid, groups); ValueError if the record is short or its count is bad."""
    v = UCRED.unpack_from(raw, 0)
    n = v[2]
    if not 0 <= n <= NGROUPS_MAX:
        raise ValueError(f"bad group count {n}")
    return v[0], v[1], list(v[3:3 + n])
