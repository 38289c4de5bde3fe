"""Software breakpoints: int3 bytes patched into every process that maps the address.

gdb sees all guest processes as threads of one program, so a breakpoint goes
into each process where the address is mapped, remembering each one's
original byte (two programs may differ there). No per-instruction hook: the
int3 traps like any other, and the CPU's translated code for that byte is
dropped (Unicorn 2.1.4 would run the stale block otherwise). A forked child
shares its parent's breakpoints and original bytes, so removing one leaves
no stray int3 in either; exec inserts them again where the new image maps
the address.
"""
from emu.kernel.addrspace import MemoryFault

INT3 = b"\xcc"


class Breakpoints:
    def __init__(self, kernel) -> None:
        self.kernel = kernel
        self.addresses: set[int] = set()
        self.saved: dict[tuple[int, int], bytes] = {}   # (endpoint, address) -> original byte

    def _patch(self, p, address: int) -> bool:
        if (p.endpoint, address) in self.saved or p.mem is None:
            return (p.endpoint, address) in self.saved
        try:
            original = p.mem.read(address, 1)
            p.mem.write(address, INT3, force=True)
        except MemoryFault:
            return False
        self.saved[(p.endpoint, address)] = original
        p.cpu.flush_code(address, address + 1)
        return True

    def insert(self, address: int) -> bool:
        """Patch every live process; False if none maps the address."""
        done = False
        for p in self.kernel.procs.live():
            done |= self._patch(p, address)
        if done:
            self.addresses.add(address)
        return done

    def remove(self, address: int) -> None:
        self.addresses.discard(address)
        for p in self.kernel.procs.live():
            original = self.saved.pop((p.endpoint, address), None)
            if original is not None and p.mem is not None:
                try:
                    p.mem.write(address, original, force=True)
                    p.cpu.flush_code(address, address + 1)
                except MemoryFault:
                    pass
        self.saved = {k: v for k, v in self.saved.items() if k[1] != address}

    def remove_all(self) -> None:
        for address in list(self.addresses):
            self.remove(address)

    def hit(self, p, eip_after: int) -> bool:
        """Did p's int3 (EIP just past it) come from one of ours?"""
        return (p.endpoint, eip_after - 1) in self.saved

    def original(self, p, address: int, data: bytes) -> bytes:
        """`data` read from p at `address` with our int3 bytes shown as the originals."""
        if not self.saved:
            return data
        out = bytearray(data)
        for a in self.addresses:
            if address <= a < address + len(data):
                b = self.saved.get((p.endpoint, a))
                if b is not None:
                    out[a - address] = b[0]
        return bytes(out)

    # -- process life --------------------------------------------------------
    def on_fork(self, parent, child) -> None:
        for a in self.addresses:
            b = self.saved.get((parent.endpoint, a))
            if b is not None:      # the child's copy holds the int3: same original
                self.saved[(child.endpoint, a)] = b

    def on_exec(self, p) -> None:
        self._forget(p)
        for a in self.addresses:
            self._patch(p, a)

    def on_exit(self, p) -> None:
        self._forget(p)

    def _forget(self, p) -> None:
        for key in [k for k in self.saved if k[0] == p.endpoint]:
            del self.saved[key]
