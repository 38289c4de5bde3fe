"""Sizes of the guest's C types (MINIX 3.1.8 <sys/types.h>, i386 ILP32).

Structures shared between the C library and the servers (ucred, stat, ...)
are laid out from these, so sizeof agrees on both sides.
"""
C_TYPES = {
    "pid_t": ("int", 4),
    "uid_t": ("short", 2),
    "gid_t": ("char", 1),
    "mode_t": ("unsigned short", 2),
    "dev_t": ("short", 2),
    "nlink_t": ("short", 2),
    "ino_t": ("unsigned long", 4),
    "off_t": ("long", 4),
    "time_t": ("long", 4),
    "clock_t": ("long", 4),
    "size_t": ("unsigned int", 4),
    "ssize_t": ("int", 4),
    "endpoint_t": ("int", 4),
    "socklen_t": ("unsigned int", 4),
    "sigset_t": ("unsigned long", 4),
}
