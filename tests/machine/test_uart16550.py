"""Tests of the 16550A UART model: the registers as a console driver sees them
through the port bus, the host side (receive/backend), and IRQ4 gating."""
import pytest

from emu.machine.irq import IrqController
from emu.machine.portbus import PortBus
from emu.machine.uart16550 import Uart16550

COM1 = 0x3F8
THR = RBR = DLL = COM1
IER = DLM = COM1 + 1
IIR = FCR = COM1 + 2
LCR = COM1 + 3
MCR = COM1 + 4
LSR = COM1 + 5
MSR = COM1 + 6
SCR = COM1 + 7


class Backend:
    def __init__(self) -> None:
        self.data = bytearray()

    def write(self, data: bytes) -> None:
        self.data += data


@pytest.fixture
def rig():
    irqs = IrqController()
    bus = PortBus()
    backend = Backend()
    uart = Uart16550(COM1, irqs.line(4), backend)
    uart.attach(bus)
    return uart, bus, irqs, backend


def inb(bus, port):
    return bus.read(port, 1)


def outb(bus, port, value):
    bus.write(port, 1, value)


def test_thr_goes_to_backend_and_line_stays_empty(rig):
    uart, bus, irqs, backend = rig
    assert inb(bus, LSR) == 0x60          # THRE | TEMT, no data
    for ch in b"hi\n":
        outb(bus, THR, ch)
        assert inb(bus, LSR) & 0x60 == 0x60
    assert bytes(backend.data) == b"hi\n"


def test_divisor_latch_round_trip(rig):
    uart, bus, irqs, backend = rig
    outb(bus, IER, 0x05)
    outb(bus, LCR, 0x83)                  # DLAB, 8N1
    outb(bus, DLL, 0x0C)
    outb(bus, DLM, 0x01)
    assert inb(bus, DLL) == 0x0C
    assert inb(bus, DLM) == 0x01
    assert uart.divisor == 0x010C
    assert backend.data == b""            # the DLL write did not transmit
    outb(bus, LCR, 0x03)
    assert inb(bus, LCR) == 0x03
    assert inb(bus, IER) == 0x05          # IER was not touched by the DLM write
    outb(bus, THR, 0x41)
    assert backend.data == b"A"
    assert uart.divisor == 0x010C


def test_scratch_and_ier_width(rig):
    uart, bus, irqs, backend = rig
    outb(bus, SCR, 0x5A)
    assert inb(bus, SCR) == 0x5A
    outb(bus, IER, 0xFF)
    assert inb(bus, IER) == 0x0F


def test_receive_sets_dr_and_rbr_returns_bytes(rig):
    uart, bus, irqs, backend = rig
    outb(bus, FCR, 0x07)
    assert uart.receive(b"ok") == 2
    assert inb(bus, LSR) == 0x61
    assert inb(bus, RBR) == ord("o")
    assert inb(bus, LSR) == 0x61
    assert inb(bus, RBR) == ord("k")
    assert inb(bus, LSR) == 0x60


def test_rx_fifo_limits_and_receive_return_value(rig):
    uart, bus, irqs, backend = rig
    # FIFOs off: a single holding register.
    assert uart.rx_space() == 1
    assert uart.receive(b"abc") == 1
    assert uart.rx_space() == 0
    assert uart.receive(b"bc") == 0
    assert inb(bus, LSR) & 0x03 == 0x01   # data, and never an overrun
    assert inb(bus, RBR) == ord("a")
    assert uart.rx_space() == 1
    # FIFOs on: 16 bytes.
    outb(bus, FCR, 0x01)
    assert inb(bus, IIR) & 0xC0 == 0xC0
    assert uart.rx_space() == 16
    data = bytes(range(20))
    assert uart.receive(data) == 16
    assert uart.receive(data[16:]) == 0
    assert inb(bus, LSR) & 0x02 == 0
    got = bytes(inb(bus, RBR) for _ in range(16))
    assert got == data[:16]
    assert inb(bus, LSR) & 0x01 == 0
    # FCR bit 1 clears the receive FIFO.
    assert uart.receive(b"xyz") == 3
    outb(bus, FCR, 0x03)
    assert inb(bus, LSR) & 0x01 == 0
    assert uart.rx_space() == 16


