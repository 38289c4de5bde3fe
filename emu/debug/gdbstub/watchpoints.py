"""Watchpoints (Z2 write, Z3 read, Z4 access) on guest memory.

A Unicorn memory hook restricted to the watched range, on every process
CPU, installed only while watchpoints exist: a memory hook slows all code
translated while it exists (reference/unicorn-facts.md item 11), so none is
left behind. The hook fires in the middle of an instruction, where stopping
is unsafe (item 3): it records the hit and empties the slice budget, so the
CPU stops at the next basic block and the machine stops for gdb there.
"""
import ctypes
from ctypes import c_int, c_int64, c_uint64, c_void_p

from emu.machine.unicorn_lib import UC

HOOK_MEM = ctypes.CFUNCTYPE(None, c_void_p, c_int, c_uint64, c_int, c_int64, c_void_p)
KIND_HOOKS = {2: UC.UC_HOOK_MEM_WRITE, 3: UC.UC_HOOK_MEM_READ,
              4: UC.UC_HOOK_MEM_READ | UC.UC_HOOK_MEM_WRITE}
KIND_NAMES = {2: "watch", 3: "rwatch", 4: "awatch"}


class Watchpoints:
    def __init__(self, kernel, on_hit) -> None:
        self.kernel = kernel
        self.on_hit = on_hit      # asks for the machine to stop for gdb
        self.points: dict[tuple[int, int, int], dict] = {}   # (kind, addr, len) -> {endpoint: hook}
        self.hit: tuple[object, int, int] | None = None      # (proc, kind, address)
        self._callback = HOOK_MEM(self._on_access)

    def __bool__(self) -> bool:
        return bool(self.points)

    def insert(self, kind: int, address: int, length: int) -> None:
        key = (kind, address, length)
        if key in self.points:
            return
        self.points[key] = {}
        for p in self.kernel.procs.live():
            self._hook(p, key)

    def remove(self, kind: int, address: int, length: int) -> None:
        hooks = self.points.pop((kind, address, length), {})
        for p in self.kernel.procs.live():
            h = hooks.get(p.endpoint)
            if h is not None and p.cpu is not None:
                p.cpu.remove_hook(h)

    def remove_all(self) -> None:
        for key in list(self.points):
            self.remove(*key)

    def _hook(self, p, key) -> None:
        if p.cpu is None:
            return
        kind, address, length = key
        self.points[key][p.endpoint] = p.cpu.add_hook(
            KIND_HOOKS[kind], self._callback, c_void_p(kind), address, address + length - 1)

    def _on_access(self, uc, access, address, size, value, user_data) -> None:
        try:
            p = self.kernel.current
            if p is None or self.hit is not None:
                return
            kind = 2 if access == UC.UC_MEM_WRITE else 3
            for (k, a, n) in self.points:
                if a < address + size and address < a + n and (k == 4 or k == kind):
                    self.hit = (p, k, a)
                    self.kernel.slicer.counters[0] = 0   # stop at the next block
                    self.on_hit()
                    return
        except BaseException as e:   # noqa: BLE001 - must not unwind into C
            self.kernel.internal_error = e

    # -- process life --------------------------------------------------------
    def on_new_cpu(self, p) -> None:
        """fork or exec gave p a new CPU: hook it too."""
        for key, hooks in self.points.items():
            hooks.pop(p.endpoint, None)
            self._hook(p, key)

    def on_exit(self, p) -> None:
        for hooks in self.points.values():
            hooks.pop(p.endpoint, None)
