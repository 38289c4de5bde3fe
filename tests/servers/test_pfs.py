"""PFS on its own: pipe inodes as byte queues, EFBIG past PIPE_BUF, PUTNODE
frees, and only VFS may ask (a fake kernel stands in for grants)."""
from emu.abi import endpoints as ep
from emu.abi import vfsif as V
from emu.abi.errno import Errno
from emu.abi.fcntl import PIPE_BUF, S_IFIFO
from emu.abi.message import Message
from emu.servers.pfs import PipeFileSystem

R = V.FsRequest


class FakeSys:
    """Grants as plain buffers: grant id -> bytearray."""
    trace = type("T", (), {"deny": False})()

    def __init__(self):
        self.buffers = {}

    def awaiting(self, endpoint):
        return None

    def boot_time(self):
        return 0

    def uptime(self):
        return 0

    def name_of(self, endpoint):
        return str(endpoint)

    def safecopy_from(self, grantee, granter, gid, offset, length):
        return bytes(self.buffers[gid][offset:offset + length])

    def safecopy_to(self, grantee, granter, gid, offset, data):
        self.buffers[gid][offset:offset + len(data)] = data


def request(pfs, mtype, source=ep.VFS, **fields):
    m = Message.of(mtype, **fields)
    m.m_source = source
    return pfs.handle(m)


def test_bytes_in_order_and_what_is_left():
    sys = FakeSys()
    pfs = PipeFileSystem(sys)
    r = request(pfs, R.REQ_NEWNODE, **{V.REQ_MODE: S_IFIFO | 0o600, V.REQ_UID: 5, V.REQ_GID: 6})
    assert r.m_type == 0 and getattr(r, V.RES_MODE) & 0xFFFF == S_IFIFO | 0o600
    ino = getattr(r, V.RES_INODE_NR)
    sys.buffers[1] = bytearray(b"hello world")
    r = request(pfs, R.REQ_WRITE, **{V.REQ_INODE_NR: ino, V.REQ_GRANT: 1, V.REQ_NBYTES: 11})
    assert (getattr(r, V.RES_NBYTES), getattr(r, V.RES_SEEK_POS_LO)) == (11, 11)
    sys.buffers[2] = bytearray(5)
    r = request(pfs, R.REQ_READ, **{V.REQ_INODE_NR: ino, V.REQ_GRANT: 2, V.REQ_NBYTES: 5})
    assert bytes(sys.buffers[2]) == b"hello" and getattr(r, V.RES_SEEK_POS_LO) == 6
    sys.buffers[3] = bytearray(PIPE_BUF)
    r = request(pfs, R.REQ_WRITE, **{V.REQ_INODE_NR: ino, V.REQ_GRANT: 3,
                                     V.REQ_NBYTES: PIPE_BUF})
    assert r.m_type == -Errno.EFBIG        # 6 + 32768 would not fit: VFS must not ask
    r = request(pfs, R.REQ_PUTNODE, **{V.REQ_INODE_NR: ino, V.REQ_COUNT: 1})
    assert r.m_type == 0 and pfs.inodes == {}


def test_only_vfs_may_ask():
    pfs = PipeFileSystem(FakeSys())
    r = request(pfs, R.REQ_NEWNODE, source=ep.MFS, **{V.REQ_MODE: S_IFIFO})
    assert r.m_type == -Errno.ECALLDENIED and pfs.inodes == {}
    r = request(pfs, R.REQ_NEWNODE, **{V.REQ_MODE: 0o100644})
    assert r.m_type == -Errno.EIO          # PFS holds only pipes
