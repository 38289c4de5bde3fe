"""The ATA register protocol on the primary IDE channel, in PIO mode (at_wini's
w_identify, w_specify and w_transfer): IDENTIFY DEVICE, SET MULTIPLE MODE,
READ/WRITE SECTORS and READ/WRITE MULTIPLE with 28-bit LBA, FLUSH CACHE.

The driver polls the status register rather than waiting for IRQ 14: a Python
server's handler runs to completion, so there is nothing else to do while
the drive works. It sets nIEN in the device control register so that the
drive does not interrupt at all. Every wait is a bounded number of status
reads; a drive that stays busy, reports ERR or DF, or ends a data command
without DRQ is an AtaError, which the driver answers as EIO. Data moves with
the kernel's string I/O (sys.insw/outsw): one call per DRQ block.
"""
import struct
from dataclasses import dataclass

# Command block (0x1F0-0x1F7) and control block (0x3F6) of the primary channel.
BASE = 0x1F0
REG_DATA = BASE + 0
REG_ERROR = BASE + 1
REG_NSECT = BASE + 2
REG_LBA_LOW = BASE + 3
REG_LBA_MID = BASE + 4
REG_LBA_HIGH = BASE + 5
REG_LDH = BASE + 6           # drive/head: LBA bit, drive bit, LBA bits 24-27
REG_STATUS = BASE + 7
REG_COMMAND = REG_STATUS
REG_CTL = 0x3F6

STATUS_BSY = 0x80
STATUS_RDY = 0x40
STATUS_DF = 0x20
STATUS_DRQ = 0x08
STATUS_ERR = 0x01
LDH_DEFAULT = 0xA0           # the two obsolete bits that are always one
LDH_LBA = 0x40
CTL_NIEN = 0x02              # no interrupts: this driver polls

ATA_IDENTIFY = 0xEC
ATA_READ = 0x20
ATA_WRITE = 0x30
ATA_READ_MULTIPLE = 0xC4
ATA_WRITE_MULTIPLE = 0xC5
ATA_SET_MULTIPLE = 0xC6
ATA_FLUSH_CACHE = 0xE7

SECTOR_WORDS = 256
MAX_SECTORS_PER_COMMAND = 256      # a sector count of 0 means 256 (LBA28)
LBA28_LIMIT = 1 << 28
MAX_POLLS = 1000     # status reads before a busy drive counts as dead; the
                     # model is never busy, a real drive's timeout is seconds

_WORDS = struct.Struct("<256H")


class AtaError(Exception):
    """The drive failed a command (the driver's EIO); the message says how."""


@dataclass(frozen=True)
class Identity:
    """What IDENTIFY DEVICE says about a drive."""
    sectors: int          # LBA28 capacity (words 60-61)
    cylinders: int        # default CHS geometry (words 1, 3, 6), for DIOCGETP
    heads: int
    spt: int
    max_multiple: int     # sectors per DRQ block READ MULTIPLE allows (word 47)
    lba: bool             # word 49 bit 9
    model: str
    serial: str

    @classmethod
    def parse(cls, data: bytes) -> "Identity":
        w = _WORDS.unpack(data)
        return cls(sectors=w[60] | w[61] << 16, cylinders=w[1], heads=w[3], spt=w[6],
                   max_multiple=w[47] & 0xFF, lba=bool(w[49] & 0x0200),
                   model=_ata_string(w[27:47]), serial=_ata_string(w[10:20]))


def _ata_string(words) -> str:
    """ATA strings hold the first character in each word's high byte."""
    raw = b"".join(struct.pack(">H", x) for x in words)
    return raw.decode("ascii", "replace").rstrip(" \0")


