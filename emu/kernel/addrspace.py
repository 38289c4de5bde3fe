"""A process's address space: regions of host memory mapped into its CPU.

Layout (flat, no paging): the ELF's PT_LOAD segments from 0x08048000, the heap
(brk) right after the data, the stack below 0xC0000000 growing down on demand,
and the read-only GDT page at the very top. Page 0 is never mapped, so a NULL
dereference faults. The kernel reads and writes user memory here through the
host buffers (memoryview), never through Unicorn; a bad range raises
MemoryFault, which callers turn into EFAULT.
"""
import bisect

from emu.abi.message import Message
from emu.machine.cpu import PROT_READ, PROT_WRITE, Cpu
from emu.machine.hostmem import PAGE_SIZE, HostBuffer, HostMemoryPool, page_round_up

STACK_TOP = 0xC0000000
STACK_INITIAL = 64 << 10
STACK_LIMIT = 8 << 20
STACK_GROWTH = 64 << 10
HEAP_CHUNK = 64 << 10
LOWEST_USER_ADDRESS = 0x1000



class MemoryFault(Exception):
    """A user address range that is not (or not suitably) mapped."""

    def __init__(self, address: int, length: int, write: bool):
        self.address, self.length, self.write = address, length, write
        super().__init__(f"bad user {'write' if write else 'read'} {address:#x}+{length}")


class OutOfMemory(Exception):
    """The machine's RAM budget is exhausted."""


class MemoryBudget:
    """Guest RAM accounting: every mapped byte of every process counts."""

    def __init__(self, total_bytes: int) -> None:
        self.total = total_bytes
        self.used = 0

    def charge(self, nbytes: int) -> None:
        if self.used + nbytes > self.total:
            raise OutOfMemory(f"out of guest memory ({self.used + nbytes} > {self.total} bytes)")
        self.used += nbytes

    def refund(self, nbytes: int) -> None:
        self.used -= nbytes


class Region:
    __slots__ = ("start", "end", "perms", "buf", "view", "kind")

    def __init__(self, start: int, buf: HostBuffer, perms: int, kind: str):
        self.start, self.end, self.perms, self.buf, self.kind = start, start + buf.size, perms, buf, kind
        self.view = buf.view


