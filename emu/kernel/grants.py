"""Memory grants: how servers hand each other buffers (MINIX's safecopies).

Python servers have no address space, and a 36-byte message cannot carry a
disk block or a path. So a server that owns a buffer grants it: the kernel
records (granter, grantee, what, access) under a small integer id, the id
travels in a message, and only the named grantee may copy through it, within
its bounds. What is granted is either a server's own bytearray (MFS's cache
block given to the disk driver) or a range of a user process's memory that
the granter is serving (VFS giving MFS the buffer of a read(), as MINIX's
magic grants). A bad user range is EFAULT at the copy, as with copy_from.
"""
from dataclasses import dataclass

from emu.abi.errno import Errno
from emu.kernel.addrspace import MemoryFault

READ = 1     # the grantee may copy from the grant
WRITE = 2    # the grantee may copy into the grant


class GrantError(Exception):
    def __init__(self, errno: int) -> None:
        super().__init__(Errno(errno).name)
        self.errno = int(errno)


@dataclass(slots=True)
class Grant:
    granter: int
    grantee: int
    access: int
    length: int
    buffer: bytearray | memoryview | None = None   # a server's own memory
    endpoint: int = 0                               # or a user process's range
    address: int = 0


class GrantTable:
    def __init__(self, procs) -> None:
        self.procs = procs
        self.grants: dict[int, Grant] = {}
        self._next = 1

    def _add(self, grant: Grant) -> int:
        gid = self._next
        self._next = gid + 1 if gid < 0x7FFFFFFF else 1
        self.grants[gid] = grant
        return gid

    def grant_buffer(self, granter: int, grantee: int, buffer, access: int) -> int:
        return self._add(Grant(granter, grantee, access, len(buffer), buffer=buffer))

    def grant_user(self, granter: int, grantee: int, endpoint: int, address: int,
                   length: int, access: int) -> int:
        if length < 0:
            raise GrantError(Errno.EINVAL)
        return self._add(Grant(granter, grantee, access, length, endpoint=endpoint,
                               address=address))

    def revoke(self, granter: int, gid: int) -> None:
        grant = self.grants.get(gid)
        if grant is not None and grant.granter == granter:
            del self.grants[gid]

    def revoke_all(self, granter: int) -> None:
        for gid in [g for g, grant in self.grants.items() if grant.granter == granter]:
            del self.grants[gid]

    def _check(self, grantee: int, granter: int, gid: int, offset: int, length: int,
               access: int) -> Grant:
        grant = self.grants.get(gid)
        if grant is None or grant.granter != granter or grant.grantee != grantee \
                or not grant.access & access:
            raise GrantError(Errno.EPERM)
        if offset < 0 or length < 0 or offset + length > grant.length:
            raise GrantError(Errno.EINVAL)
        return grant

    def _user(self, grant: Grant):
        p = self.procs.lookup(grant.endpoint)
        if p is None:
            raise GrantError(Errno.EDEADSRCDST)
        return p.mem

    def copy_from(self, grantee: int, granter: int, gid: int, offset: int, length: int) -> bytes:
        grant = self._check(grantee, granter, gid, offset, length, READ)
        if grant.buffer is not None:
            return bytes(grant.buffer[offset:offset + length])
        try:
            return self._user(grant).read(grant.address + offset, length)
        except MemoryFault:
            raise GrantError(Errno.EFAULT) from None

    def copy_to(self, grantee: int, granter: int, gid: int, offset: int, data) -> None:
        grant = self._check(grantee, granter, gid, offset, len(data), WRITE)
        if grant.buffer is not None:
            grant.buffer[offset:offset + len(data)] = data
            return
        try:
            self._user(grant).write(grant.address + offset, data)
        except MemoryFault:
            raise GrantError(Errno.EFAULT) from None
