"""The TTY's driver for the 16550 UART that carries the console (rs232.c).

It talks to the chip only through port I/O kernel calls (sys.inb/sys.outb),
as a MINIX driver does with sys_inb/sys_outb.
"""
COM1 = 0x3F8
COM1_IRQ = 4
COM2 = 0x2F8
COM2_IRQ = 3

RBR = THR = DLL = 0
IER = DLM = 1
IIR = FCR = 2
LCR = 3
MCR = 4
LSR = 5
MSR = 6

IER_RX, IER_THRE, IER_LINE, IER_MODEM = 0x01, 0x02, 0x04, 0x08
LCR_8N1, LCR_DLAB = 0x03, 0x80
MCR_DTR, MCR_RTS, MCR_OUT2 = 0x01, 0x02, 0x08
FCR_ENABLE, FCR_CLEAR_RX, FCR_CLEAR_TX = 0x01, 0x02, 0x04
LSR_DR, LSR_THRE = 0x01, 0x20
MSR_DCD = 0x80
UART_CLOCK = 115200
FIFO_SIZE = 16


class SerialPort:
    def __init__(self, sys, base: int = COM1) -> None:
        self.sys = sys
        self.base = base

    def init(self, baud: int = 115200) -> None:
        out = self.sys.outb
        divisor = UART_CLOCK // baud
        out(self.base + LCR, LCR_DLAB)
        out(self.base + DLL, divisor & 0xFF)
        out(self.base + DLM, divisor >> 8)
        out(self.base + LCR, LCR_8N1)
        out(self.base + FCR, FCR_ENABLE | FCR_CLEAR_RX | FCR_CLEAR_TX)
        out(self.base + MCR, MCR_DTR | MCR_RTS | MCR_OUT2)
        out(self.base + IER, IER_RX | IER_MODEM)

    def write(self, data: bytes) -> None:
        """Send bytes a FIFO-full at a time: when THRE is set, the 16550's
        transmit FIFO is empty and takes 16 bytes."""
        inb, base = self.sys.inb, self.base
        for start in range(0, len(data), FIFO_SIZE):
            while not inb(base + LSR) & LSR_THRE:
                pass
            self.sys.outsb(base + THR, data[start:start + FIFO_SIZE])

    def read_available(self, limit: int) -> bytes:
        """Take up to `limit` bytes from the receive FIFO."""
        inb, base = self.sys.inb, self.base
        out = bytearray()
        while len(out) < limit and inb(base + LSR) & LSR_DR:
            out.append(inb(base + RBR))
        return bytes(out)

    def carrier(self) -> bool:
        return bool(self.sys.inb(self.base + MSR) & MSR_DCD)

    def acknowledge(self) -> None:
        """Read IIR and MSR, which clears THRE and modem-status interrupts."""
        self.sys.inb(self.base + IIR)
        self.sys.inb(self.base + MSR)
