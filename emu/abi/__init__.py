"""The guest ABI: every number the guest and the emulator must agree on.

This package is the single source of truth (reference/abi.md, MINIX 3.1.8).
The guest C headers that carry these numbers are generated from it
(`emu.abi.cheaders`), so the two can never drift apart.
"""
from emu.abi.errno import Errno
from emu.abi.signals import Signal
from emu.abi.callnr import CallNr
from emu.abi.ipc import IpcCall
from emu.abi.message import Message, MESSAGE_SIZE

__all__ = ["Errno", "Signal", "CallNr", "IpcCall", "Message", "MESSAGE_SIZE"]
