"""open flags, fcntl commands, file modes and limits (reference/abi.md)."""
from enum import IntEnum, IntFlag

O_RDONLY = 0
O_WRONLY = 1
O_RDWR = 2
O_ACCMODE = 3


class OpenFlag(IntFlag):
    O_CREAT = 0o100
    O_EXCL = 0o200
    O_NOCTTY = 0o400
    O_TRUNC = 0o1000
    O_APPEND = 0o2000
    O_NONBLOCK = 0o4000


class Fcntl(IntEnum):
    F_DUPFD = 0
    F_GETFD = 1
    F_SETFD = 2
    F_GETFL = 3
    F_SETFL = 4
    F_GETLK = 5
    F_SETLK = 6
    F_SETLKW = 7


FD_CLOEXEC = 1
DUP_MASK = 0o100    # DUP's m1_i1 flag: dup2 (m1_i2 names the new descriptor)

S_IFMT = 0o170000
ALLPERMS = 0o7777
S_IFSOCK = 0o140000
S_IFLNK = 0o120000
S_IFREG = 0o100000
S_IFBLK = 0o60000
S_IFDIR = 0o40000
S_IFCHR = 0o20000
S_IFIFO = 0o10000
S_ISUID = 0o4000
S_ISGID = 0o2000
S_ISVTX = 0o1000
S_IRWXU, S_IRUSR, S_IWUSR, S_IXUSR = 0o700, 0o400, 0o200, 0o100
S_IRWXG, S_IRGRP, S_IWGRP, S_IXGRP = 0o70, 0o40, 0o20, 0o10
S_IRWXO, S_IROTH, S_IWOTH, S_IXOTH = 0o7, 0o4, 0o2, 0o1

# lseek whence
SEEK_SET, SEEK_CUR, SEEK_END = 0, 1, 2

# access() modes
F_OK, X_OK, W_OK, R_OK = 0, 1, 2, 4

# waitpid options
WNOHANG = 1
WUNTRACED = 2
WCONTINUED = 0x10   # NetBSD's value (3.1.8 has no WCONTINUED)

OPEN_MAX = 255
FD_SETSIZE = 255
NR_FILPS = 512
PIPE_BUF = 32768
PATH_MAX = 255
NAME_MAX = 60
NGROUPS_MAX = 8
SYMLOOP_MAX = 16    # symlinks one path lookup follows before ELOOP
ARG_MAX = 262144
HZ = 60

# Character device majors (MINIX 3.1.8 device numbering).
MEMORY_MAJOR = 1
TTY_MAJOR = 4
CTTY_MAJOR = 5
UDS_MAJOR = 18
