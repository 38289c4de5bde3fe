"""reboot(how): MINIX 3.1.8's RBT_* values (<sys/reboot.h>), the one argument
PM's do_reboot reads; the guest header is generated from here."""
from enum import IntEnum


class Rbt(IntEnum):
    RBT_HALT = 0
    RBT_REBOOT = 1
    RBT_PANIC = 2
    RBT_MONITOR = 3
    RBT_RESET = 4
