"""Named fields of MFS's messages: arg(m, REQ_GRANT) reads a request, reply() builds one.

The field names are those of emu/abi/vfsif.py and emu/abi/com.py (MINIX's
REQ_*, RES_*, DEVICE, REP_STATUS ...), read through the message layout table,
so handlers never spell raw union members.
"""
import struct

from emu.abi.message import LAYOUTS, Message
from emu.abi.vfsif import HEAD_M9_U

_KINDS = {"i": struct.Struct("<i"), "p": struct.Struct("<I"), "s": struct.Struct("<h")}
_READERS = {name: (_KINDS[kind].unpack_from, offset) for name, (offset, kind) in LAYOUTS.items()}


def arg(m: Message, name: str) -> int:
    unpack, offset = _READERS[name]
    return unpack(m, offset)[0]


_WRAP = {"i": lambda v: (v & 0xFFFFFFFF) - ((v & 0x80000000) << 1),
         "p": lambda v: v & 0xFFFFFFFF,
         "s": lambda v: (v & 0xFFFF) - ((v & 0x8000) << 1)}
_WRITERS = {name: (_KINDS[kind].pack_into, offset, _WRAP[kind])
            for name, (offset, kind) in LAYOUTS.items()}
_ZERO = bytes(36)


def reply(m_type: int = 0, **fields: int) -> Message:
    """A fresh reply message: m_type OK (0), an error, or a lookup code (ESYMLINK ...).

    Packs the fields straight into the bytes (no property per field): every
    MFS request makes one (bench: stat of a 4-component path)."""
    m = Message(_ZERO)
    if m_type == 0 and not fields:
        return m                # OK and nothing else: most requests' answer
    _WRITERS["m_type"][0](m, 4, m_type)
    for name, value in fields.items():
        pack, offset, wrap = _WRITERS[name]
        try:
            pack(m, offset, value)
        except Exception:       # struct.error: out of range for the field, wrap it
            pack(m, offset, wrap(value))
    return m


def reply_m9(m_type: int, body: list) -> Message:
    """A reply from a whole m9 body (nine values placed with vfsif.m9_index):
    one pack for the replies of the hot requests (bench: stat of a
    4-component path). The values must fit their fields unsigned."""
    m = Message(_ZERO)
    HEAD_M9_U.pack_into(m, 4, m_type, *body)
    return m
