"""VFS, the virtual file system server: descriptors, open files, devices."""
from emu.servers.vfs.server import VirtualFileSystem

__all__ = ["VirtualFileSystem"]
