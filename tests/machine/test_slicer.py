"""The preemption budget: native and Python slicers count the same blocks."""
from emu.boot import System, SystemConfig
from emu.machine.console import HostConsole


def _run_spin(guest, native: bool):
    system = System(SystemConfig(quiet_firmware=True, native_slicer=native), HostConsole())
    assert system.slicer.native == native
    events = []
    system.trace.subscribe(events.append, {"sched", "proc"})
    try:
        system.power_on()
        system.start(guest("spin").read_bytes(), ["spin", "4", "150000"])
        assert system.run() == 0
        return system.machine.console.take_output(), events, system.machine.clock.now
    finally:
        system.close()


def test_python_fallback_matches_native_exactly(guest):
    native = _run_spin(guest, native=True)
    fallback = _run_spin(guest, native=False)
    assert native == fallback            # same output, same switches at the same times
    assert any(e["ev"] == "switch" for e in native[1])
