"""Time of day and process times, from the virtual clock (time.c)."""
from emu.abi.fcntl import HZ
from emu.abi.message import Message


def now(pm) -> tuple[int, int]:
    """(seconds, microseconds) since 1970 on the virtual clock."""
    ticks = pm.sys.uptime()
    seconds = pm.sys.boot_time() + ticks // HZ
    micro = (ticks % HZ) * 1_000_000 // HZ
    return seconds, micro


def do_time(pm, m: Message):
    return Message.of(0, m2_l1=now(pm)[0])


def do_gettimeofday(pm, m: Message):
    sec, usec = now(pm)
    return Message.of(0, m2_l1=sec, m2_l2=usec)


def do_times(pm, m: Message):
    ticks = pm.sys.uptime()
    return Message.of(0, m4_l5=ticks)
