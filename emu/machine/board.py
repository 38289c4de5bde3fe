"""The PC board: RAM size, port bus, interrupt lines, clock, and the devices.

  PIT 8254   0x40-0x43   IRQ 0    virtual time and the scheduling tick
  CMOS/RTC   0x70-0x71            memory size and the date
  UART 16550 0x3F8-0x3FF IRQ 4    COM1, the console (HostConsole: stdin and stdout)
  UART 16550 0x2F8-0x2FF IRQ 3    COM2, a second line whose output is the host's stderr
  IDE        0x1F0-0x1F7, 0x3F6  IRQ 14   the disk images, if any: master (-hda), slave (-hdb)
"""
from pathlib import Path

from emu.machine.clock import VirtualClock
from emu.machine.cmos import Cmos
from emu.machine.console import HostConsole, HostOutput
from emu.machine.disk import DiskImage
from emu.machine.ide import IdeController
from emu.machine.irq import IrqController
from emu.machine.pit8254 import Pit8254
from emu.machine.portbus import PortBus
from emu.machine.uart16550 import Uart16550

# 2010-07-15 00:00:00 UTC, the day UDS was merged into MINIX: the default RTC
# time, fixed so that every run of the same command sees the same dates.
DEFAULT_RTC_EPOCH = 1279152000


class Machine:
    INPUT_AHEAD = 4096   # host input read ahead of the UART's receive FIFO

    def __init__(self, ram_mb: int = 64, disk: Path | None = None,
                 console: HostConsole | None = None, rtc_epoch: int = DEFAULT_RTC_EPOCH,
                 stderr: HostOutput | None = None, snapshot: bool = False,
                 disk2: Path | None = None, snapshot2: bool = False) -> None:
        self.ram_bytes = ram_mb << 20
        self.clock = VirtualClock()
        self.bus = PortBus()
        self.irqs = IrqController()
        self.console = console or HostConsole()
        self.pit = Pit8254(self.clock, self.irqs.line(0))
        self.pit.attach(self.bus)
        self.cmos = Cmos(self.clock, ram_mb << 10, rtc_epoch)
        self.cmos.attach(self.bus)
        self.uart = Uart16550(0x3F8, self.irqs.line(4), self.console)
        self.uart.attach(self.bus)
        self.stderr = stderr or HostOutput(None, "stderr")
        self.console.peers.append(self.stderr)
        self.stderr.peers.append(self.console)
        self.uart2 = Uart16550(0x2F8, self.irqs.line(3), self.stderr)
        self.uart2.attach(self.bus)
        self.disk = DiskImage(disk, snapshot=snapshot) if disk is not None else None
        try:
            self.disk2 = DiskImage(disk2, snapshot=snapshot2) if disk2 is not None else None
        except BaseException:
            if self.disk is not None:
                self.disk.close()
            raise
        self.ide = IdeController(self.irqs.line(14), master=self.disk, slave=self.disk2)
        self.ide.attach(self.bus)
        self._input = bytearray()
        self.uart.rx_refill = self._refill
        self._carrier = True
        self.uart.set_carrier(True)

    # -- console input -----------------------------------------------------------
    def poll_console(self) -> bool:
        """Move host input into the UART; True if the guest has something new.
        Input is taken from the host only as the guest makes room for it, so a
        never-ending stdin (/dev/zero) costs bounded memory."""
        if len(self._input) < self.INPUT_AHEAD:
            self._input += self.console.poll(self.INPUT_AHEAD - len(self._input))
        return self._feed_uart()

    def console_can_wait(self) -> bool:
        return not self.console.eof or bool(self._input)

    def wait_console(self, timeout: float | None = None, also=()) -> bool:
        """Wait for host input (at most `timeout` seconds), or for one of the
        descriptors in `also` (a debugger's sockets); True if input came."""
        if len(self._input) < self.INPUT_AHEAD:
            self._input += self.console.wait(self.INPUT_AHEAD - len(self._input), timeout, also)
        return self._feed_uart()

    def _refill(self) -> None:
        if self._input:
            del self._input[:self.uart.receive(bytes(self._input))]

    def _feed_uart(self) -> bool:
        changed = False
        if self._input:
            taken = self.uart.receive(bytes(self._input))
            del self._input[:taken]
            changed = taken > 0
        if self.console.eof and not self._input and self._carrier:
            self._carrier = False
            self.uart.set_carrier(False)
            changed = True
        return changed

    def shutdown(self) -> None:
        """Flush the host streams and the disk; the disk even if the host output fails."""
        try:
            self.console.flush()
            self.stderr.flush()
        finally:
            try:
                if self.disk is not None and not self.disk.closed:
                    self.disk.flush()
                    self.disk.close()
            finally:
                if self.disk2 is not None and not self.disk2.closed:
                    self.disk2.flush()
                    self.disk2.close()
