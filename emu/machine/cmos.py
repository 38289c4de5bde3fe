"""The MC146818 real-time clock and its 128 bytes of CMOS RAM (0x70/0x71).
The clock reads boot_epoch plus virtual seconds, never the host clock; the
RAM holds the memory sizes a PC BIOS would have stored there."""
import datetime
import struct
from typing import Optional

from .clock import NS_PER_SECOND, VirtualClock
from .portbus import PortBus

INDEX_PORT = 0x70
DATA_PORT = 0x71

REG_SECONDS = 0x00
REG_MINUTES = 0x02
REG_HOURS = 0x04
REG_WEEKDAY = 0x06
REG_DAY = 0x07
REG_MONTH = 0x08
REG_YEAR = 0x09
REG_STATUS_A = 0x0A
REG_STATUS_B = 0x0B
REG_STATUS_C = 0x0C
REG_STATUS_D = 0x0D
REG_BASE_MEM = 0x15       # 16-bit little endian pairs from here on
REG_EXT_MEM = 0x17
REG_CHECKSUM = 0x2E       # big endian: sum of 0x10..0x2D
REG_EXT_MEM2 = 0x30
REG_CENTURY = 0x32
REG_HIGH_MEM = 0x34       # 64 KiB units above 16 MiB

TIME_REGS = (REG_SECONDS, REG_MINUTES, REG_HOURS, REG_WEEKDAY, REG_DAY,
             REG_MONTH, REG_YEAR, REG_CENTURY)

STATUS_A_DEFAULT = 0x26   # 32.768 kHz time base, 1024 Hz rate; UIP never set
STATUS_B_DEFAULT = 0x02   # 24-hour, BCD
STATUS_D_VRT = 0x80       # RAM and time are valid

B_SET = 0x80              # updates halted so the guest can set the time
B_BINARY = 0x04
B_24HOUR = 0x02
HOUR_PM = 0x80

RAM_SIZE = 128
BASE_MEM_KB = 640

