"""brk: growing and shrinking a process's data segment (alloc.c / break.c)."""
from emu.abi.message import Message


def do_brk(pm, m: Message):
    mp = pm.caller(m)
    new_brk = pm.sys.brk(mp.endpoint, m.m1_p1)
    return Message.of(0, m2_p1=new_brk)