class AddressSpace:
    def __init__(self, pool: HostMemoryPool, budget: MemoryBudget) -> None:
        self.pool = pool
        self.budget = budget
        self.regions: list[Region] = []
        self._starts: list[int] = []
        self.brk_base = 0        # first heap address (end of data/bss)
        self.brk = 0             # current program break
        self.heap_end = 0        # end of mapped heap
        self.stack_low = STACK_TOP
        self._cpu: Cpu | None = None
        self._last: Region | None = None

    # -- building ------------------------------------------------------------
    def add_region(self, start: int, size: int, perms: int, kind: str,
                   zeroed: bool = True) -> Region:
        size = page_round_up(size)
        if start % PAGE_SIZE or start < LOWEST_USER_ADDRESS:
            raise ValueError(f"bad region start {start:#x}")
        for r in self.regions:
            if start < r.end and r.start < start + size:
                raise ValueError(f"region {start:#x}+{size:#x} overlaps {r.start:#x}")
        self.budget.charge(size)
        buf = self.pool.take(size, zeroed=zeroed)
        region = Region(start, buf, perms, kind)
        i = bisect.bisect(self._starts, start)
        self._starts.insert(i, start)
        self.regions.insert(i, region)
        if self._cpu is not None:
            self._cpu.map_host(start, size, perms, buf.address)
        return region

    def attach(self, cpu: Cpu) -> None:
        """Map every region into a (fresh) CPU; later regions follow automatically."""
        self._cpu = cpu
        for r in self.regions:
            cpu.map_host(r.start, r.buf.size, r.perms, r.buf.address)

    def detach(self) -> None:
        self._cpu = None

    def setup_heap(self, brk_base: int) -> None:
        self.brk_base = self.brk = brk_base
        self.heap_end = page_round_up(brk_base)

    def setup_stack(self) -> None:
        self.stack_low = STACK_TOP - STACK_INITIAL
        self.add_region(self.stack_low, STACK_INITIAL, PROT_READ | PROT_WRITE, "stack")

    # -- growth --------------------------------------------------------------
    def set_brk(self, new_brk: int) -> int:
        """Move the program break; maps heap on the way up. Returns the new break.

        Raises OutOfMemory when the RAM budget is exhausted and ValueError when
        the break would run into the stack or below the heap's base.
        """
        if new_brk < self.brk_base or new_brk > self.stack_low - STACK_LIMIT:
            raise ValueError("break out of range")
        if new_brk > self.heap_end:
            need = page_round_up(new_brk) - self.heap_end
            heap_now = self.heap_end - page_round_up(self.brk_base)
            # Grow geometrically so a large heap is a few regions, not hundreds.
            size = max(need, HEAP_CHUNK, min(heap_now, 16 << 20))
            size = (size + HEAP_CHUNK - 1) // HEAP_CHUNK * HEAP_CHUNK
            if self.heap_end + size > self.stack_low - STACK_LIMIT:
                size = need
            try:
                self.add_region(self.heap_end, size, PROT_READ | PROT_WRITE, "heap")
            except OutOfMemory:
                if size == need:
                    raise
                size = need    # the spare room does not fit: take just what was asked
                self.add_region(self.heap_end, size, PROT_READ | PROT_WRITE, "heap")
            self.heap_end += size
        self.brk = new_brk
        return new_brk

    def grow_stack(self, address: int) -> bool:
        """Map stack down to cover `address` if it is in the stack's reserve."""
        if not (STACK_TOP - STACK_LIMIT <= address < self.stack_low):
            return False
        new_low = max(STACK_TOP - STACK_LIMIT,
                      (address // STACK_GROWTH) * STACK_GROWTH)
        try:
            self.add_region(new_low, self.stack_low - new_low, PROT_READ | PROT_WRITE, "stack")
        except (OutOfMemory, ValueError):
            return False
        self.stack_low = new_low
        return True

    # -- access --------------------------------------------------------------
    def _region(self, address: int) -> Region | None:
        r = self._last
        if r is not None and r.start <= address < r.end:
            return r
        i = bisect.bisect(self._starts, address) - 1
        if i >= 0:
            r = self.regions[i]
            if address < r.end:
                self._last = r
                return r
        return None

    def mapping_at(self, address: int) -> tuple[int, int] | None:
        """(permissions, host address) of the mapped byte at `address`, None
        in a gap: for a debugger's hook that must reach guest memory natively."""
        r = self._region(address)
        return (r.perms, r.buf.address + address - r.start) if r is not None else None

    def read(self, address: int, length: int) -> bytes:
        """Bytes of user memory; a gap or an unreadable page raises MemoryFault."""
        r = self._region(address)
        if r is not None and address + length <= r.end:
            off = address - r.start
            return bytes(r.buf.view[off:off + length])
        return self._read_slow(address, length)

    def _read_slow(self, address: int, length: int) -> bytes:
        if length == 0:
            return b""
        out = bytearray()
        a, end = address, address + length
        while a < end:
            r = self._region(a)
            if r is None or not r.perms & PROT_READ or a < 0:
                raise MemoryFault(address, length, False)
            n = min(end, r.end) - a
            out += r.buf.view[a - r.start:a - r.start + n]
            a += n
        return bytes(out)

    def write(self, address: int, data: bytes, force: bool = False) -> None:
        """Store into user memory. Read-only pages refuse unless `force` (loader)."""
        length = len(data)
        r = self._region(address)
        if r is not None and address + length <= r.end and (force or r.perms & PROT_WRITE):
            off = address - r.start
            r.buf.view[off:off + length] = data
            return
        a, end, pos = address, address + length, 0
        while a < end:
            r = self._region(a)
            if r is None or not (force or r.perms & PROT_WRITE):
                raise MemoryFault(address, length, True)
            n = min(end, r.end) - a
            r.buf.view[a - r.start:a - r.start + n] = data[pos:pos + n]
            a += n
            pos += n

    # The trap path moves one message in and one out per system call; these
    # two skip the general path when the message lies in one region (always,
    # in practice). bench/: null syscall.
    def read_message(self, address: int) -> Message:
        r = self._last
        if r is None or not (r.start <= address and address + 36 <= r.end):
            r = self._region(address)
            if r is None or address + 36 > r.end:
                return Message(self.read(address, 36))
        off = address - r.start
        return Message(r.view[off:off + 36])

    def write_message(self, address: int, buf: bytearray) -> None:
        r = self._last
        if r is None or not (r.start <= address and address + 36 <= r.end) \
                or not r.perms & PROT_WRITE:
            self.write(address, buf)
            return
        off = address - r.start
        r.view[off:off + 36] = buf

    def writable(self, address: int, length: int) -> bool:
        """Could `length` bytes at `address` be stored (a check before a later write)?"""
        r = self._region(address)
        if r is not None and address + length <= r.end and r.perms & PROT_WRITE:
            return address >= 0        # one region: the IPC path's case
        a, end = address, address + length
        while a < end:
            r = self._region(a)
            if r is None or not r.perms & PROT_WRITE or a < 0:
                return False
            a = r.end
        return True

    def read_string(self, address: int, max_length: int) -> bytes | None:
        """A NUL-terminated string (without the NUL), or None if longer than max_length."""
        out = bytearray()
        a = address
        while len(out) <= max_length:
            r = self._region(a)
            if r is None or not r.perms & PROT_READ:
                raise MemoryFault(address, len(out) + 1, False)
            off = a - r.start
            n = min(r.end - a, max_length + 1 - len(out))
            chunk = r.buf.view[off:off + n]
            nul = bytes(chunk).find(b"\0")
            if nul >= 0:
                out += chunk[:nul]
                return bytes(out)
            out += chunk
            a += n
        return None

    # -- life cycle ----------------------------------------------------------
    @property
    def size(self) -> int:
        return sum(r.buf.size for r in self.regions)

    def clone(self) -> "AddressSpace":
        """A copy for fork: same layout, contents copied host-to-host."""
        child = AddressSpace(self.pool, self.budget)
        try:
            for r in self.regions:
                self.budget.charge(r.buf.size)
                try:
                    buf = self.pool.take(r.buf.size, zeroed=False)
                except BaseException:
                    self.budget.refund(r.buf.size)
                    raise
                buf.copy_from(r.buf)
                child.regions.append(Region(r.start, buf, r.perms, r.kind))
                child._starts.append(r.start)
        except BaseException:
            child.release()
            raise
        child.brk_base, child.brk, child.heap_end = self.brk_base, self.brk, self.heap_end
        child.stack_low = self.stack_low
        return child

    def release(self) -> None:
        for r in self.regions:
            self.budget.refund(r.buf.size)
            self.pool.give(r.buf)
        self.regions.clear()
        self._starts.clear()
        self._last = None
        self._cpu = None
