"""Ancillary data on sockets: SCM_RIGHTS and SCM_CREDENTIALS (step 4 of issue 8).

Not built yet: sendmsg's control data is refused (EOPNOTSUPP) rather than
dropped silently, and recvmsg's control buffer comes back empty. The hooks
below are where descriptors in flight will be taken and dropped.
"""
from emu.servers.pfs.uds.table import Socket


class Ancillary:
    def __init__(self, uds) -> None:
        self.uds = uds

    def sent(self, sock: Socket, dest: Socket, endpoint: int) -> None:
        """A write from `sock` reached `dest`: attach pending control data (none yet)."""

    def drop(self, sock: Socket) -> None:
        """`sock` is closing: release what is in flight to it (nothing yet)."""
