"""PFS, the pipe file server (MINIX's servers/pfs): here, /dev/uds.

A character driver at ep.PFS for major 18 (Unix domain sockets, uds/). Pipes
and the select protocol come with issue 7's PFS, which this file joins.
"""
from emu.abi import endpoints as ep
from emu.servers.pfs.table import CALLS
from emu.servers.pfs.uds.device import UdsDevice
from emu.servers.server import Server


class PipeFileServer(Server):
    name = "pfs"
    endpoint = ep.PFS
    CALLS = CALLS

    def __init__(self, sys) -> None:
        super().__init__(sys)
        self.uds = UdsDevice(sys, self.endpoint)
