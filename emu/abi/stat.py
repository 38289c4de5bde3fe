"""The structures file-information calls fill (MINIX 3.1.8 <sys/stat.h>, <sys/statvfs.h>,
<dirent.h>), laid out from emu/abi/types.py's sizes.

struct stat: dev_t st_dev (short), ino_t st_ino, mode_t st_mode, short st_nlink,
uid_t st_uid (short), short st_gid, dev_t st_rdev, off_t st_size, time_t
st_atime, st_mtime, st_ctime: 36 bytes with natural alignment. struct statvfs:
eleven unsigned longs and 32 bytes of padding. struct dirent (getdents):
ino_t d_ino, off_t d_off, unsigned short d_reclen, char d_name[], each record
padded to a multiple of sizeof(long).
"""
import struct

STAT = struct.Struct("<hxxIHhhhhxxiiii")
STATVFS = struct.Struct("<11I32x")
DIRENT_HEADER = struct.Struct("<IiH")     # d_ino, d_off, d_reclen; d_name follows
DIRENT_NAME_OFFSET = 10
NO_DEV = 0
ST_RDONLY = 0x001
ST_NOSUID = 0x002

assert STAT.size == 36 and STATVFS.size == 76


def dirent_reclen(name_len: int) -> int:
    """Bytes of one getdents record for a name of `name_len` bytes (NUL and padding)."""
    return (DIRENT_NAME_OFFSET + name_len + 1 + 3) & ~3


def pack_dirent(ino: int, off: int, name: bytes) -> bytes:
    reclen = dirent_reclen(len(name))
    return DIRENT_HEADER.pack(ino, off, reclen) + name + bytes(reclen - 10 - len(name))
