"""The primary IDE channel (0x1F0-0x1F7, 0x3F6, IRQ 14) with up to two ATA
disks, driven in PIO mode with the ATA-6 register protocol. Commands complete
at once: a poller never sees BSY, which the protocol allows."""
import struct
from typing import Callable, Optional

from .disk import SECTOR_SIZE, DiskError, DiskImage
from .irq import IrqLine
from .portbus import PortBus

BASE = 0x1F0
CONTROL = 0x3F6

# Command block register offsets.
REG_DATA = 0
REG_ERROR = 1        # write: features
REG_NSECT = 2
REG_LBA_LOW = 3
REG_LBA_MID = 4
REG_LBA_HIGH = 5
REG_SELECT = 6       # drive/head
REG_STATUS = 7       # write: command

ST_BSY = 0x80
ST_DRDY = 0x40
ST_DF = 0x20
ST_DSC = 0x10
ST_DRQ = 0x08
ST_ERR = 0x01
ST_IDLE = ST_DRDY | ST_DSC

ERR_ABRT = 0x04
ERR_IDNF = 0x10
ERR_UNC = 0x40
DIAG_PASSED = 0x01   # error register after reset / EXECUTE DEVICE DIAGNOSTIC

SEL_OBSOLETE = 0xA0  # bits 7 and 5 of drive/head read back as one
SEL_LBA = 0x40
SEL_SLAVE = 0x10

CTL_NIEN = 0x02
CTL_SRST = 0x04

CMD_RECALIBRATE = 0x10
CMD_READ = 0x20
CMD_READ_NORETRY = 0x21
CMD_WRITE = 0x30
CMD_WRITE_NORETRY = 0x31
CMD_VERIFY = 0x40
CMD_VERIFY_NORETRY = 0x41
CMD_SEEK = 0x70
CMD_DIAGNOSE = 0x90
CMD_INIT_PARAMS = 0x91
CMD_IDENTIFY_PACKET = 0xA1
CMD_READ_MULTIPLE = 0xC4
CMD_WRITE_MULTIPLE = 0xC5
CMD_SET_MULTIPLE = 0xC6
CMD_STANDBY_IMMEDIATE = 0xE0
CMD_IDLE_IMMEDIATE = 0xE1
CMD_STANDBY = 0xE2
CMD_IDLE = 0xE3
CMD_CHECK_POWER = 0xE5
CMD_SLEEP = 0xE6
CMD_FLUSH_CACHE = 0xE7
CMD_IDENTIFY = 0xEC
CMD_SET_FEATURES = 0xEF

MAX_MULTIPLE = 16            # sectors per DRQ block for READ/WRITE MULTIPLE
LBA28_MAX = 0x0FFF_FFFF
DEFAULT_HEADS = 16
DEFAULT_SPT = 63
MAX_CYLINDERS = 16383

MODEL = "MINIXEMU HARDDISK"
FIRMWARE = "0.1"

XFER_NONE = 0
XFER_IN = 1     # device to host (DRQ, host reads the data port)
XFER_OUT = 2    # host to device

_IDENTIFY = struct.Struct("<256H")
_WORD = struct.Struct("<H")


def _ata_string(text: str, nwords: int) -> list[int]:
    """ATA strings: space padded, first character in the high byte of each word."""
    raw = text.encode("ascii").ljust(2 * nwords, b" ")[:2 * nwords]
    return [raw[i] << 8 | raw[i + 1] for i in range(0, len(raw), 2)]


