"""gdb's remote protocol for the guest processes: see stub.py."""
from emu.debug.gdbstub.stub import GdbAddressError, GdbStub

__all__ = ["GdbStub", "GdbAddressError"]
