"""Unix domain sockets' ABI: constants, structure layouts and /dev/uds ioctl codes.

MINIX 3.1.8's <sys/socket.h>, <sys/un.h>, <sys/ucred.h> and <sys/ioc_net.h>
(reference/uds-semantics.md). The C library turns every socket call into an
ioctl on a clone of /dev/uds; PFS decodes the same codes from here.
"""
import struct

from emu.abi.ioctl import IOR, IORW, IOW
from emu.abi.types import C_TYPES

UDS_MAJOR = 18
NR_SOCKETS = 255              # slots 1..255 (minor 0 is /dev/uds itself)
UDS_BUF = 32768               # PIPE_BUF: each socket's receive buffer
UDS_SOMAXCONN = 64            # the longest backlog
MAX_IN_FLIGHT = 255           # descriptors in flight per receiving socket
MSG_CONTROL_MAX = 1024 - 4    # struct msg_control's buffer (1020 bytes)

# Address families, socket types, levels, options.
AF_UNSPEC, AF_UNIX, AF_INET = 0, 1, 2
SOCK_STREAM, SOCK_DGRAM, SOCK_RAW, SOCK_RDM, SOCK_SEQPACKET = 1, 2, 3, 4, 5
SOL_SOCKET = 0xFFFF
SO_DEBUG, SO_REUSEADDR, SO_KEEPALIVE = 0x0001, 0x0004, 0x0008
SO_PASSCRED = 0x0010
SO_SNDBUF, SO_RCVBUF, SO_ERROR, SO_TYPE = 0x1001, 0x1002, 0x1007, 0x1008
SO_PEERCRED = 0x1009
SCM_RIGHTS, SCM_CREDENTIALS = 1, 2
SHUT_RD, SHUT_WR, SHUT_RDWR = 0, 1, 2
MSG_OOB, MSG_PEEK, MSG_DONTROUTE = 0x1, 0x2, 0x4
MSG_CTRUNC, MSG_TRUNC = 0x20, 0x10
MSG_WAITALL, MSG_DONTWAIT, MSG_NOSIGNAL = 0x40, 0x80, 0x400

# struct sockaddr_un { sa_family_t sun_family; char sun_path[127]; }: no sun_len.
SUN_PATH_MAX = 127
SOCKADDR_UN = struct.Struct(f"<B{SUN_PATH_MAX}s")     # 128 bytes
# struct ucred { pid_t pid; uid_t uid; gid_t gid; } with the guest's types.
UCRED = struct.Struct("<ihBx")                          # 8 bytes
assert C_TYPES["uid_t"][1] == 2 and C_TYPES["gid_t"][1] == 1
# struct cmsghdr { socklen_t cmsg_len; int cmsg_level; int cmsg_type; }
CMSGHDR = struct.Struct("<Iii")                         # 12 bytes
CMSG_ALIGN = 4
# struct msg_control { char msg_control[MSG_CONTROL_MAX]; socklen_t msg_controllen; }
MSG_CONTROL = struct.Struct(f"<{MSG_CONTROL_MAX}sI")   # 1024 bytes
INT = struct.Struct("<i")
# struct msghdr { void *name; socklen_t namelen; struct iovec *iov; int iovlen;
#                 void *control; socklen_t controllen; int flags; }
MSGHDR = struct.Struct("<IIIiIIi")                      # 28 bytes

