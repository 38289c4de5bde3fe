"""The memory driver (MINIX's drivers/memory): /dev/null and /dev/zero.

A character driver at ep.MEM, major 1, speaking the driver protocol: VFS
names the user process and its buffer and the driver copies. /dev/null reads
as end of file and swallows writes; /dev/zero reads as zeros. The other
minors of MINIX's memory driver (ram disks, /dev/mem, /dev/kmem, the boot
image) do not exist here: ENXIO.
"""
from emu.abi import endpoints as ep
from emu.servers.mem.table import CALLS
from emu.servers.server import Server


class MemoryDriver(Server):
    name = "mem"
    endpoint = ep.MEM
    CALLS = CALLS