class AtaChannel:
    """The primary channel's registers, driven through the kernel's port I/O."""

    def __init__(self, sys) -> None:
        self.sys = sys

    def disable_interrupts(self) -> None:
        self.sys.outb(REG_CTL, CTL_NIEN)

    def _select(self, unit: int, lba_high: int = 0) -> None:
        self.sys.outb(REG_LDH, LDH_DEFAULT | LDH_LBA | unit << 4 | (lba_high & 0x0F))

    def _wait(self, want_drq: bool, errors: bool = True) -> int:
        """Poll until the drive is not busy; the status, or AtaError. Before a
        command (`errors` False) ERR only describes the previous command."""
        inb = self.sys.inb
        for _ in range(MAX_POLLS):
            status = inb(REG_STATUS)
            if status & STATUS_BSY:
                continue
            if not errors:
                return status
            if status & (STATUS_ERR | STATUS_DF):
                error = inb(REG_ERROR)
                raise AtaError(f"status {status:#04x}, error {error:#04x}")
            if want_drq and not status & STATUS_DRQ:
                raise AtaError(f"status {status:#04x}: no data")
            return status
        raise AtaError("drive stays busy")

    def _command(self, unit: int, cmd: int, lba: int = 0, count: int = 0) -> None:
        """Select the drive, wait until it is ready, load the task file, go."""
        self._select(unit, lba >> 24)
        status = self._wait(False, errors=False)
        if not status & STATUS_RDY:
            raise AtaError(f"drive not ready (status {status:#04x})")
        outb = self.sys.outb
        outb(REG_NSECT, count & 0xFF)
        outb(REG_LBA_LOW, lba & 0xFF)
        outb(REG_LBA_MID, lba >> 8 & 0xFF)
        outb(REG_LBA_HIGH, lba >> 16 & 0xFF)
        outb(REG_COMMAND, cmd)

    def identify(self, unit: int) -> Identity | None:
        """IDENTIFY DEVICE, or None when no ATA drive answers at `unit`."""
        inb = self.sys.inb
        if inb(REG_STATUS) == 0xFF:          # floating bus: no controller
            return None
        self._select(unit)
        if inb(REG_STATUS) == 0:             # nothing behind this drive select
            return None
        try:
            self._command(unit, ATA_IDENTIFY)
            self._wait(True)
        except AtaError:
            return None                      # not an ATA disk (or a dead one)
        identity = Identity.parse(self.sys.insw(REG_DATA, SECTOR_WORDS))
        if not identity.lba or identity.sectors == 0:
            return None                      # CHS-only drives are not supported
        return identity

    def set_multiple(self, unit: int, sectors: int) -> bool:
        """SET MULTIPLE MODE: True if the drive now moves `sectors` per DRQ block."""
        try:
            self._command(unit, ATA_SET_MULTIPLE, 0, sectors)
            self._wait(False)
        except AtaError:
            return False
        return True

    def read(self, unit: int, lba: int, count: int, block: int) -> bytes:
        """`count` (1..256) sectors from `lba`, `block` sectors per DRQ block
        (READ MULTIPLE when block > 1, else READ SECTORS)."""
        self._check(lba, count)
        self._command(unit, ATA_READ_MULTIPLE if block > 1 else ATA_READ, lba, count)
        insw = self.sys.insw
        parts = []
        while count:
            n = min(block, count)
            self._wait(True)
            parts.append(insw(REG_DATA, n * SECTOR_WORDS))
            count -= n
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def write(self, unit: int, lba: int, data: bytes, block: int) -> None:
        """Whole sectors (1..256 of them) to `lba`; checks the final status."""
        count = len(data) >> 9
        self._check(lba, count)
        self._command(unit, ATA_WRITE_MULTIPLE if block > 1 else ATA_WRITE, lba, count)
        view = memoryview(data)
        outsw = self.sys.outsw
        step = block << 9
        for start in range(0, len(data), step):
            self._wait(True)
            outsw(REG_DATA, view[start:start + step])
        self._wait(False)

    def flush(self, unit: int) -> None:
        """FLUSH CACHE: the drive's written sectors reach the medium."""
        self._command(unit, ATA_FLUSH_CACHE)
        self._wait(False)

    @staticmethod
    def _check(lba: int, count: int) -> None:
        if not 1 <= count <= MAX_SECTORS_PER_COMMAND or lba < 0 \
                or lba + count > LBA28_LIMIT:
            raise ValueError(f"ATA transfer of {count} sectors at {lba} out of range")
