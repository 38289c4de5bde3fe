"""The 36-byte MINIX message: m_source, m_type and a 28-byte union.

A Message *is* the 36 bytes (a bytearray subclass) laid out exactly as the
guest's `message`, so the kernel copies it to and from guest memory without
conversion and without a wrapper object; fields are properties named as in
MINIX (m1_i1, m2_l1, m3_ca1, ...). Build one with `Message.of(m_type, field=...)`;
`Message(raw)` copies 36 raw bytes. Creating one costs ~90 ns, a third of a
wrapper class with __init__: every system call makes two (bench/: null syscall).
"""
import struct

MESSAGE_SIZE = 36
_ZERO = bytes(MESSAGE_SIZE)

_I32 = struct.Struct("<i")
_U32 = struct.Struct("<I")
_I16 = struct.Struct("<h")
_pack_i32, _unpack_i32 = _I32.pack_into, _I32.unpack_from

# Union layouts (reference/abi.md): field name -> (offset, kind).
# kind: 'i' signed 32-bit, 'p' unsigned 32-bit pointer, 's' signed 16-bit.
LAYOUTS: dict[str, tuple[int, str]] = {
    "m_source": (0, "i"), "m_type": (4, "i"),
    "m1_i1": (8, "i"), "m1_i2": (12, "i"), "m1_i3": (16, "i"),
    "m1_p1": (20, "p"), "m1_p2": (24, "p"), "m1_p3": (28, "p"),
    "m2_i1": (8, "i"), "m2_i2": (12, "i"), "m2_i3": (16, "i"),
    "m2_l1": (20, "i"), "m2_l2": (24, "i"), "m2_p1": (28, "p"), "m2_s1": (32, "s"),
    "m3_i1": (8, "i"), "m3_i2": (12, "i"), "m3_p1": (16, "p"),
    "m4_l1": (8, "i"), "m4_l2": (12, "i"), "m4_l3": (16, "i"), "m4_l4": (20, "i"),
    "m4_l5": (24, "i"),
    "m5_s1": (8, "s"), "m5_s2": (10, "s"), "m5_i1": (12, "i"), "m5_i2": (16, "i"),
    "m5_l1": (20, "i"), "m5_l2": (24, "i"), "m5_l3": (28, "i"),
    "m7_i1": (8, "i"), "m7_i2": (12, "i"), "m7_i3": (16, "i"), "m7_i4": (20, "i"),
    "m7_i5": (24, "i"), "m7_p1": (28, "p"), "m7_p2": (32, "p"),
    "m8_i1": (8, "i"), "m8_i2": (12, "i"), "m8_p1": (16, "p"), "m8_p2": (20, "p"),
    "m8_p3": (24, "p"), "m8_p4": (28, "p"),
    # m9: the VFS <-> file-system-server requests (<minix/vfsif.h>).
    "m9_l1": (8, "i"), "m9_l2": (12, "i"), "m9_l3": (16, "i"), "m9_l4": (20, "i"),
    "m9_l5": (24, "i"), "m9_s1": (28, "s"), "m9_s2": (30, "s"), "m9_s3": (32, "s"),
    "m9_s4": (34, "s"),
}
M3_CA1_OFFSET, M3_CA1_SIZE = 20, 16


def _signed32(value: int) -> int:
    value &= 0xFFFFFFFF
    return value - 0x100000000 if value & 0x80000000 else value


def _signed16(value: int) -> int:
    value &= 0xFFFF
    return value - 0x10000 if value & 0x8000 else value


def _make_property(offset: int, kind: str) -> property:
    # Setters try the plain pack first and wrap out-of-range values only when
    # struct refuses them.
    if kind == "i":
        unpack, pack, wrap = _I32.unpack_from, _I32.pack_into, _signed32
    elif kind == "p":
        unpack, pack, wrap = _U32.unpack_from, _U32.pack_into, lambda v: v & 0xFFFFFFFF
    else:
        unpack, pack, wrap = _I16.unpack_from, _I16.pack_into, _signed16

    def get(self):
        return unpack(self, offset)[0]

    def set_(self, value):
        try:
            pack(self, offset, value)
        except struct.error:
            pack(self, offset, wrap(value))
    return property(get, set_)


