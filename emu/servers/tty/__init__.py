"""TTY, the terminal driver: the serial console and its line discipline."""
from emu.servers.tty.server import Tty

__all__ = ["Tty"]