def test_iir_priorities(rig):
    uart, bus, irqs, backend = rig
    outb(bus, FCR, 0x01)
    outb(bus, MCR, 0x10)                  # loopback: lets the test cause overrun
    inb(bus, MSR)                         # drop the deltas of entering loopback
    outb(bus, IER, 0x0F)
    assert inb(bus, IIR) == 0xC2          # THRE pending once enabled
    assert inb(bus, IIR) == 0xC1          # ... and the IIR read cleared it
    for i in range(17):                   # one more than the FIFO holds
        outb(bus, THR, i)
    assert inb(bus, IIR) == 0xC6          # line status (overrun) first
    assert inb(bus, LSR) & 0x03 == 0x03   # DR | OE; reading clears OE
    assert inb(bus, LSR) & 0x02 == 0
    assert inb(bus, IIR) == 0xC4          # then received data
    assert [inb(bus, RBR) for _ in range(16)] == list(range(16))
    assert inb(bus, IIR) == 0xC2          # then THRE (set by the THR writes)
    outb(bus, MCR, 0x11)                  # DTR -> DSR changes: modem status
    assert inb(bus, IIR) == 0xC0          # THRE was cleared by the read above
    assert inb(bus, MSR) & 0x0F == 0x02   # DDSR; reading clears it
    assert inb(bus, IIR) == 0xC1


def test_thre_cleared_by_iir_read_and_set_by_thr_write(rig):
    uart, bus, irqs, backend = rig
    assert inb(bus, IIR) == 0x01
    outb(bus, IER, 0x02)
    assert inb(bus, IIR) == 0x02
    assert inb(bus, IIR) == 0x01
    outb(bus, THR, 0x20)
    assert inb(bus, IIR) == 0x02
    # Received data outranks THRE; reading IIR then leaves THRE pending.
    outb(bus, IER, 0x03)                  # THRE enable unchanged: nothing new
    assert inb(bus, IIR) == 0x01
    outb(bus, THR, 0x20)
    uart.receive(b"z")
    assert inb(bus, IIR) == 0x04
    assert inb(bus, IIR) == 0x04
    inb(bus, RBR)
    assert inb(bus, IIR) == 0x02
    assert inb(bus, IIR) == 0x01


def test_fifo_trigger_level_and_character_timeout(rig):
    uart, bus, irqs, backend = rig
    outb(bus, FCR, 0xC1)                  # FIFO on, trigger at 14
    outb(bus, IER, 0x01)
    uart.receive(b"abc")
    assert inb(bus, IIR) == 0xCC          # below the trigger: timeout
    uart.receive(b"d" * 11)
    assert inb(bus, IIR) == 0xC4


def test_irq_gated_by_out2(rig):
    uart, bus, irqs, backend = rig
    outb(bus, IER, 0x01)
    uart.receive(b"x")
    assert inb(bus, IIR) == 0x04
    assert not irqs.level(4)              # OUT2 off: the line stays low
    assert irqs.take(4) == 0
    outb(bus, MCR, 0x08)                  # OUT2 on
    assert irqs.level(4)
    assert irqs.take(4) == 1
    inb(bus, RBR)                         # consuming the data drops it
    assert not irqs.level(4)
    uart.receive(b"y")
    assert irqs.level(4)
    assert irqs.take(4) == 1
    outb(bus, MCR, 0x00)
    assert not irqs.level(4)


def test_thre_irq_edge_per_transmit(rig):
    uart, bus, irqs, backend = rig
    outb(bus, MCR, 0x0B)                  # DTR | RTS | OUT2
    outb(bus, IER, 0x02)
    assert irqs.take(4) == 1
    assert inb(bus, IIR) == 0x02
    assert not irqs.level(4)
    for ch in b"ab":
        outb(bus, THR, ch)
        assert irqs.level(4)
        assert inb(bus, IIR) == 0x02
    assert irqs.take(4) == 2
    assert backend.data == b"ab"


