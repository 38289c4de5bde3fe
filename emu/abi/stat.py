"""Structures the file-system calls copy to user space: stat, dirent, statvfs, utimbuf.

Laid out as MINIX 3.1.8's <sys/stat.h>, <dirent.h>, <sys/statvfs.h> and
<utime.h> on i386 (sizes from emu.abi.types). VFS and MFS pack replies with
these; the guest headers declare the same structs and tests/abi checks every
offset and size with the guest compiler.
"""
import struct
from dataclasses import dataclass


@dataclass(frozen=True)
class Layout:
    """A C struct: its fields in order as (name, struct format), and the packer."""
    name: str
    fields: tuple
    fmt: str

    @property
    def struct(self) -> struct.Struct:
        return struct.Struct(self.fmt)

    @property
    def size(self) -> int:
        return self.struct.size

    def pack(self, *values) -> bytes:
        return self.struct.pack(*values)

    def unpack(self, buffer) -> tuple:
        return self.struct.unpack(buffer)

    def unpack_from(self, buffer, offset: int = 0) -> tuple:
        return self.struct.unpack_from(buffer, offset)

    def offsets(self) -> dict[str, int]:
        """Field name -> byte offset, following the explicit padding in `fmt`."""
        out, pos = {}, 0
        names = iter(self.fields)
        for code in _codes(self.fmt):
            if code.endswith("x"):
                pos += int(code[:-1] or 1)
                continue
            name, size = next(names)
            out[name] = pos
            pos += size
        return out


def _codes(fmt: str):
    """Split a '<'-format into codes, keeping a count only on pad bytes ('2x')."""
    num = ""
    for ch in fmt.lstrip("<"):
        if ch.isdigit():
            num += ch
            continue
        if ch == "x":
            yield f"{num}x"
        else:
            for _ in range(int(num or 1)):
                yield ch
        num = ""


# struct stat (3.1.8): st_dev dev_t, st_ino ino_t, st_mode mode_t, st_nlink short,
# st_uid uid_t, st_gid short, st_rdev dev_t, st_size off_t, three time_t. 36 bytes.
STAT = Layout("stat", (("st_dev", 2), ("st_ino", 4), ("st_mode", 2), ("st_nlink", 2),
                       ("st_uid", 2), ("st_gid", 2), ("st_rdev", 2), ("st_size", 4),
                       ("st_atime", 4), ("st_mtime", 4), ("st_ctime", 4)),
              "<h2xIHhhhh2xliii")

# struct dirent as getdents returns it: d_ino ino_t, d_off off_t (the offset of
# the entry in the directory), d_reclen, then the NUL-terminated name; each
# record is padded to a multiple of 4 (sizeof(long)).
DIRENT = Layout("dirent", (("d_ino", 4), ("d_off", 4), ("d_reclen", 2)), "<IiH")
DIRENT_HEADER = DIRENT.struct
DIRENT_NAME_OFFSET = 10
DIRENT_NAME_LEN = 61          # _DIRENT_NAME_LEN: NAME_MAX + 1

# struct statvfs: eleven unsigned longs then 32 bytes of padding. 76 bytes.
STATVFS = Layout("statvfs", (("f_bsize", 4), ("f_frsize", 4), ("f_blocks", 4), ("f_bfree", 4),
                             ("f_bavail", 4), ("f_files", 4), ("f_ffree", 4), ("f_favail", 4),
                             ("f_fsid", 4), ("f_flag", 4), ("f_namemax", 4)),
                 "<11L32x")
NO_DEV = 0
ST_RDONLY = 0x001
ST_NOSUID = 0x002
ST_NOTRUNC = 0x004

# struct utimbuf: actime, modtime.
UTIMBUF = Layout("utimbuf", (("actime", 4), ("modtime", 4)), "<ii")

# <sys/mount.h> flags.
MS_RDONLY = 0x001
MS_REUSE = 0x002
MS_LABEL16 = 0x004
MS_EXISTING = 0x008
MOUNT_LABEL_SIZE = 16

LAYOUTS = (STAT, DIRENT, STATVFS, UTIMBUF)


def pack_stat(dev: int, ino: int, mode: int, nlink: int, uid: int, gid: int, rdev: int,
              size: int, atime: int, mtime: int, ctime: int) -> bytes:
    """A struct stat as the guest reads it."""
    return STAT.struct.pack(dev, ino, mode, nlink, uid, gid, rdev, size, atime, mtime, ctime)


def dirent_reclen(name_len: int) -> int:
    """The record length of an entry whose name has name_len bytes (no NUL)."""
    return (DIRENT_NAME_OFFSET + name_len + 1 + 3) & ~3


def pack_dirent(ino: int, off: int, name: bytes) -> bytes:
    """One getdents record: header, name, NUL, zero padding to dirent_reclen."""
    reclen = dirent_reclen(len(name))
    head = DIRENT.struct.pack(ino, off, reclen)
    return (head + name).ljust(reclen, b"\0")
