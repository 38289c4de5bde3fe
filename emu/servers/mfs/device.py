"""The block device under a file system: block-driver requests with granted buffers.

MFS never touches the disk itself: it grants a buffer of its own to the
driver and sends DEV_READ_S/DEV_WRITE_S with the grant id in IO_GRANT and the
byte offset in POSITION/HIGHPOS, as MINIX's MFS does in device.c. A driver
error or a short transfer is EIO for the request that needed the block.
"""
from emu.abi import com
from emu.abi.com import DevRequest
from emu.abi.errno import Errno
from emu.abi.message import Message
from emu.kernel.grants import READ, WRITE
from emu.servers.mfs.msg import arg
from emu.servers.server import ErrnoError

R_BIT, W_BIT = 0o4, 0o2       # DEV_OPEN access, in COUNT as MINIX's dev_open


class BlockDevice:
    def __init__(self, sys, me: int, driver: int, minor: int) -> None:
        self.sys = sys
        self.me = me              # the file system server's endpoint
        self.driver = driver
        self.minor = minor

    def _request(self, request: int, **fields) -> int:
        reply = self.sys.sendrec(self.me, self.driver, Message.of(
            request, **{com.DEVICE: self.minor, com.IO_ENDPT: self.me}, **fields))
        if reply.m_type == com.DevReply.TASK_REPLY:
            return arg(reply, com.REP_STATUS)
        return reply.m_type if reply.m_type < 0 else -Errno.EIO   # refused (ECALLDENIED)

    def open(self, writable: bool) -> None:
        status = self._request(DevRequest.DEV_OPEN, **{com.COUNT: R_BIT | (W_BIT * writable)})
        if status < 0:
            raise ErrnoError(-status, f"cannot open the device: {_name(-status)}")

    def close(self) -> None:
        self._request(DevRequest.DEV_CLOSE)

    def transfer(self, writing: bool, position: int, buf) -> None:
        """Read len(buf) bytes at `position` into buf, or write buf there."""
        gid = self.sys.grant_buffer(self.me, self.driver, buf, READ if writing else WRITE)
        try:
            status = self._request(
                DevRequest.DEV_WRITE_S if writing else DevRequest.DEV_READ_S,
                **{com.POSITION: position & 0xFFFFFFFF, com.HIGHPOS: position >> 32,
                   com.COUNT: len(buf), com.IO_GRANT: gid})
        finally:
            self.sys.revoke(self.me, gid)
        if status != len(buf):
            what = _name(-status) if status < 0 else f"{status} of {len(buf)} bytes"
            raise ErrnoError(Errno.EIO, f"disk {'write' if writing else 'read'} at "
                                        f"{position}: {what}")


def _name(errno: int) -> str:
    try:
        return Errno(errno).name
    except ValueError:
        return f"error {errno}"
