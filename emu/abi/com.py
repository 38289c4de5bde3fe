"""Message types between system components (<minix/com.h>) and their field names.

Ranges follow MINIX: 0x400 character device requests, 0x500 their replies,
0x600 kernel calls, 0x900 PM to VFS, 0x1000 notifications.
"""
from enum import IntEnum

from emu.abi.message import Fields

NOTIFY_MESSAGE = 0x1000   # m_type of every notification; m_source says who

# Character driver protocol (VFS -> driver), pre-grant 3.1 style: the driver
# copies directly from/to IO_ENDPT's ADDRESS.
DEV_RQ_BASE = 0x400
DEV_RS_BASE = 0x500


class DevRequest(IntEnum):
    CANCEL = DEV_RQ_BASE + 0
    DEV_READ = DEV_RQ_BASE + 3
    DEV_WRITE = DEV_RQ_BASE + 4
    DEV_IOCTL = DEV_RQ_BASE + 5
    DEV_OPEN = DEV_RQ_BASE + 6
    DEV_CLOSE = DEV_RQ_BASE + 7
    DEV_SELECT = DEV_RQ_BASE + 12
    DEV_STATUS = DEV_RQ_BASE + 13
    # Block devices and other servers' buffers: ADDRESS carries a grant id
    # (emu/kernel/grants.py), POSITION/HIGHPOS the 64-bit byte offset.
    DEV_READ_S = DEV_RQ_BASE + 20
    DEV_WRITE_S = DEV_RQ_BASE + 21
    DEV_SCATTER_S = DEV_RQ_BASE + 22
    DEV_GATHER_S = DEV_RQ_BASE + 23
    DEV_IOCTL_S = DEV_RQ_BASE + 24


class DevReply(IntEnum):
    TASK_REPLY = DEV_RS_BASE + 0
    DEV_REVIVE = DEV_RS_BASE + 2
    DEV_IO_READY = DEV_RS_BASE + 3
    DEV_NO_STATUS = DEV_RS_BASE + 4


# Field names of driver messages (reference/abi.md, "Driver protocol").
DEVICE = "m2_i1"       # minor device
IO_ENDPT = "m2_i2"     # the user process the I/O is for
COUNT = "m2_i3"        # bytes to transfer; for DEV_IOCTL the request
POSITION = "m2_l1"     # file offset; for DEV_IOCTL the caller's endpoint
ADDRESS = "m2_p1"      # buffer in IO_ENDPT's address space; for *_S requests a grant id
HIGHPOS = "m2_l2"      # file offset, high 32 bits (block devices)
IO_GRANT = ADDRESS
FLAGS = "m2_s1"
SESSION = "m2_l2"      # character devices: the caller's session (DEV_OPEN: if it leads it, else 0)
REP_ENDPT = "m2_i1"
REP_STATUS = "m2_i2"
SUSPEND = -998         # REP_STATUS: the driver will answer later (DEV_REVIVE)
FLG_OP_NONBLOCK = 0x1

# The whole of a character-driver request, and of a reply or DEV_REVIVE
# (m_type, REP_ENDPT, REP_STATUS), each packed or read in one step: every
# read and write of a terminal, pipe-less device or socket makes both.
DEV_REQUEST = Fields("m_type", DEVICE, IO_ENDPT, COUNT, POSITION, SESSION, ADDRESS, FLAGS)
DEV_REPLY = Fields("m_type", REP_ENDPT, REP_STATUS)

# Kernel calls (int 0x20, or from a server to the SYSTEM task).
KERNEL_CALL = 0x600


class KernelCall(IntEnum):
    SYS_FORK = KERNEL_CALL + 0
    SYS_EXEC = KERNEL_CALL + 1
    SYS_CLEAR = KERNEL_CALL + 2     # exit: release a process's slot
    SYS_KILL = KERNEL_CALL + 6
    SYS_VIRCOPY = KERNEL_CALL + 15
    SYS_IRQCTL = KERNEL_CALL + 19
    SYS_DEVIO = KERNEL_CALL + 21
    SYS_SETALARM = KERNEL_CALL + 24
    SYS_TIMES = KERNEL_CALL + 25
    SYS_GETINFO = KERNEL_CALL + 26
    SYS_ABORT = KERNEL_CALL + 27
    SYS_NEWMAP = KERNEL_CALL + 40   # brk: grow or shrink the data segment
    SYS_BOOT = KERNEL_CALL + 0x7F   # firmware hands the boot parameters over


# PM -> VFS requests about process life cycle, and VFS's replies.
PM_BASE = 0x900


class PmRequest(IntEnum):
    PM_INIT = PM_BASE + 0      # a process with no parent: give it the console on 0, 1, 2
    PM_SETUID = PM_BASE + 1
    PM_SETGID = PM_BASE + 2
    PM_SETSID = PM_BASE + 3
    PM_EXIT = PM_BASE + 4
    PM_EXEC = PM_BASE + 6
    PM_FORK = PM_BASE + 7
    PM_SETGROUPS = PM_BASE + 8
    PM_UNPAUSE = PM_BASE + 9
    PM_REBOOT = PM_BASE + 10
    PM_EXEC_DONE = PM_BASE + 11   # PM loaded (or failed to load) the image PM_EXEC found


