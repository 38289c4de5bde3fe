"""The VFS <-> file system server protocol (<minix/vfsif.h>, MINIX 3.1.8).

VFS resolves paths and keeps open files; a file system server (MFS on the
disk, PFS for pipes) keeps inodes and answers these requests, each an m9
message. Buffers (path names, data, stat structures, directory entries)
travel as grants (emu/kernel/grants.py), never as raw addresses. The numbers
and field names are MINIX's, so a trace reads like one of MINIX.
"""
import struct
from enum import IntEnum

from emu.abi.com import VFS_BASE

# Request fields.
REQ_ACTIME = "m9_l2"
REQ_ACNSEC = "m9_l4"
REQ_COUNT = "m9_l2"
REQ_DEV = "m9_l5"
REQ_DEV2 = "m9_l1"
REQ_DIR_INO = "m9_l3"
REQ_FLAGS = "m9_s3"
REQ_GID = "m9_s1"
REQ_GRANT = "m9_l2"
REQ_GRANT2 = "m9_l1"
REQ_GRANT3 = "m9_l3"
REQ_INODE_NR = "m9_l1"
REQ_MEM_SIZE = "m9_l5"
REQ_MODE = "m9_s3"
REQ_MODTIME = "m9_l3"
REQ_MODNSEC = "m9_l5"
REQ_NBYTES = "m9_l5"
REQ_PATH_LEN = "m9_s2"
REQ_PATH_SIZE = "m9_l5"
REQ_REN_GRANT_NEW = "m9_l1"
REQ_REN_GRANT_OLD = "m9_l2"
REQ_REN_LEN_NEW = "m9_s2"
REQ_REN_LEN_OLD = "m9_s1"
REQ_REN_NEW_DIR = "m9_l4"
REQ_REN_OLD_DIR = "m9_l3"
REQ_ROOT_INO = "m9_l4"
REQ_SEEK_POS_HI = "m9_l3"
REQ_SEEK_POS_LO = "m9_l4"
REQ_TRC_END_HI = "m9_l4"
REQ_TRC_END_LO = "m9_l5"
REQ_TRC_START_HI = "m9_l2"
REQ_TRC_START_LO = "m9_l3"
REQ_UCRED_SIZE = "m9_s4"
REQ_UID = "m9_s4"

# Reply fields.
RES_DEV = "m9_l4"
RES_GID = "m9_s1"
RES_INODE_NR = "m9_l1"
RES_FILE_SIZE_HI = "m9_l2"
RES_FILE_SIZE_LO = "m9_l3"
RES_MODE = "m9_s2"
RES_NBYTES = "m9_l5"
RES_OFFSET = "m9_s2"
RES_SEEK_POS_HI = "m9_l3"
RES_SEEK_POS_LO = "m9_l4"
RES_SYMLOOP = "m9_s3"
RES_UID = "m9_s4"
RES_CONREQS = "m9_s3"

# The m9 body (bytes 8-35 of a message: m9_l1..m9_l5, m9_s1..m9_s4) as one
# struct, for the hot requests that read or write several fields at once
# (bench/: stat of a 4-component path, create+write+close): M9 as the fields
# are declared (signed), M9_U for inode numbers, modes and sizes; m9_index
# gives a named field's place in the tuple. HEAD_M9 adds m_type in front.
M9 = struct.Struct("<5i4h")
M9_U = struct.Struct("<5I4H")
HEAD_M9_U = struct.Struct("<i5I4H")     # at offset 4: m_type, then the body
M9_OFFSET = 8


def m9_index(field: str) -> int:
    """Where a field ("m9_l3", or a REQ_*/RES_* name's value) is in an M9 tuple."""
    kind, n = field[3], int(field[4:])
    return n - 1 if kind == "l" else 5 + n - 1


# Flags.
REQ_RDONLY = 0o01
REQ_ISROOT = 0o02
PATH_NOFLAGS = 0o00
PATH_RET_SYMLINK = 0o10     # return a final symlink itself, do not follow it
PATH_GET_UCRED = 0o20       # credentials come in a grant (REQ_GRANT2, REQ_UCRED_SIZE)

# Lookup results that are not errors: VFS continues the walk elsewhere.
EENTERMOUNT = -301
ELEAVEMOUNT = -302
ESYMLINK = -303


class FsRequest(IntEnum):
    REQ_GETNODE = VFS_BASE + 1
    REQ_PUTNODE = VFS_BASE + 2
    REQ_SLINK = VFS_BASE + 3
    REQ_FTRUNC = VFS_BASE + 4
    REQ_CHOWN = VFS_BASE + 5
    REQ_CHMOD = VFS_BASE + 6
    REQ_INHIBREAD = VFS_BASE + 7
    REQ_STAT = VFS_BASE + 8
    REQ_UTIME = VFS_BASE + 9
    REQ_STATVFS = VFS_BASE + 10
    REQ_BREAD = VFS_BASE + 11
    REQ_BWRITE = VFS_BASE + 12
    REQ_UNLINK = VFS_BASE + 13
    REQ_RMDIR = VFS_BASE + 14
    REQ_UNMOUNT = VFS_BASE + 15
    REQ_SYNC = VFS_BASE + 16
    REQ_NEW_DRIVER = VFS_BASE + 17
    REQ_FLUSH = VFS_BASE + 18
    REQ_READ = VFS_BASE + 19
    REQ_WRITE = VFS_BASE + 20
    REQ_MKNOD = VFS_BASE + 21
    REQ_MKDIR = VFS_BASE + 22
    REQ_CREATE = VFS_BASE + 23
    REQ_LINK = VFS_BASE + 24
    REQ_RENAME = VFS_BASE + 25
    REQ_LOOKUP = VFS_BASE + 26
    REQ_MOUNTPOINT = VFS_BASE + 27
    REQ_READSUPER = VFS_BASE + 28
    REQ_NEWNODE = VFS_BASE + 29
    REQ_RDLINK = VFS_BASE + 30
    REQ_GETDENTS = VFS_BASE + 31
    REQ_PEEK = VFS_BASE + 32
    REQ_BPEEK = VFS_BASE + 33
