"""Watchpoints (Z2 write, Z3 read, Z4 access): writes by page protection.

A page holding bytes watched for writes is made read-only in every process's
CPU, and a UC_HOOK_MEM_WRITE_PROT hook bounded to that page sees the stores
there (a read-only page sends every store down the slow path, whatever Unicorn
has cached). A UC_HOOK_MEM_WRITE hook, even bounded, would send every store of
all code translated while it exists down the slow path (reference/
unicorn-facts.md item 11): 2.9x on the compute bench, against ~1.0x this way
(bench/: compute, write watchpoint set). A store elsewhere on the page is
done by the hook itself (Unicorn drops a store to a read-only page even when
the hook handles it, item 9); the hook is native (emu/machine/native/
watchpoints.c; Python if it cannot be built), as a watched global's neighbours
may be written in a hot loop. A store to the watched bytes is refused, which
stops the CPU at the instruction with nothing done, as a page fault would; the
stub then runs that one instruction with the page open again, so gdb stops
right after it, as with a hardware watchpoint.

Reads cannot be watched that way: Unicorn checks a page's read permission only
when it fills its TLB, so reads after the first go unseen. They take a
UC_HOOK_MEM_READ hook bounded to the watched bytes, with the slow loads that
brings, for as long as a read watchpoint exists (its CPU's translated code is
dropped when it goes). A load has no side effect, so the hook stops the CPU
after it and the instruction runs again, stepped by the stub as above.
"""
import ctypes
from ctypes import c_int, c_int64, c_uint64, c_void_p

from emu.machine import unicorn_lib as raw
from emu.machine.cpu import PROT_WRITE
from emu.machine.hostmem import PAGE_SIZE
from emu.machine.unicorn_lib import HOOK_MEM_INVALID, UC
from emu.toolchain import paths
from emu.toolchain.guestbuild import GuestBuild, ToolchainError

KIND_NAMES = {2: "watch", 3: "rwatch", 4: "awatch"}
WRITES, READS = (2, 4), (3, 4)        # the kinds that watch each
MAX_ACCESS = 8                        # the widest load that can overlap from below
HOOK_MEM = ctypes.CFUNCTYPE(None, c_void_p, c_int, c_uint64, c_int, c_int64, c_void_p)
MAX_POINTS, MAX_PAGES = 32, 64      # as in watchpoints.c


class WatchPoint(ctypes.Structure):
    _fields_ = [("address", c_uint64), ("length", c_uint64), ("kind", c_int64)]


class WatchPage(ctypes.Structure):
    _fields_ = [("address", c_uint64), ("host", c_uint64), ("perms", c_int64)]


class WatchTable(ctypes.Structure):
    """One process's watched pages and the points on them (watchpoints.c)."""
    _fields_ = [("npoints", c_int64), ("npages", c_int64),
                ("points", WatchPoint * MAX_POINTS), ("pages", WatchPage * MAX_PAGES),
                ("hit_kind", c_int64), ("hit_address", c_uint64)]


class WatchLimit(ValueError):
    """More watchpoints, or watched pages, than the hook's table holds."""


def pages_of(address: int, length: int) -> range:
    return range(address - address % PAGE_SIZE, address + length, PAGE_SIZE)


class Guarded:
    """One process's protection: the CPU it is in, the table, the hooks."""
    __slots__ = ("cpu", "table", "hooks", "reads")

    def __init__(self, cpu) -> None:
        self.cpu = cpu
        self.table = WatchTable()
        self.hooks: list[int] = []
        self.reads = False        # a read hook made slow code: drop it when it goes


