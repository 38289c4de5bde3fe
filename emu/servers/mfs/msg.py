"""Named fields of MFS's messages: arg(m, REQ_GRANT) reads a request, reply() builds one.

The field names are those of emu/abi/vfsif.py and emu/abi/com.py (MINIX's
REQ_*, RES_*, DEVICE, REP_STATUS ...), read through the message layout table,
so handlers never spell raw union members.
"""
import struct

from emu.abi.message import LAYOUTS, Message

_KINDS = {"i": struct.Struct("<i"), "p": struct.Struct("<I"), "s": struct.Struct("<h")}
_READERS = {name: (_KINDS[kind].unpack_from, offset) for name, (offset, kind) in LAYOUTS.items()}


def arg(m: Message, name: str) -> int:
    unpack, offset = _READERS[name]
    return unpack(m, offset)[0]


def reply(m_type: int = 0, **fields: int) -> Message:
    """A fresh reply message: m_type OK (0), an error, or a lookup code (ESYMLINK ...)."""
    return Message.of(m_type, **fields)
