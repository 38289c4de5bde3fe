"""The kernel end to end, in process: exec, timers and idle time jumps, deadlock."""
import time

from emu.abi import endpoints as ep
from emu.abi.errno import Errno
from emu.abi.message import Message
from emu.kernel.proc import RTS
from emu.machine.unicorn_lib import X86
from emu.boot import System, SystemConfig
from emu.machine.console import HostConsole
from emu.machine.clock import NS_PER_SECOND


def _system():
    s = System(SystemConfig(quiet_firmware=True), HostConsole())
    s.power_on()
    return s


def test_exec_replaces_the_image(guest):
    s = _system()
    try:
        endpoint = s.start(guest("args").read_bytes(), ["args", "1"])
        cpus = s.kernel.live_cpus
        s.kernel.sys.exec(endpoint, guest("forks").read_bytes(), [b"forks", b"3"], [], "forks")
        assert s.kernel.live_cpus == cpus          # the old CPU was closed
        assert s.run() == 0
        assert s.machine.console.take_output() == b"3 forks ok\n"
        assert s.kernel.live_cpus == 0
    finally:
        s.close()


def _run_until(s, done) -> None:
    """Run slices until `done()` (the kernel's main loop, one step at a time)."""
    for _ in range(10_000):
        if done():
            return
        p = s.kernel.sched.pick()
        if p is None:
            s.kernel.idle()
        else:
            s.kernel.run_slice(p)
    raise AssertionError("condition never reached")


def test_exec_keeps_the_endpoint_for_its_ipc_partners(guest):
    """A child blocked sending to its parent keeps waiting across the parent's
    exec (same endpoint), and the new image answers it: no EDEADSRCDST."""
    s = _system()
    try:
        parent_ep = s.start(guest("execpeer").read_bytes(), ["execpeer", "client"])
        k = s.kernel

        def child_blocked():
            return any(p.flags & RTS.SENDING and p.sendto == parent_ep for p in k.procs.live())
        _run_until(s, child_blocked)
        s.kernel.sys.exec(parent_ep, guest("execpeer").read_bytes(),
                          [b"execpeer", b"server"], [], "execpeer")
        assert child_blocked()
        assert s.run() == 0
        assert s.machine.console.take_output().decode().splitlines() == [
            "server: request 21", "child: sendrec = 0, reply 42",
            "server: child reaped, status 0"]
    finally:
        s.close()


def test_a_bad_receive_buffer_is_the_receivers_efault(guest):
    """A message delivered from outside the receiver's trap into a buffer that
    is no longer writable fails for the receiver (EFAULT), not the emulator."""
    s = _system()
    try:
        endpoint = s.start(guest("execpeer").read_bytes(), ["execpeer", "client"])
        p = s.kernel.procs.lookup(endpoint)
        k = s.kernel
        _run_until(s, lambda: any(q.flags & RTS.SENDING for q in k.procs.live()))
        # Make the parent wait for a message with a buffer in its text.
        s.kernel.sched.unready(p)
        p.flags |= RTS.RECEIVING
        p.getfrom = ep.ANY
        p.msg_addr = 0x08048000
        assert s.kernel.sys.send(ep.PM, endpoint, Message.of(0)) == 0
        assert not p.flags & RTS.RECEIVING
        assert p.cpu.reg(X86.UC_X86_REG_EAX) == (-Errno.EFAULT) & 0xFFFFFFFF
    finally:
        s.close()


def test_idle_time_jumps_to_the_next_timer(guest, build, tmp_path):
    src = tmp_path / "wait_clock.c"
    src.write_text(
        '#include <stdio.h>\n#include <minix/com.h>\n#include <minix/ipc.h>\n'
        'int main(void) { message m; int r = _receive(CLOCK, &m, 0);\n'
        '  printf("woken by %d: %s\\n", m.m_source, r == 0 && m.m_type == NOTIFY_MESSAGE ? "notify" : "?");\n'
        '  return 0; }\n')
    elf = build.program([src], tmp_path / "wait_clock")
    s = _system()
    try:
        endpoint = s.start(elf.read_bytes(), ["wait_clock"])
        s.kernel.sys.set_alarm(endpoint, 60 * 600)     # ten virtual minutes
        t0 = time.perf_counter()
        assert s.run() == 0
        assert time.perf_counter() - t0 < 5          # sleeping costs no wall time
        assert s.machine.console.take_output() == f"woken by {ep.CLOCK}: notify\n".encode()
        assert s.kernel.clock_task.uptime >= 60 * 600
        assert s.machine.clock.now >= 599 * NS_PER_SECOND   # a PIT tick is 19886 clocks, not 1/60 s
    finally:
        s.close()


def test_deadlock_halts_with_a_diagnosis(guest, build, tmp_path):
    src = tmp_path / "stuck.c"
    src.write_text('#include <minix/com.h>\n#include <minix/ipc.h>\n'
                   'int main(void) { message m; _receive(ANY, &m, 0); return 0; }\n')
    elf = build.program([src], tmp_path / "stuck")
    s = _system()
    try:
        s.start(elf.read_bytes(), ["stuck"])
        assert s.run() == 1
        assert s.kernel.halt_reason.startswith("deadlock")
        assert "stuck[1] receiving from ANY" in s.kernel.halt_reason
    finally:
        s.close()
