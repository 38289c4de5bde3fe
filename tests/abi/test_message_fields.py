"""message.Fields: several fields packed or read in one step, the same bytes
as setting them one by one through the properties."""
import pytest

from emu.abi.com import DEV_REPLY, DEV_REQUEST
from emu.abi.message import Fields, Message


def test_a_driver_request_is_the_same_bytes_as_field_by_field():
    m = DEV_REQUEST.new(0x403, 5, 35560, 1, 4096, 7, 0xBFFFE26C, 1)
    ref = Message.of(0x403, m2_i1=5, m2_i2=35560, m2_i3=1, m2_l1=4096, m2_l2=7,
                     m2_p1=0xBFFFE26C, m2_s1=1)
    assert m == ref and isinstance(m, Message) and len(m) == 36
    assert DEV_REQUEST.unpack(m) == (0x403, 5, 35560, 1, 4096, 7, 0xBFFFE26C, 1)


def test_out_of_range_values_wrap_as_the_properties_do():
    m = DEV_REPLY.new(0x500, 2**32 - 5, -998)
    assert (m.m_type, m.m2_i1, m.m2_i2) == (0x500, -5, -998)
    pointer = Fields("m1_p1").new(-1)
    assert pointer.m1_p1 == 0xFFFFFFFF


def test_fields_with_gaps_leave_the_rest_zero():
    f = Fields("m_source", "m1_i2", "m1_p1")
    m = f.new(9, -3, 0x1000)
    assert (m.m_source, m.m_type, m.m1_i1, m.m1_i2, m.m1_i3, m.m1_p1) == (9, 0, 0, -3, 0, 0x1000)
    assert f.unpack(m) == (9, -3, 0x1000)


def test_fields_out_of_offset_order_are_refused():
    with pytest.raises(ValueError):
        Fields("m1_i2", "m1_i1")
