"""The kernel end to end, in process: exec, timers and idle time jumps, deadlock."""
import time

from emu.abi import endpoints as ep
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
