"""Grants: only the named grantee copies, within bounds, with the access given."""
import pytest

from emu.abi.errno import Errno
from emu.kernel.grants import READ, WRITE, GrantError, GrantTable


class _NoProcs:
    def lookup(self, endpoint):
        return None


def test_grantee_copies_within_bounds():
    table = GrantTable(_NoProcs())
    buf = bytearray(b"0123456789")
    gid = table.grant_buffer(7, 9, buf, READ | WRITE)
    assert table.copy_from(9, 7, gid, 2, 3) == b"234"
    table.copy_to(9, 7, gid, 8, b"xy")
    assert buf == bytearray(b"01234567xy")


@pytest.mark.parametrize("grantee,granter,offset,length,errno", [
    (8, 7, 0, 1, Errno.EPERM),      # not the grantee
    (9, 6, 0, 1, Errno.EPERM),      # wrong granter named
    (9, 7, 8, 3, Errno.EINVAL),     # past the end
    (9, 7, -1, 1, Errno.EINVAL),
])
def test_bad_copies_fail(grantee, granter, offset, length, errno):
    table = GrantTable(_NoProcs())
    gid = table.grant_buffer(7, 9, bytearray(10), READ)
    with pytest.raises(GrantError) as e:
        table.copy_from(grantee, granter, gid, offset, length)
    assert e.value.errno == errno


def test_access_and_revoke():
    table = GrantTable(_NoProcs())
    gid = table.grant_buffer(7, 9, bytearray(4), READ)
    with pytest.raises(GrantError):
        table.copy_to(9, 7, gid, 0, b"a")
    table.revoke(8, gid)            # only the granter may revoke
    assert table.copy_from(9, 7, gid, 0, 1) == b"\0"
    table.revoke(7, gid)
    with pytest.raises(GrantError):
        table.copy_from(9, 7, gid, 0, 1)


def test_user_grant_of_a_dead_process():
    table = GrantTable(_NoProcs())
    gid = table.grant_user(1, 7, 12345, 0x1000, 16, WRITE)
    with pytest.raises(GrantError) as e:
        table.copy_to(7, 1, gid, 0, b"x")
    assert e.value.errno == Errno.EDEADSRCDST
