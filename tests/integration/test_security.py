"""Who may send what: forged messages are ECALLDENIED and change nothing; a
message fuzzer leaves the system usable and the emulator standing."""
import pytest

from emu.abi.callnr import CallNr
from emu.boot import System, SystemConfig
from emu.machine.console import HostConsole
from tests.conftest import minixemu


def _clean(r):
    """No internal error: MINIXEMU_DEBUG=1 would print its traceback."""
    assert "Traceback" not in r.err and "internal error" not in r.err, r.err


def test_child_cannot_make_tty_print_its_parents_memory(guest):
    r = minixemu("run", "-d", "deny", guest("forge"), "tty_write")
    _clean(r)
    assert r.status == 0, r.out
    assert r.lines == ["child: DEV_WRITE to tty naming the parent = -104 (ECALLDENIED)"]
    assert "SECRET-OF-THE-PARENT" not in r.out
    assert "-> tty" in r.err and "SENDREC refused" in r.err


def test_parent_cannot_read_or_overwrite_its_childs_memory_through_tty(guest):
    r = minixemu("run", guest("forge"), "tty_peek")
    _clean(r)
    assert r.status == 0, r.out
    assert r.lines == ["parent: TCGETS naming the child = ECALLDENIED",
                       "parent: DEV_READ naming the child = ECALLDENIED",
                       "parent: DEV_WRITE naming the child = ECALLDENIED",
                       "child: memory unchanged"]
    assert "child-secret" not in r.out


def test_forged_pm_fork_to_vfs_is_refused(guest):
    r = minixemu("run", "-d", "deny", guest("forge"), "pm_fork")
    _clean(r)
    assert r.status == 0, r.out
    assert r.lines == ["PM_FORK to vfs = ECALLDENIED, ECALLDENIED",
                       "write after the forgery works"]
    assert r.err.count("PM_FORK refused: USER may not send it (allowed: PM)") == 2


def test_forged_pm_exit_does_not_close_the_parents_descriptors(guest):
    r = minixemu("run", guest("forge"), "pm_exit")
    _clean(r)
    assert r.status == 0, r.out
    assert r.lines == ["child: PM_EXIT naming the parent = ECALLDENIED",
                       "parent: my descriptors still work"]


def test_only_the_tty_asks_pm_about_job_control(guest):
    r = minixemu("run", "-d", "deny", guest("forge"), "jobctl")
    assert r.status == 0, r.out
    assert r.lines == ["PM_JOBCTL to pm = ECALLDENIED"]
    assert "PM_JOBCTL refused: USER may not send it (allowed: TTY)" in r.err


def test_forged_dev_revive_is_refused(guest):
    r = minixemu("run", guest("forge"), "revive")
    assert r.status == 0, r.out
    assert r.lines == ["DEV_REVIVE to vfs = ECALLDENIED"]


def test_user_processes_reach_no_driver_server_or_kernel_task(guest):
    r = minixemu("run", guest("forge"), "masks")
    _clean(r)
    assert r.status == 0, r.out
    assert "(WRONG)" not in r.out
    assert len([l for l in r.lines if l.endswith("notify -104")]) == 9
    assert "notify pm: 0, getpid still 1" in r.lines      # the IPC went; PM's table refused it
    assert "_syscall(vfs, PM_EXIT) = -1 errno ECALLDENIED" in r.lines


def test_forged_pm_setuid_leaves_vfs_credentials_alone(guest):
    """VFS keeps the uid PM told it (1000), not the 0 a forged PM_SETUID claims.
    The check runs at each later call the process makes to VFS, while it lives."""
    s = System(SystemConfig(quiet_firmware=True), HostConsole())
    seen = []

    def watch(event):
        if event["ev"] == "sendrec" and event.get("dst") == "vfs" \
                and event["src_ep"] in s.vfs.fprocs:
            fp = s.vfs.fprocs[event["src_ep"]]
            seen.append((fp.uid, fp.ruid))
    try:
        s.trace.subscribe(watch, {"ipc"})
        s.power_on()
        s.start(guest("forge").read_bytes(), ["forge", "pm_setuid"])
        assert s.run() == 0
        out = s.machine.console.take_output().decode()
        assert out.splitlines() == ["PM_SETUID(uid 0) to vfs = ECALLDENIED",
                                    "uid 1000 euid 1000"]
        # The forged request itself is the first sendrec after setuid(1000).
        assert seen[-1] == (1000, 1000) and (0, 0) not in seen[1:]
    finally:
        s.close()


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_message_fuzzer_leaves_the_system_usable(guest, seed):
    """25,000 random messages per seed (100,000 over the four): random types,
    fields, pointers and IPC calls to every endpoint. 5-7 s per seed on the
    2-core development VM, ~23 s for the four (so marked slow; CI still runs it)."""
    r = minixemu("run", guest("msgfuzz"), seed, 25000)
    _clean(r)
    assert r.status == 0, r.out[-2000:] + r.err[-2000:]
    assert f"msgfuzz: seed {seed}: 25000 messages" in r.out
    assert r.lines[-1] == "msgfuzz: still usable: getpid 1"


def test_message_fuzzer_with_every_trace_category(guest):
    """Decoding random messages for the trace must not fail either."""
    r = minixemu("run", "-d", "all", guest("msgfuzz"), 7, 2000)
    _clean(r)
    assert r.status == 0, r.out[-2000:]
    assert r.lines[-1] == "msgfuzz: still usable: getpid 1"
    assert " deny " in r.err


def test_fork_from_a_const_message_is_efault_and_makes_no_child(guest):
    r = minixemu("run", guest("badmsg"), "const_fork")
    _clean(r)
    assert r.status == 0, r.out + r.err
    assert r.lines == ["fork from a const message = -14 (EFAULT)", "children: none"]


@pytest.mark.parametrize("mode, first", [
    ("stale_fork", "sendrec with a bad message = -14 (EFAULT)"),
    ("text_fork", "sendrec with a message in the text = -14 (EFAULT)")])
def test_fork_after_a_failed_sendrec_replies_into_the_forks_message(guest, mode, first):
    r = minixemu("run", guest("badmsg"), mode)
    _clean(r)
    assert r.status == 0, r.out + r.err
    assert r.lines == [first, "send FORK = 0, child ran, status 7"]


def test_brk_back_to_the_initial_break(guest):
    r = minixemu("run", guest("badmsg"), "brk")
    assert r.status == 0, r.out + r.err
    assert r.lines == ["initial break is _end: yes", "brk back to the initial break = 0, break ok",
                       "grows again: yes"]


def test_waiting_parent_is_not_handed_an_orphan_it_did_not_ask_for(guest):
    """Found by the fuzzer: a zombie grandchild reparented to pid 1 answered
    pid 1's waitpid for another child."""
    r = minixemu("run", guest("badmsg"), "orphans")
    assert r.status == 0, r.out + r.err
    assert r.lines == ["waitpid(middle) = middle, status 6", "then the orphan: status 5"]