class Watchpoints:
    def __init__(self, kernel, on_read_hit, native: bool = True) -> None:
        """`on_read_hit(p)` asks for the machine to stop for gdb (a read hit
        stops the CPU without a fault); native=False runs the write hook's
        logic in Python (tests, no zig)."""
        self.kernel = kernel
        self.on_read_hit = on_read_hit
        self._read_hook = HOOK_MEM(self._on_read)
        self.points: list[tuple[int, int, int]] = []      # (kind, address, length)
        self.guarded: dict[int, Guarded] = {}             # endpoint -> its protection
        self.native = native
        self._hook = None         # built at the first watchpoint, not by every -s
        self._library = None

    def _access_hook(self):
        if self._hook is None:
            if self.native:
                try:
                    lib = ctypes.CDLL(str(GuestBuild().native_library(
                        paths.NATIVE_DIR / "watchpoints.c", "watchpoints")))
                    self._library = lib
                    self._hook = ctypes.cast(lib.watch_access_hook, ctypes.c_void_p).value
                except ToolchainError:
                    self.native = False
            if self._hook is None:
                self._hook = HOOK_MEM_INVALID(self._on_access)
        return self._hook

    def __bool__(self) -> bool:
        return bool(self.points)

    def insert(self, kind: int, address: int, length: int) -> None:
        key = (kind, address, length)
        if key in self.points:
            return
        if len(self.points) == MAX_POINTS or \
                len(self._wanted() | set(pages_of(address, length))) > MAX_PAGES:
            raise WatchLimit(f"at most {MAX_POINTS} watchpoints on {MAX_PAGES} pages")
        self.points.append(key)
        self._guard_all()

    def remove(self, kind: int, address: int, length: int) -> None:
        if (kind, address, length) in self.points:
            self.points.remove((kind, address, length))
            self._guard_all()

    def remove_all(self) -> None:
        self.points.clear()
        self._guard_all()

    def hit(self, p) -> tuple[int, int] | None:
        """(kind, address) of the watched access p's CPU was stopped before."""
        g = self.guarded.get(p.endpoint)
        if g is None or g.cpu is not p.cpu or not g.table.hit_kind:
            return None
        return g.table.hit_kind, g.table.hit_address

    def clear_hits(self) -> None:
        """The machine resumes: a hit gdb never heard of (a Ctrl-C came in
        between) is forgotten; the access runs again and hits again."""
        for g in self.guarded.values():
            g.table.hit_kind = 0

    # -- protection ------------------------------------------------------------
    def _wanted(self) -> set[int]:
        """The pages watched for writes."""
        return {page for kind, address, length in self.points if kind in WRITES
                for page in pages_of(address, length)}

    def _guard_all(self) -> None:
        for p in self.kernel.procs.live():
            self.guard(p)

    def guard(self, p) -> None:
        """Protect p's watched pages as the watchpoints now stand."""
        self.open(p)
        if not self.points or p.cpu is None or p.mem is None:
            return
        g = Guarded(p.cpu)
        t = g.table
        for i, (kind, address, length) in enumerate(self.points):
            t.points[i] = WatchPoint(address, length, kind)
        t.npoints = len(self.points)
        for page in sorted(self._wanted()):
            mapping = p.mem.mapping_at(page)
            if mapping is None:
                continue            # not mapped in this process
            perms, host = mapping
            p.cpu.protect(page, PAGE_SIZE, perms & ~PROT_WRITE)
            t.pages[t.npages] = WatchPage(page, host, perms)
            t.npages += 1
            g.hooks.append(p.cpu.add_hook(UC.UC_HOOK_MEM_WRITE_PROT, self._access_hook(),
                                          ctypes.addressof(t), page, page + PAGE_SIZE - 1))
        if t.npages:                # ours first: it handles the page's other stores
            self.kernel.traps.memory_hook_last(p.cpu)
        for kind, address, length in self.points:
            if kind in READS:
                g.reads = True
                g.hooks.append(p.cpu.add_hook(UC.UC_HOOK_MEM_READ, self._read_hook,
                                              ctypes.addressof(t), max(0, address - MAX_ACCESS + 1),
                                              address + length - 1))
        p.cpu.flush_tlb()
        if g.reads:                 # code translated before has fast loads: no hook call
            p.cpu.flush_translations()
        self.guarded[p.endpoint] = g

    def open(self, p) -> None:
        """Give p's pages their own permissions back (a CPU replaced by exec
        or closed at exit needs nothing)."""
        g = self.guarded.pop(p.endpoint, None)
        if g is None or g.cpu is not p.cpu or p.cpu is None:
            return
        for h in g.hooks:
            p.cpu.remove_hook(h)
        for page in g.table.pages[:g.table.npages]:
            p.cpu.protect(page.address, PAGE_SIZE, page.perms)
        p.cpu.flush_tlb()
        if g.reads:
            p.cpu.flush_translations()

    def _on_read(self, uc, access, address, size, value, user_data) -> None:
        """A load near read-watched bytes: on a hit, stop after it (it runs again)."""
        try:
            t = WatchTable.from_address(user_data)
            for w in t.points[:t.npoints]:
                if w.kind in READS and w.address < address + size and address < w.address + w.length:
                    t.hit_kind, t.hit_address = w.kind, w.address
                    self.kernel.slicer.counters[0] = 0     # the slice ends: no fault
                    raw.uc_emu_stop(uc)
                    self.on_read_hit(self.kernel.current)
                    return
        except BaseException as e:   # noqa: BLE001 - must not unwind into C
            self.kernel.internal_error = e
            raw.uc_emu_stop(uc)

    # -- the Python write hook (when the native one cannot be built) ------------------
    def _on_access(self, uc, access, address, size, value, user_data) -> bool:
        """watchpoints.c's logic: True lets the access go ahead."""
        try:
            t = WatchTable.from_address(user_data)
            page = address - address % PAGE_SIZE
            pg = next((x for x in t.pages[:t.npages] if x.address == page), None)
            if pg is None or not pg.perms & PROT_WRITE:
                return False
            for w in t.points[:t.npoints]:
                if w.address < address + size and address < w.address + w.length \
                        and w.kind in WRITES:
                    t.hit_kind, t.hit_address = w.kind, w.address
                    return False
            n = min(size, 8, page + PAGE_SIZE - address)
            data = (value & ((1 << 64) - 1)).to_bytes(8, "little")
            ctypes.memmove(pg.host + address - page, data, n)
            return True
        except BaseException as e:   # noqa: BLE001 - must not unwind into C
            self.kernel.internal_error = e
            return False

    # -- process life --------------------------------------------------------
    def on_new_cpu(self, p) -> None:
        """fork or exec gave p a new CPU: protect its pages too."""
        self.guard(p)

    def on_exit(self, p) -> None:
        self.guarded.pop(p.endpoint, None)