# The ioctl requests of /dev/uds (group 'n').
NWIOGUDSFADDR = IOR("n", 67, SOCKADDR_UN.size)      # recvfrom: the source address
NWIOSUDSTADDR = IOW("n", 68, SOCKADDR_UN.size)      # sendto: the target address
NWIOSUDSADDR = IOW("n", 69, SOCKADDR_UN.size)       # bind
NWIOGUDSADDR = IOR("n", 70, SOCKADDR_UN.size)       # getsockname
NWIOGUDSPADDR = IOR("n", 71, SOCKADDR_UN.size)      # getpeername
NWIOSUDSTYPE = IOW("n", 72, 4)                      # socket: set the type
NWIOSUDSBLOG = IOW("n", 73, 4)                      # listen
NWIOSUDSCONN = IOW("n", 74, SOCKADDR_UN.size)       # connect
NWIOSUDSSHUT = IOW("n", 75, 4)                      # shutdown
NWIOSUDSPAIR = IOW("n", 76, 2)                      # socketpair: the other end's dev_t
NWIOSUDSACCEPT = IOW("n", 77, SOCKADDR_UN.size)     # accept (on the new socket)
NWIOSUDSCTRL = IOW("n", 78, MSG_CONTROL.size)       # sendmsg: control data
NWIOGUDSCTRL = IORW("n", 79, MSG_CONTROL.size)      # recvmsg: control data
NWIOGUDSSOTYPE = IOR("n", 90, 4)                    # SO_TYPE
NWIOGUDSPEERCRED = IOR("n", 91, UCRED.size)         # SO_PEERCRED
NWIOGUDSSNDBUF = IOR("n", 92, 4)                    # SO_SNDBUF
NWIOSUDSSNDBUF = IOW("n", 93, 4)
NWIOGUDSRCVBUF = IOR("n", 94, 4)                    # SO_RCVBUF
NWIOSUDSRCVBUF = IOW("n", 95, 4)
NWIOGUDSERR = IOR("n", 96, 4)                       # SO_ERROR (ours: 3.1.8 had none)
NWIOSUDSMSGFLAGS = IOW("n", 97, 4)                  # send/recv flags for the next transfer (ours)

UDS_REQUESTS = {name: value for name, value in globals().items()
                if name.startswith("NWIO") and isinstance(value, int)}

# The constants the headers carry (name -> value), in header order.
SOCKET_CONSTANTS = {
    "AF_UNSPEC": AF_UNSPEC, "AF_UNIX": AF_UNIX, "AF_INET": AF_INET,
    "SOCK_STREAM": SOCK_STREAM, "SOCK_DGRAM": SOCK_DGRAM, "SOCK_RAW": SOCK_RAW,
    "SOCK_RDM": SOCK_RDM, "SOCK_SEQPACKET": SOCK_SEQPACKET,
    "SOL_SOCKET": SOL_SOCKET, "SO_DEBUG": SO_DEBUG, "SO_REUSEADDR": SO_REUSEADDR,
    "SO_KEEPALIVE": SO_KEEPALIVE, "SO_PASSCRED": SO_PASSCRED, "SO_SNDBUF": SO_SNDBUF,
    "SO_RCVBUF": SO_RCVBUF, "SO_ERROR": SO_ERROR, "SO_TYPE": SO_TYPE,
    "SO_PEERCRED": SO_PEERCRED, "SCM_RIGHTS": SCM_RIGHTS, "SCM_CREDENTIALS": SCM_CREDENTIALS,
    "SHUT_RD": SHUT_RD, "SHUT_WR": SHUT_WR, "SHUT_RDWR": SHUT_RDWR,
    "MSG_OOB": MSG_OOB, "MSG_PEEK": MSG_PEEK, "MSG_DONTROUTE": MSG_DONTROUTE,
    "MSG_TRUNC": MSG_TRUNC, "MSG_CTRUNC": MSG_CTRUNC, "MSG_WAITALL": MSG_WAITALL,
    "MSG_DONTWAIT": MSG_DONTWAIT, "MSG_NOSIGNAL": MSG_NOSIGNAL,
    "SOMAXCONN": UDS_SOMAXCONN, "MSG_CONTROL_MAX": MSG_CONTROL_MAX,
}


def cmsg_align(n: int) -> int:
    return (n + CMSG_ALIGN - 1) & ~(CMSG_ALIGN - 1)


def cmsg_space(n: int) -> int:
    return cmsg_align(CMSGHDR.size) + cmsg_align(n)


def cmsg_len(n: int) -> int:
    return cmsg_align(CMSGHDR.size) + n

TYPES_CONNECTED = (SOCK_STREAM, SOCK_SEQPACKET)