class Message(bytearray):
    """One IPC message: `Message.of(GETPID)`, `Message.of(PM_EXIT, m1_i1=ep)`, `Message(raw)`."""
    __slots__ = ()

    @classmethod
    def of(cls, m_type: int = 0, **fields: int) -> "Message":
        m = cls(_ZERO)
        if m_type:
            try:
                _pack_i32(m, 4, m_type)
            except struct.error:
                _pack_i32(m, 4, _signed32(m_type))
        for name, value in fields.items():
            _SETTERS[name](m, value)
        return m

    def copy(self) -> "Message":
        return Message(self)

    @property
    def m3_ca1(self) -> bytes:
        return bytes(self[M3_CA1_OFFSET:M3_CA1_OFFSET + M3_CA1_SIZE])

    @m3_ca1.setter
    def m3_ca1(self, value: bytes) -> None:
        value = bytes(value)[:M3_CA1_SIZE]
        self[M3_CA1_OFFSET:M3_CA1_OFFSET + M3_CA1_SIZE] = value.ljust(M3_CA1_SIZE, b"\0")

    def __repr__(self) -> str:
        return f"Message(m_source={self.m_source}, m_type={self.m_type}, raw={self[8:].hex()})"


class Fields:
    """A fixed group of fields read or written in one struct call: the hot
    protocol messages (character-driver requests and replies) are built and
    taken apart this way, ~0.2 us instead of ~1 us field by field
    (bench/: UDS ping-pong). Names must be given in offset order.

        DEV_REPLY = Fields("m_type", "m2_i1", "m2_i2")
        m = DEV_REPLY.new(TASK_REPLY, endpoint, status)
        mtype, endpoint, status = DEV_REPLY.unpack(m)
        DEV_REPLY.pack_into(m, 0, TASK_REPLY, endpoint, status)   # m is the reply now

    `pack_into` (struct's, offset 0) rewrites all 36 bytes of an existing
    message, the fields given and the rest zero, without allocating one: a
    request answered in place. Its values must be in range (struct.error).
    """
    __slots__ = ("new", "unpack", "pack_into")

    def __init__(self, *names: str) -> None:
        fmt, end, wraps = "<", 0, []
        for name in names:
            at, kind = LAYOUTS[name]
            if at < end:
                raise ValueError(f"{name} overlaps or precedes the field before it")
            fmt += "x" * (at - end) + {"i": "i", "p": "I", "s": "h"}[kind]
            end = at + (2 if kind == "s" else 4)
            wraps.append(_signed16 if kind == "s" else
                         (lambda v: v & 0xFFFFFFFF) if kind == "p" else _signed32)
        whole = struct.Struct(fmt + "x" * (MESSAGE_SIZE - end))   # all 36 bytes
        self.new = _builder(whole.pack, tuple(wraps))
        self.unpack = whole.unpack_from     # (message) -> the fields' values
        self.pack_into = whole.pack_into    # (message, 0, values...): in place


def _builder(pack, wraps: tuple):
    def new(*values: int) -> Message:
        """A message with these fields set (the rest zero)."""
        try:
            return Message(pack(*values))
        except struct.error:    # out of range: wrap as the field setters do
            return Message(pack(*[w(v) for w, v in zip(wraps, values)]))
    return new


# The two header fields as plain functions, for the kernel's trap path.
def get_type(m: bytearray, _u=_unpack_i32) -> int:
    return _u(m, 4)[0]


def set_source(m: bytearray, value: int, _p=_pack_i32) -> None:
    _p(m, 0, value)


_SETTERS = {}
for _name, (_offset, _kind) in LAYOUTS.items():
    _prop = _make_property(_offset, _kind)
    setattr(Message, _name, _prop)
    _SETTERS[_name] = _prop.fset
_SETTERS["m3_ca1"] = Message.m3_ca1.fset
del _name, _offset, _kind, _prop
