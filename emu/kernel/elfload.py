"""Loading an i386 ELF executable into a new address space, MINIX style.

PT_LOAD segments become regions (text read/execute, data read/write), bss is
zero, the break starts after the last segment, and the stack is laid out as
MINIX's exec leaves it: argc, argv[], NULL, envp[], NULL, then the strings,
with esp pointing at argc.
"""
import struct
from dataclasses import dataclass

from emu.abi.errno import Errno
from emu.kernel.addrspace import LOWEST_USER_ADDRESS, STACK_LIMIT, STACK_TOP, AddressSpace
from emu.machine.cpu import PROT_EXEC, PROT_READ, PROT_WRITE
from emu.machine.hostmem import PAGE_SIZE, page_round_up


class ExecError(Exception):
    """The file is not a runnable i386 executable (ENOEXEC), or its arguments
    do not fit (E2BIG); the message says why."""

    def __init__(self, message: str, errno: int = Errno.ENOEXEC) -> None:
        super().__init__(message)
        self.errno = int(errno)


@dataclass
class Segment:
    vaddr: int
    memsz: int
    data: bytes
    perms: int


@dataclass
class ExecImage:
    entry: int
    segments: list[Segment]

    @property
    def end(self) -> int:
        return max(s.vaddr + s.memsz for s in self.segments)


# ELF32 little-endian layouts (the System V ABI's i386 supplement).
_EHDR = struct.Struct("<16sHHIIIIIHHHHHH")   # e_ident .. e_shstrndx (52 bytes)
_PHDR = struct.Struct("<8I")                  # p_type, offset, vaddr, paddr, filesz, memsz, flags, align
_ELFCLASS32, _ELFDATA2LSB, _EM_386 = 1, 1, 3
_E_TYPES = {0: "ET_NONE", 1: "ET_REL", 2: "ET_EXEC", 3: "ET_DYN", 4: "ET_CORE"}
_PT_LOAD, _PT_INTERP = 1, 3
_PF_X, _PF_W, _PF_R = 1, 2, 4


def parse_elf(data: bytes, name: str = "program") -> ExecImage:
    """Check and decode an executable; ExecError says what is wrong with it.

    Decoded with struct rather than a general ELF library: every exec parses
    its program, and pyelftools' construct objects cost about 2 ms an exec,
    most of fork+exec+wait of /bin/true (bench/: fork+exec+wait, >= 300/s)."""
    if data[:4] != b"\x7fELF":
        raise ExecError(f"{name}: not an ELF file")
    if len(data) < _EHDR.size:
        raise ExecError(f"{name}: corrupt ELF file (truncated header)")
    (ident, e_type, machine, _version, entry, phoff, _shoff, _flags, _ehsize, phentsize,
     phnum, _shentsize, _shnum, _shstrndx) = _EHDR.unpack_from(data)
    if ident[4] != _ELFCLASS32 or ident[5] != _ELFDATA2LSB or machine != _EM_386:
        raise ExecError(f"{name}: not an i386 (32-bit x86) executable")
    if e_type != 2:
        raise ExecError(f"{name}: not a statically linked executable "
                        f"({_E_TYPES.get(e_type, e_type)})")
    if phnum and (phentsize < _PHDR.size or phoff + phnum * phentsize > len(data)):
        raise ExecError(f"{name}: corrupt ELF file (program headers outside the file)")
    segments = []
    for i in range(phnum):
        p_type, offset, vaddr, _paddr, filesz, memsz, flags, _align = \
            _PHDR.unpack_from(data, phoff + i * phentsize)
        if p_type == _PT_INTERP:
            raise ExecError(f"{name}: dynamically linked executables are not supported")
        if p_type != _PT_LOAD or memsz == 0:
            continue
        if filesz > memsz or offset + filesz > len(data):
            raise ExecError(f"{name}: corrupt program header")
        perms = (PROT_READ if flags & _PF_R else 0) | (PROT_WRITE if flags & _PF_W else 0) \
            | (PROT_EXEC if flags & _PF_X else 0)
        segments.append(Segment(vaddr, memsz, data[offset:offset + filesz], perms | PROT_READ))
    if not segments:
        raise ExecError(f"{name}: no loadable segments")
    for s in segments:
        if s.vaddr < LOWEST_USER_ADDRESS or s.vaddr + s.memsz > STACK_TOP - STACK_LIMIT:
            raise ExecError(f"{name}: segment at {s.vaddr:#x} outside the user address range")
    if not any(s.vaddr <= entry < s.vaddr + s.memsz and s.perms & PROT_EXEC for s in segments):
        raise ExecError(f"{name}: entry point {entry:#x} is not in executable code")
    return ExecImage(entry, sorted(segments, key=lambda s: s.vaddr))


def load_image(space: AddressSpace, image: ExecImage) -> None:
    """Map the segments (merging pages two segments share) and set up heap and stack."""
    pages: dict[int, int] = {}  # page -> union of permissions
    for s in image.segments:
        for page in range(s.vaddr & ~(PAGE_SIZE - 1), page_round_up(s.vaddr + s.memsz), PAGE_SIZE):
            pages[page] = pages.get(page, 0) | s.perms
    # Coalesce runs of pages with equal permissions into regions.
    run_start = run_perms = None
    prev = None
    for page in sorted(pages):
        perms = pages[page]
        if run_start is not None and (page != prev + PAGE_SIZE or perms != run_perms):
            space.add_region(run_start, prev + PAGE_SIZE - run_start, run_perms,
                             "text" if run_perms & PROT_EXEC else "data")
            run_start = None
        if run_start is None:
            run_start, run_perms = page, perms
        prev = page
    space.add_region(run_start, prev + PAGE_SIZE - run_start, run_perms,
                     "text" if run_perms & PROT_EXEC else "data")
    for s in image.segments:
        if s.data:
            space.write(s.vaddr, s.data, force=True)
    # The break starts at the end of bss, where the C library's sbrk starts
    # (_end), so brk() back to it succeeds; the heap's pages start at the next page.
    space.setup_heap(image.end)
    space.setup_stack()


def build_stack(space: AddressSpace, argv: list[bytes], envp: list[bytes]) -> int:
    """Write argc/argv/envp at the top of the stack; returns the initial esp."""
    strings = b"".join(a + b"\0" for a in argv) + b"".join(e + b"\0" for e in envp)
    vector_words = 1 + len(argv) + 1 + len(envp) + 1
    string_base = STACK_TOP - 16 - len(strings)  # keep a small gap at the very top
    esp = (string_base - vector_words * 4) & ~0xF
    if STACK_TOP - esp > STACK_LIMIT // 2:
        raise ExecError("argument list too long", Errno.E2BIG)
    if esp < space.stack_low:
        if not space.grow_stack(esp):
            raise ExecError("argument list too long", Errno.E2BIG)
    words = [len(argv)]
    pos = string_base
    for a in argv:
        words.append(pos)
        pos += len(a) + 1
    words.append(0)
    for e in envp:
        words.append(pos)
        pos += len(e) + 1
    words.append(0)
    space.write(esp, struct.pack(f"<{len(words)}I", *words))
    space.write(string_base, strings)
    return esp
