"""The ATA disk driver (MINIX's at_wini): the IDE disk and its partitions as
block-device minors for VFS and the file-system servers."""
from emu.servers.disk.server import AtWini

__all__ = ["AtWini"]
