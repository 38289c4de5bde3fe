"""getsysinfo(PM, SI_PROC_TAB, buf, size): the process table as ps reads it.

3.1.8's PM copies its whole mproc table, whose layout is PM's own; this
system's PM copies one fixed record per process instead (pid order), and the
guest's <minix/gen/psinfo.h> is generated from the layout here. The call
returns how many records it wrote (at most size / PSINFO.size).
"""
import struct

SI_PROC_TAB = 2              # getsysinfo `what` (3.1.8's value)
PSINFO_NAME_LEN = 16
# pid, ppid, pgrp, ruid, euid, rgid, egid, state (a character), name
PSINFO = struct.Struct(f"<7ii{PSINFO_NAME_LEN}s")
PSINFO_FIELDS = ("pid", "ppid", "pgrp", "uid", "euid", "gid", "egid", "state")
PS_RUNNING, PS_WAITING, PS_PAUSED, PS_ZOMBIE = ord("R"), ord("W"), ord("P"), ord("Z")
