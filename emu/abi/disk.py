"""The disk's ABI: minor numbers of the ATA driver, the MBR partition table,
struct diskpart and the disk ioctls (MINIX 3.1.8's <minix/partition.h>,
<sys/ioc_disk.h>, <ibm/partition.h> and at_wini's minor layout).
"""
import struct

from emu.abi.bootparams import MINIX_PARTITION
from emu.abi.ioctl import IO, IOR, IORW, IOW

SECTOR_SIZE = 512
SECTOR_SHIFT = 9

# Minors (at_wini): per drive the whole disk then its primary partitions, so
# minor 0 is c0d0, 1..4 are c0d0p0..p3, 5 is c0d1, 6..9 c0d1p0..p3.
# Sub-partitions (c0d0p0s0 = 128 onwards) are not served by our driver.
NR_PARTITIONS = 4
DEV_PER_DRIVE = 1 + NR_PARTITIONS
MAX_DRIVES = 2                 # primary channel: master and slave
MINOR_d0p0s0 = 128

# The MBR partition table (<ibm/partition.h>): four 16-byte entries at 0x1BE.
PART_TABLE_OFF = 0x1BE
PART_ENTRY = struct.Struct("<8BII")   # bootind, start_head, start_sec, start_cyl,
                                      # sysind, last_head, last_sec, last_cyl, lowsec, size
BOOT_SIGNATURE = b"\x55\xAA"          # bytes 510 and 511
NO_PART = 0x00
EXT_PARTITIONS = (0x05, 0x0F)          # DOS extended partitions (not followed)
MINIX_PART = MINIX_PARTITION           # 0x81

# struct diskpart { u64_t base; u64_t size; unsigned cylinders, heads, sectors; }
# base and size in bytes; 28 bytes (u64_t is two 32-bit words in 3.1.8).
DISKPART = struct.Struct("<QQIII")

# <sys/ioc_disk.h>, in this project's ioctl encoding (emu/abi/ioctl.py).
DIOCSETP = IOW("d", 3, DISKPART.size)
DIOCGETP = IOR("d", 4, DISKPART.size)
DIOCEJECT = IO("d", 5)
DIOCTIMEOUT = IORW("d", 6, 4)
DIOCOPENCT = IOR("d", 7, 4)
DIOCFLUSH = IO("d", 8)
DIOCSETWC = IOW("d", 9, 4)
DIOCGETWC = IOR("d", 10, 4)

DISK_REQUESTS = {"DIOCSETP": DIOCSETP, "DIOCGETP": DIOCGETP, "DIOCEJECT": DIOCEJECT,
                 "DIOCTIMEOUT": DIOCTIMEOUT, "DIOCOPENCT": DIOCOPENCT, "DIOCFLUSH": DIOCFLUSH,
                 "DIOCSETWC": DIOCSETWC, "DIOCGETWC": DIOCGETWC}