_LE16 = struct.Struct("<H")
_BE16 = struct.Struct(">H")
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def _to_bcd(value: int) -> int:
    return (value // 10) << 4 | value % 10


def _from_bcd(value: int) -> Optional[int]:
    hi, lo = value >> 4, value & 0x0F
    if hi > 9 or lo > 9:
        return None
    return hi * 10 + lo


class Cmos:
    """The RTC the kernel reads once at boot for the time of day, and the
    CMOS bytes firmware reads for the memory size."""

    NAME = "cmos"   # in traces

    PORTS = 2

    def __init__(self, clock: VirtualClock, mem_kb: int, boot_epoch: int) -> None:
        self.clock = clock
        self.mem_kb = mem_kb
        self.boot_epoch = boot_epoch
        self.reset()

    def reset(self) -> None:
        self._index = 0
        self._offset = 0          # seconds the guest moved the clock by
        ram = self._ram = bytearray(RAM_SIZE)
        ram[REG_STATUS_A] = STATUS_A_DEFAULT
        ram[REG_STATUS_B] = STATUS_B_DEFAULT
        ext = min(0xFFFF, max(0, self.mem_kb - 1024))
        high = min(0xFFFF, max(0, self.mem_kb - 16 * 1024) // 64)
        _LE16.pack_into(ram, REG_BASE_MEM, min(BASE_MEM_KB, self.mem_kb))
        _LE16.pack_into(ram, REG_EXT_MEM, ext)
        _LE16.pack_into(ram, REG_EXT_MEM2, ext)
        _LE16.pack_into(ram, REG_HIGH_MEM, high)
        _BE16.pack_into(ram, REG_CHECKSUM, sum(ram[0x10:REG_CHECKSUM]))

    def attach(self, bus: PortBus) -> None:
        bus.register(INDEX_PORT, self.PORTS, self)

    def seconds(self) -> int:
        """The RTC's time as Unix seconds (UTC)."""
        return self.boot_epoch + self.clock.now // NS_PER_SECOND + self._offset

    # -- port interface ------------------------------------------------

    def read(self, port: int, size: int) -> int:
        value = 0
        for i in range(size):
            byte = self._read_data() if port + i == DATA_PORT else 0xFF  # index is write-only
            value |= byte << (8 * i)
        return value

    def write(self, port: int, size: int, value: int) -> None:
        for i in range(size):
            byte = (value >> (8 * i)) & 0xFF
            if port + i == INDEX_PORT:
                self._index = byte & 0x7F   # bit 7 is the NMI mask: not modelled
            elif port + i == DATA_PORT:
                self._write_data(byte)

    def _read_data(self) -> int:
        index = self._index
        if index in TIME_REGS and not self._ram[REG_STATUS_B] & B_SET:
            return self._time_fields()[index]
        if index == REG_STATUS_C:
            return 0              # no periodic, alarm or update interrupts
        if index == REG_STATUS_D:
            return STATUS_D_VRT
        return self._ram[index]

    def _write_data(self, value: int) -> None:
        index = self._index
        ram = self._ram
        if index in (REG_STATUS_C, REG_STATUS_D):
            return                # read-only
        if index == REG_STATUS_A:
            ram[index] = value & 0x7F
        elif index == REG_STATUS_B:
            old = ram[index]
            if value & B_SET and not old & B_SET:
                self._hold()      # the guest is about to set the time
            ram[index] = value
            if old & B_SET and not value & B_SET:
                self._set_time()
        elif index in TIME_REGS:
            if ram[REG_STATUS_B] & B_SET:
                ram[index] = value
            else:
                self._hold()
                ram[index] = value
                self._set_time()
        else:
            ram[index] = value

    # -- time ------------------------------------------------------------

    def _time_fields(self) -> dict[int, int]:
        """The time registers for now, in the format status B asks for."""
        t = _EPOCH + datetime.timedelta(seconds=self.seconds())
        b = self._ram[REG_STATUS_B]
        enc = (lambda v: v) if b & B_BINARY else _to_bcd
        if b & B_24HOUR:
            hour = enc(t.hour)
        else:
            hour = enc(t.hour % 12 or 12) | (HOUR_PM if t.hour >= 12 else 0)
        return {
            REG_SECONDS: enc(t.second), REG_MINUTES: enc(t.minute), REG_HOURS: hour,
            REG_WEEKDAY: t.isoweekday() % 7 + 1,      # 1 = Sunday
            REG_DAY: enc(t.day), REG_MONTH: enc(t.month),
            REG_YEAR: enc(t.year % 100), REG_CENTURY: enc(t.year // 100),
        }

    def _hold(self) -> None:
        """Copy the running time into the registers so they can be edited."""
        for index, value in self._time_fields().items():
            self._ram[index] = value

    def _set_time(self) -> None:
        """Take the time the guest wrote; an impossible date leaves it unchanged."""
        ram = self._ram
        b = ram[REG_STATUS_B]
        dec = (lambda v: v) if b & B_BINARY else _from_bcd
        raw_hour = ram[REG_HOURS]
        if b & B_24HOUR:
            hour = dec(raw_hour)
        else:
            h12 = dec(raw_hour & ~HOUR_PM)
            hour = None if h12 is None or not 1 <= h12 <= 12 else \
                h12 % 12 + (12 if raw_hour & HOUR_PM else 0)
        fields = (dec(ram[REG_CENTURY]), dec(ram[REG_YEAR]), dec(ram[REG_MONTH]),
                  dec(ram[REG_DAY]), hour, dec(ram[REG_MINUTES]), dec(ram[REG_SECONDS]))
        if None in fields:
            return
        century, year, month, day, hour, minute, second = fields
        try:
            t = datetime.datetime(century * 100 + year, month, day, hour, minute,
                                  second, tzinfo=datetime.timezone.utc)
        except (ValueError, OverflowError):
            return
        wanted = (t - _EPOCH) // datetime.timedelta(seconds=1)
        self._offset += wanted - self.seconds()
