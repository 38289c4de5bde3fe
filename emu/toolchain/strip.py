"""Strip a static i386 ELF executable to what the loader needs, like `strip`.

zig's objcopy cannot strip these (it answers "unimplemented"), and nothing
else is needed: a static executable runs from its program headers alone, and
the debug sections and symbols sit after the loadable segments. So the copy
keeps the bytes up to the end of the last segment and drops the section
header table. Disk images hold stripped programs (a tenth of the size); gdb
reads the symbols from the originals.
"""
import struct

_EHDR = struct.Struct("<16sHHIIIIIHHHHHH")   # e_ident .. e_shstrndx (ELF32)
_PHDR = struct.Struct("<IIIIIIII")           # p_type, p_offset, ..., p_align


class StripError(ValueError):
    pass


def strip_elf(data: bytes) -> bytes:
    if len(data) < _EHDR.size or data[:4] != b"\x7fELF" or data[4] != 1 or data[5] != 1:
        raise StripError("not a little-endian ELF32 file")
    (ident, etype, machine, version, entry, phoff, shoff, flags, ehsize, phentsize, phnum,
     shentsize, shnum, shstrndx) = _EHDR.unpack_from(data)
    if phentsize != _PHDR.size or phoff + phnum * phentsize > len(data):
        raise StripError("bad program header table")
    end = phoff + phnum * phentsize
    for i in range(phnum):
        _, offset, _, _, filesz, _, _, _ = _PHDR.unpack_from(data, phoff + i * phentsize)
        end = max(end, offset + filesz)
    if end > len(data):
        raise StripError("a segment runs past the end of the file")
    out = bytearray(data[:end])
    _EHDR.pack_into(out, 0, ident, etype, machine, version, entry, phoff, 0, flags, ehsize,
                    phentsize, phnum, shentsize, 0, 0)
    return bytes(out)
