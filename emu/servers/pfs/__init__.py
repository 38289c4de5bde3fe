"""PFS, the pipe file system: the bytes of pipes and FIFOs (later also UDS sockets)."""
from emu.servers.pfs.server import PipeFileSystem

__all__ = ["PipeFileSystem"]
