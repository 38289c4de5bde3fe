"""The 16550A UART behind the serial console (COM1 at 0x3F8, IRQ 4).
The line is infinitely fast: transmitted bytes reach the host backend at
once and host input waits in the receive FIFO until the guest reads it."""
from typing import Optional, Protocol

from .irq import IrqLine
from .portbus import PortBus

# Register offsets from the base port.
RBR_THR_DLL = 0
IER_DLM = 1
IIR_FCR = 2
LCR = 3
MCR = 4
LSR = 5
MSR = 6
SCR = 7

IER_RDA = 0x01    # received data available
IER_THRE = 0x02   # transmitter holding register empty
IER_RLS = 0x04    # receiver line status
IER_MS = 0x08     # modem status

IIR_NONE = 0x01
IIR_MODEM = 0x00
IIR_THRE = 0x02
IIR_RDA = 0x04
IIR_RLS = 0x06
IIR_TIMEOUT = 0x0C  # character timeout: data below the FIFO trigger level
IIR_FIFO = 0xC0     # bits 7-6 when FIFOs are enabled

FCR_ENABLE = 0x01
FCR_CLEAR_RX = 0x02
FCR_CLEAR_TX = 0x04

LCR_DLAB = 0x80

MCR_DTR = 0x01
MCR_RTS = 0x02
MCR_OUT1 = 0x04
MCR_OUT2 = 0x08
MCR_LOOP = 0x10

LSR_DR = 0x01
LSR_OE = 0x02
LSR_PE = 0x04
LSR_FE = 0x08
LSR_BI = 0x10
LSR_THRE = 0x20
LSR_TEMT = 0x40

MSR_DCTS = 0x01
MSR_DDSR = 0x02
MSR_TERI = 0x04
MSR_DDCD = 0x08
MSR_CTS = 0x10
MSR_DSR = 0x20
MSR_RI = 0x40
MSR_DCD = 0x80

FIFO_SIZE = 16
TRIGGER_LEVELS = (1, 4, 8, 14)
# The host end looks like a terminal that is always ready: CTS, DSR, DCD on.
HOST_MODEM_LINES = MSR_CTS | MSR_DSR | MSR_DCD


class SerialBackend(Protocol):
    def write(self, data: bytes) -> object: ...