def test_loopback(rig):
    uart, bus, irqs, backend = rig
    outb(bus, FCR, 0x01)
    outb(bus, MCR, 0x1A)                  # loop | OUT2 | RTS
    assert inb(bus, MSR) & 0xF0 == 0x90   # CTS <- RTS, DCD <- OUT2
    outb(bus, MCR, 0x1F)
    assert inb(bus, MSR) == 0xF2          # all four lines on; DSR changed (DDSR)
    outb(bus, THR, 0x55)
    outb(bus, THR, 0xAA)
    assert backend.data == b""            # nothing reaches the host
    assert inb(bus, RBR) == 0x55
    assert inb(bus, RBR) == 0xAA
    assert uart.rx_space() == 0           # the line input is cut off
    assert uart.receive(b"host") == 0
    outb(bus, MCR, 0x00)
    assert inb(bus, MSR) & 0xF0 == 0xB0   # back to the host's lines: CTS DSR DCD
    outb(bus, THR, 0x55)
    assert backend.data == b"U"


def test_msr_deltas_in_loopback(rig):
    uart, bus, irqs, backend = rig
    outb(bus, MCR, 0x10)
    inb(bus, MSR)
    outb(bus, MCR, 0x14)                  # OUT1 -> RI rises: no TERI yet
    assert inb(bus, MSR) == 0x40
    outb(bus, MCR, 0x10)                  # RI falls: trailing edge
    assert inb(bus, MSR) == 0x04
    outb(bus, MCR, 0x12)                  # RTS -> CTS
    assert inb(bus, MSR) == 0x11
    assert inb(bus, MSR) == 0x10


def test_carrier_from_the_host(rig):
    uart, bus, irqs, backend = rig
    outb(bus, MCR, 0x0B)
    outb(bus, IER, 0x08)                  # modem status interrupts only
    assert inb(bus, MSR) == 0xB0          # CTS DSR DCD, no deltas
    assert not irqs.level(4)
    uart.set_carrier(False)
    assert irqs.level(4)
    assert inb(bus, IIR) == 0x00          # modem status
    assert inb(bus, MSR) == 0x30 | 0x08   # DCD gone, DDCD
    assert not irqs.level(4)
    uart.set_carrier(False)               # no change, no delta
    assert inb(bus, IIR) == 0x01
    uart.reset()
    assert inb(bus, MSR) == 0x30          # the host line survives a chip reset
    uart.set_carrier(True)
    assert inb(bus, MSR) == 0xB8


def test_reset(rig):
    uart, bus, irqs, backend = rig
    outb(bus, MCR, 0x08)
    outb(bus, IER, 0x02)
    assert irqs.level(4)
    outb(bus, LCR, 0x83)
    uart.reset()
    assert not irqs.level(4)
    assert inb(bus, LCR) == 0
    assert inb(bus, IER) == 0
    assert inb(bus, IIR) == 0x01
    assert inb(bus, LSR) == 0x60


def test_word_access_splits_into_bytes(rig):
    uart, bus, irqs, backend = rig
    bus.write(LCR, 2, 0x0803)             # LCR = 3, MCR = 8
    assert inb(bus, LCR) == 0x03
    assert inb(bus, MCR) == 0x08
    assert bus.read(SCR, 2) == 0xFF00     # SCR = 0, past the window floats


def test_write_string_equals_bytewise_writes():
    from emu.machine.irq import IrqController
    from emu.machine.portbus import PortBus
    from emu.machine.uart16550 import Uart16550

    class Sink:
        def __init__(self):
            self.data = b""

        def write(self, data):
            self.data += data

    results = []
    for bulk in (False, True):
        irqs, bus, sink = IrqController(), PortBus(), Sink()
        uart = Uart16550(0x3F8, irqs.line(4), sink)
        uart.attach(bus)
        bus.write(0x3F9, 1, 0x02)      # THRE interrupt on
        bus.write(0x3FC, 1, 0x08)      # OUT2
        bus.read(0x3FA, 1)             # acknowledge
        text = b"hello, console\n"
        if bulk:
            bus.write_string(0x3F8, text)
        else:
            for byte in text:
                bus.write(0x3F8, 1, byte)
        results.append((sink.data, bus.read(0x3FD, 1), bus.read(0x3FA, 1), irqs.level(4)))
    assert results[0] == results[1]
    assert results[0][0] == b"hello, console\n"
