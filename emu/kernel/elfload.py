"""Loading an i386 ELF executable into a new address space, MINIX style.

PT_LOAD segments become regions (text read/execute, data read/write), bss is
zero, the break starts after the last segment, and the stack is laid out as
MINIX's exec leaves it: argc, argv[], NULL, envp[], NULL, then the strings,
with esp pointing at argc.
"""
import io
import struct
from dataclasses import dataclass

from elftools.common.exceptions import ELFError
from elftools.elf.constants import P_FLAGS
from elftools.elf.elffile import ELFFile

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


def parse_elf(data: bytes, name: str = "program") -> ExecImage:
    """Check and decode an executable; ExecError says what is wrong with it."""
    if data[:4] != b"\x7fELF":
        raise ExecError(f"{name}: not an ELF file")
    try:
        elf = ELFFile(io.BytesIO(data))
        if elf.elfclass != 32 or elf["e_machine"] != "EM_386":
            raise ExecError(f"{name}: not an i386 (32-bit x86) executable")
        if elf["e_type"] != "ET_EXEC":
            raise ExecError(f"{name}: not a statically linked executable ({elf['e_type']})")
        segments = []
        for seg in elf.iter_segments():
            if seg["p_type"] == "PT_INTERP":
                raise ExecError(f"{name}: dynamically linked executables are not supported")
            if seg["p_type"] != "PT_LOAD" or seg["p_memsz"] == 0:
                continue
            flags = seg["p_flags"]
            perms = (PROT_READ if flags & P_FLAGS.PF_R else 0) \
                | (PROT_WRITE if flags & P_FLAGS.PF_W else 0) \
                | (PROT_EXEC if flags & P_FLAGS.PF_X else 0)
            if seg["p_filesz"] > seg["p_memsz"]:
                raise ExecError(f"{name}: corrupt program header")
            segments.append(Segment(seg["p_vaddr"], seg["p_memsz"], seg.data(), perms | PROT_READ))
        entry = elf["e_entry"]
    except ELFError as e:
        raise ExecError(f"{name}: corrupt ELF file ({e})") from None
    except (struct.error, ValueError, KeyError) as e:
        raise ExecError(f"{name}: corrupt ELF file ({e})") from None
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
