"""PM, the process manager: process life cycle, identities, signals, time."""
from emu.servers.pm.server import ProcessManager

__all__ = ["ProcessManager"]
