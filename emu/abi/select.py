"""select(): the system call's numbers and the DEV_SELECT protocol drivers answer.

The system call (MINIX 3.1.8, <sys/select.h>): SELECT with m8_i1 nfds,
m8_p1/p2/p3 the read/write/error fd_sets, m8_p4 a struct timeval (NULL: wait
for ever). An fd_set is FD_SETSIZE bits in 32-bit words (FD_SET_BYTES).

The protocol VFS speaks with whatever serves a descriptor (a character
driver such as TTY or MEM, PFS for /dev/uds sockets) — MINIX 3.1.8's
DEV_SELECT with SEL_RD/SEL_WR/SEL_ERR and SEL_NOTIFY, with the later
DEV_SEL_REPL2 shape for the notification:

1. Query. VFS sends DEV_SELECT (sendrec) with
       DEVICE   (m2_i1)  the minor
       IO_ENDPT (m2_i2)  the operations asked for: SEL_RD | SEL_WR | SEL_ERR,
                         plus SEL_NOTIFY when VFS wants to hear later about
                         the ones not ready now
   The driver answers TASK_REPLY with
       REP_ENDPT  (m2_i1) the minor
       REP_STATUS (m2_i2) the operations ready NOW (a subset of those asked;
                          0 if none), or a negative errno (EBADF, ENXIO ...)
   "Ready" means that the call would not block: SEL_RD when a read returns
   data, EOF or an error at once; SEL_WR when a write moves at least one
   byte or fails at once; SEL_ERR for an exceptional condition.

2. Remember. If SEL_NOTIFY was set and some asked operation is not ready,
   the driver remembers (minor, those operations) — one record per minor,
   the union of what was asked (VFS tells every selecting process's fds
   apart itself). A query without SEL_NOTIFY changes nothing remembered.

3. Notify. When a remembered operation becomes ready, the driver sends VFS
   one message (sys.send, no reply):
       m_type DEV_SEL_REPL (DevReply.DEV_IO_READY)
       REP_ENDPT  (m2_i1) the minor
       REP_STATUS (m2_i2) the operations now ready (only remembered ones)
   and forgets those operations for that minor (VFS asks again, with
   SEL_NOTIFY, if it still cares). The driver may send this from anywhere,
   including while it serves another VFS request (a write on one UDS socket
   making its peer readable): VFS's handler only marks descriptors ready and
   answers processes, it never calls a driver back from there.
   A notification for operations nobody waits for any more is harmless.

4. Cancel. Nothing to send: when a select ends (ready, timeout, signal,
   exit) VFS simply ignores later notifications for it. A driver may drop
   what it remembers for a minor when the minor is closed (DEV_CLOSE).

Pipes and FIFOs do not use the messages: VFS itself knows their readiness
(pipe_check, emu/servers/vfs/pipe.py). Regular files, directories and block
devices are always ready. TTY: readable with data or EOF queued, always
writable. MEM (/dev/null, /dev/zero): always ready.
"""
from emu.abi.com import DevReply, DevRequest
from emu.abi.fcntl import FD_SETSIZE

SEL_RD = 0x01       # readable
SEL_WR = 0x02       # writable
SEL_ERR = 0x04      # exceptional condition
SEL_NOTIFY = 0x08   # tell VFS later about the asked operations not ready now
SEL_OPS = SEL_RD | SEL_WR | SEL_ERR

DEV_SELECT = DevRequest.DEV_SELECT
DEV_SEL_REPL = DevReply.DEV_IO_READY     # the driver's readiness notification

# Message fields (the driver protocol's names, emu/abi/com.py).
SEL_MINOR = "m2_i1"       # DEVICE
SEL_OPS_FIELD = "m2_i2"   # IO_ENDPT: the operations asked (query)
SEL_READY = "m2_i2"       # REP_STATUS: the operations ready (reply, notification)

# The system call's message (m8).
SEL_NFDS = "m8_i1"
SEL_READFDS = "m8_p1"
SEL_WRITEFDS = "m8_p2"
SEL_ERRORFDS = "m8_p3"
SEL_TIMEOUT = "m8_p4"

NFDBITS = 32
FD_SET_WORDS = (FD_SETSIZE + NFDBITS - 1) // NFDBITS
FD_SET_BYTES = 4 * FD_SET_WORDS
TIMEVAL_BYTES = 8          # struct timeval: long tv_sec, long tv_usec