def _cylinders(sectors: int, heads: int, spt: int) -> int:
    return min(MAX_CYLINDERS, sectors // (heads * spt))


class _Drive:
    """One ATA device: its disk, status and error registers, settings and
    the PIO transfer in progress."""
    __slots__ = ("disk", "unit", "sectors", "status", "error", "multiple",
                 "heads", "spt", "cylinders", "xfer", "buf", "pos", "end",
                 "lba", "remaining", "block")

    def __init__(self, disk: DiskImage, unit: int) -> None:
        self.disk = disk
        self.unit = unit
        self.sectors = disk.sectors
        self.reset()

    def reset(self) -> None:
        self.status = ST_IDLE
        self.error = DIAG_PASSED
        self.multiple = 0                 # READ/WRITE MULTIPLE disabled
        self.heads = DEFAULT_HEADS        # current CHS translation
        self.spt = DEFAULT_SPT
        self.cylinders = _cylinders(self.sectors, DEFAULT_HEADS, DEFAULT_SPT)
        self.stop()

    def stop(self) -> None:
        self.xfer = XFER_NONE
        self.buf = bytearray()
        self.pos = 0
        self.end = 0
        self.lba = 0
        self.remaining = 0
        self.block = 1

    @property
    def serial(self) -> str:
        # From the size only: never host paths or time, so runs repeat.
        return f"MX{self.unit}{self.sectors:010d}"

    def identify(self) -> bytes:
        w = [0] * 256
        cyls = _cylinders(self.sectors, DEFAULT_HEADS, DEFAULT_SPT)
        lba28 = min(self.sectors, LBA28_MAX)
        current = self.cylinders * self.heads * self.spt
        w[0] = 0x0040                         # fixed device, not removable
        w[1] = cyls                           # default CHS geometry
        w[3] = DEFAULT_HEADS
        w[6] = DEFAULT_SPT
        w[10:20] = _ata_string(self.serial, 10)
        w[23:27] = _ata_string(FIRMWARE, 4)
        w[27:47] = _ata_string(MODEL, 20)
        w[47] = 0x8000 | MAX_MULTIPLE
        w[49] = 0x0200 | 0x0800               # LBA; IORDY supported
        w[50] = 0x4000
        w[51] = 0x0200                        # PIO timing mode 2 (obsolete word)
        w[53] = 0x0003                        # words 54-58 and 64-70 valid; no UDMA
        w[54] = self.cylinders                # current CHS translation
        w[55] = self.heads
        w[56] = self.spt
        w[57] = current & 0xFFFF
        w[58] = current >> 16
        w[59] = (0x0100 | self.multiple) if self.multiple else 0
        w[60] = lba28 & 0xFFFF
        w[61] = lba28 >> 16
        w[64] = 0x0003                        # PIO modes 3 and 4
        w[67] = 120                           # minimum PIO cycle times (ns)
        w[68] = 120
        w[80] = 0x0078                        # ATA-3 .. ATA/ATAPI-6
        w[82] = 0x0008                        # power management feature set
        w[83] = 0x4000 | 0x1000               # FLUSH CACHE; no LBA48
        w[84] = 0x4000
        w[85] = 0x0008
        w[86] = 0x1000
        w[87] = 0x4000
        w[255] = 0x00A5
        total = sum(_IDENTIFY.pack(*w)) & 0xFF
        w[255] = ((-total) & 0xFF) << 8 | 0xA5   # integrity word: bytes sum to 0
        return _IDENTIFY.pack(*w)


class IdeController:
    """The primary ATA channel. Both drives see every register write, as on
    the cable; the selected drive answers reads and runs commands."""

    NAME = "ide"   # in traces

    DATA_PORT = BASE + REG_DATA   # where pio_read_block/pio_write_block apply

    PORTS = 8

    def __init__(self, irq: IrqLine, master: Optional[DiskImage] = None,
                 slave: Optional[DiskImage] = None) -> None:
        self.irq = irq
        self._drives = (_Drive(master, 0) if master is not None else None,
                        _Drive(slave, 1) if slave is not None else None)
        self._present = master is not None or slave is not None
        self._commands: dict[int, Callable[[_Drive, int], None]] = {
            CMD_READ: self._cmd_read, CMD_READ_NORETRY: self._cmd_read,
            CMD_READ_MULTIPLE: self._cmd_read,
            CMD_WRITE: self._cmd_write, CMD_WRITE_NORETRY: self._cmd_write,
            CMD_WRITE_MULTIPLE: self._cmd_write,
            CMD_VERIFY: self._cmd_verify, CMD_VERIFY_NORETRY: self._cmd_verify,
            CMD_IDENTIFY: self._cmd_identify,
            CMD_SET_MULTIPLE: self._cmd_set_multiple,
            CMD_INIT_PARAMS: self._cmd_init_params,
            CMD_FLUSH_CACHE: self._cmd_flush,
            CMD_CHECK_POWER: self._cmd_check_power,
            CMD_SEEK: self._cmd_nop, CMD_SET_FEATURES: self._cmd_nop,
            CMD_STANDBY_IMMEDIATE: self._cmd_nop, CMD_IDLE_IMMEDIATE: self._cmd_nop,
            CMD_STANDBY: self._cmd_nop, CMD_IDLE: self._cmd_nop,
            CMD_SLEEP: self._cmd_nop,
        }
        for cmd in range(0x10, 0x20):        # RECALIBRATE and its obsolete aliases
            self._commands[cmd] = self._cmd_nop
        self._irq_level = False
        self.reset()

    def reset(self) -> None:
        """Hardware reset of the channel and both drives."""
        for drive in self._drives:
            if drive is not None:
                drive.reset()
        self._features = 0
        self._srst = False
        self._nien = False
        self._intrq = False
        self._signature()
        self._update_irq()

    def attach(self, bus: PortBus) -> None:
        bus.register(BASE, self.PORTS, self)
        bus.register(CONTROL, 1, self)

    # -- fast path for rep insw / rep outsw and the kernel's driver --------

    def pio_read_block(self, nwords: int) -> bytes:
        """The bytes nwords 16-bit reads of the data port would return, with
        the same effects (next DRQ block, INTRQ, status)."""
        # Hot path (rep insw, the disk driver): slices whole DRQ blocks. 16
        # sectors take about 80 us here against 2.6 ms word by word.
        out = bytearray()
        while nwords > 0:
            drive = self._transferring(XFER_IN)
            if drive is None:
                out += b"\xff\xff" * nwords
                break
            take = min(nwords, (drive.end - drive.pos) >> 1)
            out += drive.buf[drive.pos:drive.pos + 2 * take]
            drive.pos += 2 * take
            nwords -= take
            if drive.pos >= drive.end:
                self._in_block_done(drive)
        return bytes(out)

    def pio_write_block(self, data: bytes) -> None:
        """Equivalent to len(data) // 2 16-bit writes of the data port."""
        if len(data) & 1:
            raise ValueError("pio_write_block needs whole 16-bit words")
        view = memoryview(data).cast("B")
        while view:
            drive = self._transferring(XFER_OUT)
            if drive is None:
                break             # writes with no DRQ are dropped
            take = min(len(view), drive.end - drive.pos)
            drive.buf[drive.pos:drive.pos + take] = view[:take]
            drive.pos += take
            view = view[take:]
            if drive.pos >= drive.end:
                self._out_block_done(drive)

    def read_words(self, port: int, count: int) -> bytes:
        """String input (PortBus.read_words): the data port in one block."""
        if port == self.DATA_PORT:
            return self.pio_read_block(count)
        return b"".join(self.read(port, 2).to_bytes(2, "little") for _ in range(count))

    def write_words(self, port: int, data: bytes) -> None:
        """String output (PortBus.write_words)."""
        if port == self.DATA_PORT:
            self.pio_write_block(data)
            return
        for i in range(0, len(data), 2):
            self.write(port, 2, data[i] | data[i + 1] << 8)

    # -- port interface ---------------------------------------------------

    def read(self, port: int, size: int) -> int:
        if port == BASE:
            if size == 1:
                return 0xFF           # 8-bit data access is not supported
            value = self._read_data()
            if size == 4:
                value |= self._read_data() << 16
            return value
        value = 0
        for i in range(size):
            value |= self._read_reg(port + i) << (8 * i)
        return value

    def write(self, port: int, size: int, value: int) -> None:
        if port == BASE:
            if size >= 2:
                self._write_data(value & 0xFFFF)
                if size == 4:
                    self._write_data(value >> 16)
            return
        for i in range(size):
            self._write_reg(port + i, (value >> (8 * i)) & 0xFF)

    def _selected(self) -> Optional[_Drive]:
        return self._drives[1 if self._select & SEL_SLAVE else 0]

    def _transferring(self, direction: int) -> Optional[_Drive]:
        drive = self._selected()
        if drive is None or self._srst or drive.xfer != direction:
            return None
        return drive

    def _read_reg(self, port: int) -> int:
        if not self._present:
            return 0xFF               # nothing drives the bus
        if port == CONTROL:
            return self._status(self._selected())
        off = port - BASE
        if off == REG_STATUS:
            drive = self._selected()
            if drive is not None:
                self._intrq = False   # the status read acknowledges INTRQ
                self._update_irq()
            return self._status(drive)
        if off == REG_ERROR:
            drive = self._selected()
            return drive.error if drive is not None else 0
        if off == REG_NSECT:
            return self._nsect
        if off == REG_LBA_LOW:
            return self._lba_low
        if off == REG_LBA_MID:
            return self._lba_mid
        if off == REG_LBA_HIGH:
            return self._lba_high
        if off == REG_SELECT:
            return self._select | SEL_OBSOLETE
        return 0xFF

    def _status(self, drive: Optional[_Drive]) -> int:
        if drive is None:
            return 0x00               # device 0 answers for an absent device 1
        return ST_BSY if self._srst else drive.status

    def _write_reg(self, port: int, value: int) -> None:
        if not self._present:
            return
        if port == CONTROL:
            self._write_control(value)
            return
        off = port - BASE
        if off == REG_STATUS:
            self._command(value)
        elif off == REG_ERROR:
            self._features = value
        elif off == REG_NSECT:
            self._nsect = value
        elif off == REG_LBA_LOW:
            self._lba_low = value
        elif off == REG_LBA_MID:
            self._lba_mid = value
        elif off == REG_LBA_HIGH:
            self._lba_high = value
        elif off == REG_SELECT:
            self._select = value & ~SEL_OBSOLETE

    def _write_control(self, value: int) -> None:
        self._nien = bool(value & CTL_NIEN)
        srst = bool(value & CTL_SRST)
        if srst and not self._srst:
            # Soft reset asserted: the drives stop and stay busy until released.
            for drive in self._drives:
                if drive is not None:
                    drive.stop()
            self._intrq = False
        elif self._srst and not srst:
            for drive in self._drives:
                if drive is not None:
                    drive.reset()
            self._signature()
        self._srst = srst
        self._update_irq()

    def _signature(self) -> None:
        """The ATA (not ATAPI) device signature left by a reset or diagnostic."""
        self._nsect = 1
        self._lba_low = 1
        self._lba_mid = 0
        self._lba_high = 0
        self._select = 0

    # -- interrupt ---------------------------------------------------------

    def _set_intrq(self) -> None:
        self._intrq = True
        self._update_irq()

    def _update_irq(self) -> None:
        level = self._intrq and not self._nien
        if level != self._irq_level:
            self._irq_level = level
            self.irq.set(level)

    # -- data port -----------------------------------------------------------

    def _read_data(self) -> int:
        drive = self._transferring(XFER_IN)
        if drive is None:
            return 0xFFFF
        pos = drive.pos
        value = drive.buf[pos] | drive.buf[pos + 1] << 8
        drive.pos = pos + 2
        if drive.pos >= drive.end:
            self._in_block_done(drive)
        return value

    def _write_data(self, value: int) -> None:
        drive = self._transferring(XFER_OUT)
        if drive is None:
            return
        _WORD.pack_into(drive.buf, drive.pos, value)
        drive.pos += 2
        if drive.pos >= drive.end:
            self._out_block_done(drive)

    def _in_block_done(self, drive: _Drive) -> None:
        if drive.remaining:
            self._next_in_block(drive)
        else:
            drive.stop()
            drive.status = ST_IDLE

    def _out_block_done(self, drive: _Drive) -> None:
        n = drive.end // SECTOR_SIZE
        try:
            drive.disk.write(drive.lba, drive.buf)
        except DiskError:
            self._fail(drive, ERR_ABRT)
            return
        drive.lba += n
        drive.remaining -= n
        self._set_address(drive, drive.lba - 1)
        self._nsect = drive.remaining & 0xFF
        if drive.remaining:
            self._next_out_block(drive)
            self._set_intrq()
        else:
            drive.stop()
            self._complete(drive)

    def _next_in_block(self, drive: _Drive) -> None:
        n = min(drive.block, drive.remaining)
        try:
            data = drive.disk.read(drive.lba, n)
        except DiskError:
            self._set_address(drive, drive.lba)
            self._fail(drive, ERR_UNC)
            return
        drive.buf = bytearray(data)
        drive.pos = 0
        drive.end = len(data)
        drive.lba += n
        drive.remaining -= n
        self._set_address(drive, drive.lba - 1)
        self._nsect = drive.remaining & 0xFF
        drive.status = ST_IDLE | ST_DRQ
        self._set_intrq()

    def _next_out_block(self, drive: _Drive) -> None:
        n = min(drive.block, drive.remaining)
        drive.buf = bytearray(n * SECTOR_SIZE)
        drive.pos = 0
        drive.end = len(drive.buf)
        drive.status = ST_IDLE | ST_DRQ

    # -- commands --------------------------------------------------------------

    def _command(self, cmd: int) -> None:
        if self._srst:
            return
        if cmd == CMD_DIAGNOSE:      # runs on every drive, whichever is selected
            self._diagnose()
            return
        drive = self._selected()
        if drive is None:
            return                    # nobody there to take it
        self._intrq = False           # writing a command acknowledges INTRQ
        self._update_irq()
        drive.stop()
        handler = self._commands.get(cmd)
        if handler is None:
            self._fail(drive, ERR_ABRT)  # also IDENTIFY PACKET: not an ATAPI device
        else:
            handler(drive, cmd)

    def _complete(self, drive: _Drive) -> None:
        drive.status = ST_IDLE
        drive.error = 0
        self._set_intrq()

    def _fail(self, drive: _Drive, error: int) -> None:
        drive.stop()
        drive.status = ST_IDLE | ST_ERR
        drive.error = error
        self._set_intrq()

    def _address(self, drive: _Drive) -> Optional[int]:
        """The sector the task file names, or None for an impossible CHS address."""
        if self._select & SEL_LBA:
            return ((self._select & 0x0F) << 24 | self._lba_high << 16
                    | self._lba_mid << 8 | self._lba_low)
        cyl = self._lba_high << 8 | self._lba_mid
        head = self._select & 0x0F
        sector = self._lba_low
        if not (1 <= sector <= drive.spt and head < drive.heads and cyl < drive.cylinders):
            return None
        return (cyl * drive.heads + head) * drive.spt + sector - 1

    def _set_address(self, drive: _Drive, lba: int) -> None:
        """Leave `lba` in the task file, in the addressing mode the host used."""
        if self._select & SEL_LBA:
            lba &= LBA28_MAX
            self._lba_low = lba & 0xFF
            self._lba_mid = lba >> 8 & 0xFF
            self._lba_high = lba >> 16 & 0xFF
            self._select = (self._select & 0xF0) | lba >> 24
            return
        track, sector = divmod(lba, drive.spt)
        cyl, head = divmod(track, drive.heads)
        self._lba_low = sector + 1
        self._lba_mid = cyl & 0xFF
        self._lba_high = cyl >> 8 & 0xFF
        self._select = (self._select & 0xF0) | (head & 0x0F)

    def _range(self, drive: _Drive) -> Optional[tuple[int, int]]:
        """(first sector, count) of a read/write/verify, or None after
        failing it with IDNF."""
        count = self._nsect or 256
        lba = self._address(drive)
        if lba is None or lba + count > min(drive.sectors, LBA28_MAX + 1):
            if lba is not None:
                self._set_address(drive, max(lba, drive.sectors))
            self._fail(drive, ERR_IDNF)
            return None
        return lba, count

    def _cmd_read(self, drive: _Drive, cmd: int) -> None:
        block = drive.multiple if cmd == CMD_READ_MULTIPLE else 1
        if not block:
            self._fail(drive, ERR_ABRT)   # SET MULTIPLE MODE has not been done
            return
        span = self._range(drive)
        if span is None:
            return
        drive.xfer = XFER_IN
        drive.lba, drive.remaining = span
        drive.block = block
        drive.error = 0
        self._next_in_block(drive)

    def _cmd_write(self, drive: _Drive, cmd: int) -> None:
        block = drive.multiple if cmd == CMD_WRITE_MULTIPLE else 1
        if not block or drive.disk.readonly:
            self._fail(drive, ERR_ABRT)
            return
        span = self._range(drive)
        if span is None:
            return
        drive.xfer = XFER_OUT
        drive.lba, drive.remaining = span
        drive.block = block
        drive.error = 0
        # PIO out: the host polls for DRQ before the first block; no INTRQ yet.
        self._next_out_block(drive)

    def _cmd_verify(self, drive: _Drive, cmd: int) -> None:
        span = self._range(drive)
        if span is not None:
            lba, count = span
            self._set_address(drive, lba + count - 1)
            self._nsect = 0
            self._complete(drive)

    def _cmd_identify(self, drive: _Drive, cmd: int) -> None:
        drive.xfer = XFER_IN
        drive.buf = bytearray(drive.identify())
        drive.pos = 0
        drive.end = len(drive.buf)
        drive.remaining = 0
        drive.error = 0
        drive.status = ST_IDLE | ST_DRQ
        self._set_intrq()

    def _cmd_set_multiple(self, drive: _Drive, cmd: int) -> None:
        count = self._nsect
        if count and (count > MAX_MULTIPLE or count & (count - 1)):
            self._fail(drive, ERR_ABRT)
            return
        drive.multiple = count            # 0 disables the multiple commands
        self._complete(drive)

    def _cmd_init_params(self, drive: _Drive, cmd: int) -> None:
        spt = self._nsect
        if not spt:
            self._fail(drive, ERR_ABRT)
            return
        drive.spt = spt
        drive.heads = (self._select & 0x0F) + 1
        drive.cylinders = _cylinders(drive.sectors, drive.heads, spt)
        self._complete(drive)

    def _cmd_flush(self, drive: _Drive, cmd: int) -> None:
        try:
            drive.disk.flush()
        except DiskError:
            self._fail(drive, ERR_ABRT)
            return
        self._complete(drive)

    def _cmd_check_power(self, drive: _Drive, cmd: int) -> None:
        self._nsect = 0xFF                # active or idle
        self._complete(drive)

    def _cmd_nop(self, drive: _Drive, cmd: int) -> None:
        self._complete(drive)

    def _diagnose(self) -> None:
        for drive in self._drives:
            if drive is not None:
                drive.stop()
                drive.status = ST_IDLE
                drive.error = DIAG_PASSED
        self._signature()
        self._set_intrq()
