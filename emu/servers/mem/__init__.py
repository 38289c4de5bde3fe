"""MEM, the memory driver: /dev/null and /dev/zero."""
from emu.servers.mem.server import MemoryDriver

__all__ = ["MemoryDriver"]