class Uart16550:
    """A PC serial port; the console driver sees the register set of a 16550A."""

    # Called when the driver empties the receive FIFO: the board moves host
    # input it holds already into it, as a sender does while there is room
    # (without it, input longer than the FIFO waited for the next idle poll).
    rx_refill = None

    NAME = "uart"   # in traces

    PORTS = 8

    def __init__(self, base: int = 0x3F8, irq: Optional[IrqLine] = None,
                 backend: Optional[SerialBackend] = None) -> None:
        self.base = base
        self.irq = irq
        self.backend = backend
        # The host's modem lines are outside the chip: reset() keeps them.
        self._host_lines = HOST_MODEM_LINES
        self.reset()

    def reset(self) -> None:
        self._ier = 0
        self._lcr = 0
        self._mcr = 0
        self._scr = 0
        self._dll = 0
        self._dlm = 0
        self._fifo_on = False
        self._trigger = 1
        self._rx = bytearray()
        self._rbr = 0             # last byte read, returned again when empty
        self._overrun = False
        self._thre_pending = False
        self._msr_delta = 0
        self._irq_level = False
        if self.irq is not None:
            self.irq.lower()

    def attach(self, bus: PortBus) -> None:
        bus.register(self.base, self.PORTS, self)

    # -- host side -----------------------------------------------------

    def rx_space(self) -> int:
        """How many bytes receive() would accept now (0 in loopback mode,
        where the receiver is cut off from the line)."""
        if self._mcr & MCR_LOOP:
            return 0
        return self._rx_capacity() - len(self._rx)

    def receive(self, data: bytes) -> int:
        """Feed host input; bytes that do not fit stay with the caller, so
        flow control is the host's job and the guest never sees an overrun."""
        n = min(len(data), self.rx_space())
        if n:
            self._rx += data[:n]
            self._update_irq()
        return n

    def set_carrier(self, on: bool) -> None:
        """Raise or drop DCD from the host side (the board drops it at the end
        of console input, so the TTY can see a hangup)."""
        old = self._modem_lines()
        if on:
            self._host_lines |= MSR_DCD
        else:
            self._host_lines &= ~MSR_DCD
        self._note_modem_change(old)
        self._update_irq()

    @property
    def divisor(self) -> int:
        return self._dlm << 8 | self._dll

    # -- port interface ------------------------------------------------

    def read(self, port: int, size: int) -> int:
        # Wider accesses split into byte accesses, as the ISA bus does for an
        # 8-bit device.
        value = 0
        for i in range(size):
            off = port + i - self.base
            byte = self._read_reg(off) if 0 <= off < self.PORTS else 0xFF
            value |= byte << (8 * i)
        return value

    def write(self, port: int, size: int, value: int) -> None:
        for i in range(size):
            off = port + i - self.base
            if 0 <= off < self.PORTS:
                self._write_reg(off, (value >> (8 * i)) & 0xFF)

    def write_string(self, port: int, data: bytes) -> None:
        """A string of bytes to one port (`rep outsb`). Bytes for the transmit
        holding register leave in one backend write, with the same end state
        as writing them one by one: console output is the UART's hot path."""
        if port != self.base or self._lcr & LCR_DLAB or self._mcr & MCR_LOOP or not data:
            for byte in data:
                self.write(port, 1, byte)
            return
        if self.backend is not None:
            self.backend.write(bytes(data))
        self._thre_pending = True
        self._update_irq()

    def _read_reg(self, off: int) -> int:
        dlab = self._lcr & LCR_DLAB
        if off == RBR_THR_DLL:
            if dlab:
                return self._dll
            if self._rx:
                self._rbr = self._rx.pop(0)
                if not self._rx and self.rx_refill is not None:
                    self.rx_refill()    # the host sends on while there is room
                self._update_irq()
            return self._rbr
        if off == IER_DLM:
            return self._dlm if dlab else self._ier
        if off == IIR_FCR:
            ident = self._interrupt_id()
            if ident == IIR_THRE:
                self._thre_pending = False
                self._update_irq()
            return ident | (IIR_FIFO if self._fifo_on else 0)
        if off == LCR:
            return self._lcr
        if off == MCR:
            return self._mcr
        if off == LSR:
            value = self._lsr()
            if self._overrun:
                self._overrun = False
                self._update_irq()
            return value
        if off == MSR:
            value = self._modem_lines() | self._msr_delta
            if self._msr_delta:
                self._msr_delta = 0
                self._update_irq()
            return value
        return self._scr

    def _write_reg(self, off: int, value: int) -> None:
        dlab = self._lcr & LCR_DLAB
        if off == RBR_THR_DLL:
            if dlab:
                self._dll = value
            else:
                self._transmit(value)
        elif off == IER_DLM:
            if dlab:
                self._dlm = value
            else:
                old = self._ier
                self._ier = value & 0x0F
                if (old ^ self._ier) & IER_THRE:
                    # Enabling the THRE interrupt with the holding register
                    # empty (it always is) makes it pending at once.
                    self._thre_pending = bool(self._ier & IER_THRE)
                self._update_irq()
        elif off == IIR_FCR:
            self._write_fcr(value)
        elif off == LCR:
            self._lcr = value
        elif off == MCR:
            old_lines = self._modem_lines()
            self._mcr = value & 0x1F
            self._note_modem_change(old_lines)
            self._update_irq()
        elif off == SCR:
            self._scr = value
        # LSR and MSR writes (factory test) are ignored.

    def _transmit(self, value: int) -> None:
        self._thre_pending = False
        if self._mcr & MCR_LOOP:
            if len(self._rx) < self._rx_capacity():
                self._rx.append(value)
            else:
                self._overrun = True  # the shift register overwrote it
        elif self.backend is not None:
            self.backend.write(bytes((value,)))
        # The byte left at once: the holding register is empty again.
        self._thre_pending = True
        self._update_irq()

    def _write_fcr(self, value: int) -> None:
        enable = bool(value & FCR_ENABLE)
        if enable != self._fifo_on:
            self._fifo_on = enable
            self._rx.clear()   # switching FIFO mode empties both FIFOs
        if enable:
            if value & FCR_CLEAR_RX:
                self._rx.clear()
            # FCR_CLEAR_TX: the transmitter never holds anything.
            self._trigger = TRIGGER_LEVELS[value >> 6]
        self._update_irq()

    # -- derived state -------------------------------------------------

    def _rx_capacity(self) -> int:
        return FIFO_SIZE if self._fifo_on else 1

    def _lsr(self) -> int:
        value = LSR_THRE | LSR_TEMT
        if self._rx:
            value |= LSR_DR
        if self._overrun:
            value |= LSR_OE
        return value

    def _modem_lines(self) -> int:
        if not self._mcr & MCR_LOOP:
            return self._host_lines
        mcr = self._mcr
        return ((MSR_CTS if mcr & MCR_RTS else 0) | (MSR_DSR if mcr & MCR_DTR else 0)
                | (MSR_RI if mcr & MCR_OUT1 else 0) | (MSR_DCD if mcr & MCR_OUT2 else 0))

    def _note_modem_change(self, old: int) -> None:
        new = self._modem_lines()
        changed = old ^ new
        if changed & MSR_CTS:
            self._msr_delta |= MSR_DCTS
        if changed & MSR_DSR:
            self._msr_delta |= MSR_DDSR
        if old & MSR_RI and not new & MSR_RI:
            self._msr_delta |= MSR_TERI   # trailing edge of ring indicator
        if changed & MSR_DCD:
            self._msr_delta |= MSR_DDCD

    def _interrupt_id(self) -> int:
        """The highest-priority enabled interrupt, in the 16550's order."""
        ier = self._ier
        if ier & IER_RLS and self._overrun:
            return IIR_RLS
        if ier & IER_RDA and self._rx:
            # With the line infinitely fast the character timeout is zero,
            # so data below the trigger level reports a timeout at once.
            if self._fifo_on and len(self._rx) < self._trigger:
                return IIR_TIMEOUT
            return IIR_RDA
        if ier & IER_THRE and self._thre_pending:
            return IIR_THRE
        if ier & IER_MS and self._msr_delta:
            return IIR_MODEM
        return IIR_NONE

    def _update_irq(self) -> None:
        # On a PC, OUT2 gates the UART's interrupt output onto the ISA bus.
        level = self._interrupt_id() != IIR_NONE and bool(self._mcr & MCR_OUT2)
        if level != self._irq_level:
            self._irq_level = level
            if self.irq is not None:
                self.irq.set(level)
