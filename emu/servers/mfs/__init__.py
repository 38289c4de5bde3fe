"""MFS: the MINIX file system v3 server (emu/servers/mfs/server.py)."""
from emu.servers.mfs.server import MinixFileSystem

__all__ = ["MinixFileSystem"]
