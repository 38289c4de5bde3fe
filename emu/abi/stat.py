"""The structures file-information calls fill: stat, dirent, statvfs, utimbuf.

Laid out as MINIX 3.1.8's <sys/stat.h>, <dirent.h>, <sys/statvfs.h> and
<utime.h> on i386, from emu/abi/types.py's sizes. VFS and MFS pack replies
with the Structs; the guest headers declare the same structs and tests/abi
checks every offset in FIELDS with the guest compiler.

struct stat: dev_t st_dev (short), ino_t st_ino, mode_t st_mode, short st_nlink,
uid_t st_uid (short), short st_gid, dev_t st_rdev, off_t st_size, time_t
st_atime, st_mtime, st_ctime: 36 bytes with natural alignment. struct statvfs:
eleven unsigned longs and 32 bytes of padding. struct dirent (getdents): ino_t
d_ino, off_t d_off (the entry's offset in the directory), unsigned short
d_reclen, char d_name[], each record padded to a multiple of sizeof(long).
"""
import struct

STAT = struct.Struct("<hxxIHhhhhxxiiii")
STATVFS = struct.Struct("<11I32x")
DIRENT_HEADER = struct.Struct("<IiH")     # d_ino, d_off, d_reclen; d_name follows
DIRENT_NAME_OFFSET = 10
DIRENT_NAME_LEN = 61                      # _DIRENT_NAME_LEN: NAME_MAX + 1
UTIMBUF = struct.Struct("<ii")            # actime, modtime
NO_DEV = 0

# struct -> ((field, offset, size), ...), for the guest compiler's check.
FIELDS: dict[str, tuple] = {
    "stat": (("st_dev", 0, 2), ("st_ino", 4, 4), ("st_mode", 8, 2), ("st_nlink", 10, 2),
             ("st_uid", 12, 2), ("st_gid", 14, 2), ("st_rdev", 16, 2), ("st_size", 20, 4),
             ("st_atime", 24, 4), ("st_mtime", 28, 4), ("st_ctime", 32, 4)),
    "statvfs": tuple((name, 4 * i, 4) for i, name in enumerate(
        ("f_bsize", "f_frsize", "f_blocks", "f_bfree", "f_bavail", "f_files", "f_ffree",
         "f_favail", "f_fsid", "f_flag", "f_namemax"))),
    "dirent": (("d_ino", 0, 4), ("d_off", 4, 4), ("d_reclen", 8, 2),
               ("d_name", DIRENT_NAME_OFFSET, 1)),
    "utimbuf": (("actime", 0, 4), ("modtime", 4, 4)),
}
SIZES = {"stat": STAT.size, "statvfs": STATVFS.size, "utimbuf": UTIMBUF.size}

# statvfs f_flag.
ST_RDONLY = 0x001
ST_NOSUID = 0x002
ST_NOTRUNC = 0x004

# <sys/mount.h> flags; mount names its file-system server with a 16-byte label.
MS_RDONLY = 0x001
MS_REUSE = 0x002
MS_LABEL16 = 0x004
MS_EXISTING = 0x008
MOUNT_LABEL_SIZE = 16

assert STAT.size == 36 and STATVFS.size == 76


def pack_stat(dev: int, ino: int, mode: int, nlink: int, uid: int, gid: int, rdev: int,
              size: int, atime: int, mtime: int, ctime: int) -> bytes:
    """A struct stat as the guest reads it."""
    return STAT.pack(dev, ino, mode, nlink, uid, gid, rdev, size, atime, mtime, ctime)


def dirent_reclen(name_len: int) -> int:
    """Bytes of one getdents record for a name of `name_len` bytes (NUL and padding)."""
    return (DIRENT_NAME_OFFSET + name_len + 1 + 3) & ~3


def pack_dirent(ino: int, off: int, name: bytes) -> bytes:
    """One getdents record: header, name, NUL, zero padding to dirent_reclen."""
    reclen = dirent_reclen(len(name))
    return DIRENT_HEADER.pack(ino, off, reclen) + name + bytes(reclen - DIRENT_NAME_OFFSET - len(name))