PM_PROC = "m1_i1"        # endpoint the request is about
PM_PPROC = "m1_i2"       # PM_FORK: parent endpoint
PM_CPID = "m1_i3"        # PM_FORK: child pid

# PM_UNPAUSE: a caught signal interrupts the process's suspended call. VFS
# cancels it and answers the process EINTR (or the bytes a driver had moved
# already); with PM_UNPAUSE_RESTART set and nothing moved it answers nothing
# and PM has the kernel run the call again (SA_RESTART). VFS's reply m_type
# says which (Unpause).
PM_UNPAUSE_RESTART = "m1_i2"


class Unpause(IntEnum):
    NONE = 0          # no call was suspended
    ANSWERED = 1      # cancelled, and the process answered (EINTR or a partial count)
    RESTART = 2       # cancelled without an answer: the call is to run again


PM_UID = "m1_i2"         # PM_SETUID/PM_SETGID: the new effective id
PM_RUID = "m1_i3"        # PM_SETUID/PM_SETGID: the new real id
PM_GROUPS_COUNT = "m1_i2"  # PM_SETGROUPS: how many groups ...
PM_GROUPS_GRANT = "m1_i3"  # ... in a grant of PM's buffer (int32 each)

# PM_EXEC: PM asks VFS for the program a process wants to exec.
PM_EXEC_PATH = "m1_p1"       # request: the path in the process's memory
PM_EXEC_PATH_LEN = "m1_i2"   # request: its length with the NUL (as the EXEC call gives it)
PM_EXEC_GRANT = "m1_i1"      # reply: a grant of VFS's buffer holding the executable
PM_EXEC_SIZE = "m1_i2"       # reply: its size
PM_EXEC_UID = "m1_i3"        # reply: the effective uid the process will have (set-uid)
PM_EXEC_GID = "m1_p1"        # reply: the effective gid (set-gid)
PM_EXEC_SCRIPT = "m1_p2"     # reply: length of a script's "#!" line after the program, or 0
PM_EXEC_STATUS = "m1_i2"     # PM_EXEC_DONE: 0, or the errno sys.exec failed with

# Requests to PM that are not system calls.
PM_SRV_BASE = 0xA00


class PmServerRequest(IntEnum):
    # getnucred(): a process's pid (the reply's m_type) and effective ids. PFS
    # asks for SO_PEERCRED and SCM_CREDENTIALS; privileged users may ask too.
    PM_GETNUCRED = PM_SRV_BASE + 0
    # Terminal job control: may a process use its controlling terminal now, or
    # must its (background) group get SIGTTIN/SIGTTOU first? The TTY asks.
    PM_JOBCTL = PM_SRV_BASE + 1


PM_NUCRED_ENDPT = "m1_i1"    # request: the process
PM_NUCRED_UID = "m1_i1"      # reply: its effective uid
PM_NUCRED_GID = "m1_i2"      # reply: its effective gid

PM_JOBCTL_PROC = "m1_i1"     # request: the process using its controlling terminal
PM_JOBCTL_SIG = "m1_i2"      # request: SIGTTIN (a read) or SIGTTOU (a write under TOSTOP,
                             # a change of the terminal's settings or foreground group)
PM_JOBCTL_FG = "m1_i3"       # request: the terminal's foreground process group
PM_JOBCTL_PGRP = "m1_p1"     # request: tcsetpgrp's new group (it must exist in the
                             # caller's session, else EPERM), or 0
PM_JOBCTL_GROUP = "m1_i1"    # reply (JobCtl.SIGNAL): the caller's process group


class JobCtl(IntEnum):
    """PM_JOBCTL's answer (m_type); a negative one is an errno (EIO, EPERM)."""
    GO = 0            # foreground, or the signal is ignored/blocked where POSIX says go on
    SIGNAL = 1        # background: send the signal to PM_JOBCTL_GROUP; the call waits

# Notification argument fields.
NOTIFY_ARG = "m2_l1"        # HARD_INT: bit mask of pending IRQ lines
NOTIFY_TIMESTAMP = "m2_l2"  # ticks since boot

# PFS -> VFS nested calls while VFS waits for PFS (UDS descriptor passing).
VFS_BASE = 0x100
PFS_VFS_BASE = VFS_BASE + 100


class PfsVfsCall(IntEnum):
    CHECK_PERMS = PFS_VFS_BASE + 1
    VERIFY_FD = PFS_VFS_BASE + 2
    SET_FILP = PFS_VFS_BASE + 3
    COPY_FILP = PFS_VFS_BASE + 4
    PUT_FILP = PFS_VFS_BASE + 5
    CANCEL_FD = PFS_VFS_BASE + 6
