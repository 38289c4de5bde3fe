"""Random requests from VFS never raise inside MFS: every answer is a reply."""
import random

import pytest

from emu.abi import endpoints as ep
from emu.abi.message import LAYOUTS, Message
from emu.abi.vfsif import FsRequest
from emu.kernel.grants import READ, WRITE
from tests.servers.mfs.harness import mounted

M9 = [name for name in LAYOUTS if name.startswith("m9_")]
REQUESTS = [r for r in FsRequest if r != FsRequest.REQ_UNMOUNT]


@pytest.mark.parametrize("seed", range(3))
def test_random_requests(image, seed):
    rng = random.Random(seed)
    b = mounted(image)
    held = [1]
    answers: dict[int, int] = {}
    for _ in range(3000):
        buf = bytearray(rng.choice([b"/etc/passwd\0", b"tmp\0", b"\0", b"x" * 300,
                                    rng.randbytes(rng.randrange(1, 80))]))
        buf = buf.ljust(rng.choice([0, 64, 4096]), b"\0") if rng.random() < 0.5 else buf
        gid = b.sys.grant_buffer(ep.VFS, ep.MFS, buf, rng.choice([READ, WRITE, READ | WRITE]))
        fields = {}
        for name in M9:
            choice = rng.random()
            if choice < 0.3:
                value = gid
            elif choice < 0.6:
                value = rng.choice(held + [0, 1, 2, 3, 5000, -1])
            elif choice < 0.8:
                value = rng.randrange(0, 300)
            else:
                value = rng.randrange(-2**15, 2**15) if name[-2] == "s" else \
                    rng.randrange(-2**31, 2**31)
            fields[name] = value
        request = rng.choice(REQUESTS)
        reply = b.sys.sendrec(ep.VFS, ep.MFS, Message.of(request, **fields))
        b.sys.revoke(ep.VFS, gid)
        assert isinstance(reply, Message)
        if request in (FsRequest.REQ_LOOKUP, FsRequest.REQ_CREATE) and reply.m_type == 0:
            held.append(reply.m9_l1)
        answers[reply.m_type] = answers.get(reply.m_type, 0) + 1
    assert answers.get(0, 0) > 50 and sum(answers.values()) == 3000
    assert b.sync().status == 0
