"""fork: separate memory, exit status through waitpid, no leaks over many forks."""
from emu.boot import System, SystemConfig
from emu.machine.console import HostConsole
from tests.conftest import minixemu


def test_child_has_its_own_memory_and_status(guest):
    r = minixemu("run", guest("forks"))
    assert r.status == 0, r.out
    assert r.lines == ["child: pid new, ppid parent, globals 2/20",
                       "parent: child exited 42, globals 1/10"]


def test_hundred_forks_leave_nothing_behind(guest):
    console = HostConsole()
    system = System(SystemConfig(quiet_firmware=True), console)
    try:
        system.power_on()
        system.start(guest("forks").read_bytes(), ["forks", "100"])
        kernel = system.kernel
        status = system.run()
        assert status == 0
        assert console.take_output().strip() == b"100 forks ok"
        assert kernel.live_cpus == 0                  # every Unicorn instance closed
        assert kernel.memory.used == 0                # every guest page given back
        assert not list(kernel.procs.live())
        # Only the first process is left, as the zombie whose exit ended the run.
        assert list(system.pm.procs.by_pid) == [1] and system.pm.procs.by_pid[1].zombie
        assert not system.vfs.fprocs
        assert kernel.pool.pooled_bytes <= 64 << 20   # recycled, bounded
    finally:
        system.close()
