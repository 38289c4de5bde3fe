"""The x86 I/O port space: routes IN/OUT to the device that claims a port.

Devices answer `read(port, size)` and `write(port, size, value)` for the
ports they registered. A port nobody claims reads as all ones and ignores
writes, like an empty ISA bus. Every access can be observed (the trace's
`dev` category) through `observer`: `observer(direction, port, size, value,
device)` with direction "in"/"out", or "ins"/"outs" for a string transfer
(`rep insw`/`rep outsw`), which is one event whose value is the number of
units moved.
"""
from typing import Callable, Optional, Protocol


class PortDevice(Protocol):
    def read(self, port: int, size: int) -> int: ...
    def write(self, port: int, size: int, value: int) -> None: ...


class PortBus:
    def __init__(self) -> None:
        self._devices: dict[int, PortDevice] = {}
        self.observer: Optional[Callable[[str, int, int, int, str], None]] = None

    def register(self, base: int, count: int, device: PortDevice) -> None:
        for port in range(base, base + count):
            if port in self._devices:
                raise ValueError(f"port {port:#x} already claimed")
            self._devices[port] = device

    def device_at(self, port: int) -> Optional[PortDevice]:
        return self._devices.get(port)

    def read(self, port: int, size: int = 1) -> int:
        device = self._devices.get(port)
        value = device.read(port, size) if device else (1 << (8 * size)) - 1
        if self.observer:
            self.observer("in", port, size, value, getattr(device, "NAME", "-"))
        return value

    def write_string(self, port: int, data: bytes) -> None:
        """`rep outsb`: the bytes to one port in order (a driver's string I/O).
        A device with a `write_string` takes them in one call."""
        device = self._devices.get(port)
        if device is not None and hasattr(device, "write_string"):
            device.write_string(port, data)
        elif device is not None:
            for byte in data:
                device.write(port, 1, byte)
        if self.observer:
            name = getattr(device, "NAME", "-")
            for byte in data:
                self.observer("out", port, 1, byte, name)

    def read_words(self, port: int, count: int) -> bytes:
        """`rep insw`: `count` 16-bit reads of one port, as little-endian bytes.
        A device with `read_words` answers in one call (no per-word loop:
        bench/ "disk read through the driver"); one trace event either way."""
        device = self._devices.get(port)
        if device is None:
            data = b"\xff\xff" * count
        elif hasattr(device, "read_words"):
            data = device.read_words(port, count)
        else:
            data = b"".join(device.read(port, 2).to_bytes(2, "little")
                            for _ in range(count))
        if self.observer:
            self.observer("ins", port, 2, count, getattr(device, "NAME", "-"))
        return data

    def write_words(self, port: int, data: bytes) -> None:
        """`rep outsw`: the 16-bit little-endian words of `data` to one port."""
        if len(data) & 1:
            raise ValueError("write_words needs whole 16-bit words")
        device = self._devices.get(port)
        if device is not None and hasattr(device, "write_words"):
            device.write_words(port, data)
        elif device is not None:
            for i in range(0, len(data), 2):
                device.write(port, 2, data[i] | data[i + 1] << 8)
        if self.observer:
            self.observer("outs", port, 2, len(data) // 2, getattr(device, "NAME", "-"))

    def write(self, port: int, size: int, value: int) -> None:
        device = self._devices.get(port)
        if device:
            device.write(port, size, value & ((1 << (8 * size)) - 1))
        if self.observer:
            self.observer("out", port, size, value, getattr(device, "NAME", "-"))
