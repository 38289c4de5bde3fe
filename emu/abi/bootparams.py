"""The boot-parameters block the firmware fills and hands to the kernel.

The firmware (real i386 code) writes it in its memory and passes its address
in a SYS_BOOT kernel call (int 0x20). Its C declaration is generated from
FIELDS, so firmware and kernel read the same layout.
"""
import struct
from dataclasses import dataclass
from enum import IntEnum

BOOT_MAGIC = 0x5042584D   # "MXBP"
BOOT_VERSION = 1

# The machine's setting for the firmware: a CMOS NVRAM byte, as a PC BIOS
# keeps its set-up (emu/boot.py writes it, firmware/main.c reads it).
CMOS_BOOT_FLAGS = 0x3F
BOOT_FLAG_QUIET = 0x01    # print only errors
BOOT_FLAG_CRLF = 0x02     # the console is a terminal: end lines with CR LF

# What the firmware looks for on the disk (MINIX partitions, the v3 super block).
MINIX_PARTITION = 0x81
OLD_MINIX_PARTITION = 0x80
SUPER_BLOCK_OFFSET = 1024   # bytes from the start of the file system
SUPER_V3_MAGIC = 0x4D5A


class DiskStatus(IntEnum):
    """What the firmware found on the IDE primary master."""
    NO_DISK = 0               # nothing answered IDENTIFY
    FS_IN_PARTITION = 1       # MINIX v3 file system in a partition
    FS_ON_WHOLE_DISK = 2      # no partition table, file system at byte 1024
    NO_PARTITION_TABLE = 3    # neither a valid partition table nor a file system
    NO_FILE_SYSTEM = 4        # partition table, but no MINIX v3 file system in it
    READ_ERROR = 5            # the drive reported an error


# (name, C type, array length or 0). Natural alignment; no padding is needed.
FIELDS = [
    ("magic", "uint32_t", 0),
    ("version", "uint32_t", 0),
    ("mem_kb", "uint32_t", 0),          # RAM size from CMOS, KiB
    ("rtc_time", "uint32_t", 0),        # seconds since 1970 read from the RTC
    ("disk_status", "uint32_t", 0),     # DiskStatus
    ("disk_sectors", "uint32_t", 0),    # LBA28 capacity (IDENTIFY words 60-61)
    ("cylinders", "uint16_t", 0),
    ("heads", "uint16_t", 0),
    ("sectors_per_track", "uint16_t", 0),
    ("root_partition", "uint16_t", 0),  # 0-3, or 0xFFFF for the whole disk
    ("root_lba", "uint32_t", 0),        # first sector of the root file system
    ("root_sectors", "uint32_t", 0),
    ("fs_magic", "uint16_t", 0),
    ("fs_block_size", "uint16_t", 0),
    ("model", "char", 44),              # IDENTIFY model string, NUL-terminated
    ("serial", "char", 24),
    ("partitions", "uint8_t", 64),      # the MBR partition table, raw
]

_FORMAT_CODES = {"uint32_t": "I", "uint16_t": "H", "uint8_t": "B", "char": "s"}


def _format() -> str:
    out = "<"
    for _name, ctype, count in FIELDS:
        code = _FORMAT_CODES[ctype]
        if ctype in ("char", "uint8_t") and count:
            out += f"{count}s"
        else:
            out += code
    return out


LAYOUT = struct.Struct(_format())
SIZE = LAYOUT.size


@dataclass
class BootParams:
    mem_kb: int
    rtc_time: int
    disk_status: DiskStatus
    disk_sectors: int
    cylinders: int
    heads: int
    sectors_per_track: int
    root_partition: int
    root_lba: int
    root_sectors: int
    fs_magic: int
    fs_block_size: int
    model: str
    serial: str
    partitions: bytes

    @classmethod
    def unpack(cls, raw: bytes) -> "BootParams":
        """Decode the block; raises ValueError if it is not a boot block."""
        if len(raw) < SIZE:
            raise ValueError("boot parameter block too short")
        values = dict(zip((f[0] for f in FIELDS), LAYOUT.unpack_from(raw)))
        if values["magic"] != BOOT_MAGIC or values["version"] != BOOT_VERSION:
            raise ValueError("bad boot parameter block (magic or version)")
        try:
            status = DiskStatus(values["disk_status"])
        except ValueError:
            raise ValueError(f"bad disk status {values['disk_status']}") from None
        text = lambda b: b.split(b"\0", 1)[0].decode("ascii", "replace").strip()
        return cls(
            mem_kb=values["mem_kb"], rtc_time=values["rtc_time"], disk_status=status,
            disk_sectors=values["disk_sectors"], cylinders=values["cylinders"],
            heads=values["heads"], sectors_per_track=values["sectors_per_track"],
            root_partition=values["root_partition"], root_lba=values["root_lba"],
            root_sectors=values["root_sectors"], fs_magic=values["fs_magic"],
            fs_block_size=values["fs_block_size"], model=text(values["model"]),
            serial=text(values["serial"]), partitions=values["partitions"],
        )
