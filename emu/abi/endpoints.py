"""Endpoints and process slots (reference/abi.md, <minix/com.h>, <minix/endpoint.h>)."""

# Kernel tasks.
ASYNCM = -5
IDLE = -4
CLOCK = -3
SYSTEM = -2
KERNEL = -1
HARDWARE = KERNEL  # source of interrupt notifications

# System processes at fixed endpoints.
PM = 0
VFS = 1
RS = 2
MEM = 3
LOG = 4
TTY = 5
DS = 6
MFS = 7
VM = 8
PFS = 9
DISK = 10        # the ATA disk driver (MINIX's at_wini, started by RS there)
MFS_MOUNTS = (11, 12, 13)   # MFS instances VFS starts for further mounts (one per mount)

ANY = 0x7ACE
NONE = 0x6ACE
SELF = 0x8ACE

NR_TASKS = 5
NR_PROCS = 256            # user and system processes
FIRST_USER_SLOT = 16      # slots below are reserved for system processes

# An endpoint is slot + generation * GENERATION_SIZE, so a stale endpoint of a
# dead process never names the slot's next occupant.
GENERATION_SIZE = NR_TASKS + SELF + 1
MAX_GENERATION = (2**31 - 1) // GENERATION_SIZE - 1


def make_endpoint(generation: int, slot: int) -> int:
    return generation * GENERATION_SIZE + slot


def endpoint_slot(endpoint: int) -> int:
    return (endpoint + NR_TASKS) % GENERATION_SIZE - NR_TASKS


def endpoint_generation(endpoint: int) -> int:
    return (endpoint + NR_TASKS) // GENERATION_SIZE


SYSTEM_NAMES = {
    KERNEL: "kernel", SYSTEM: "system", CLOCK: "clock", IDLE: "idle", ASYNCM: "asyncm",
    PM: "pm", VFS: "vfs", RS: "rs", MEM: "mem", LOG: "log", TTY: "tty", DS: "ds",
    MFS: "mfs", VM: "vm", PFS: "pfs", DISK: "disk", ANY: "ANY", NONE: "NONE", SELF: "SELF",
    **{e: f"mfs{i + 1}" for i, e in enumerate(MFS_MOUNTS)},
}
