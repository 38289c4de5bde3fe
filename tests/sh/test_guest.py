"""The shell inside the emulator, booted from the default image: init's
`sh -c`, the generated 1,000-line script (with pipelines of the guest's text
tools) against the host's sh, #! scripts through exec, the console shell, halt."""
import subprocess

import pytest

from tests.sh import gen_script
from tests.sh.guestimage import boot_c, image_with
from tests.sh.native import HOST_SH


SEED = 11


@pytest.fixture(scope="module")
def image(build, tmp_path_factory):
    path = tmp_path_factory.mktemp("img") / "disk.img"
    script = gen_script.generate(seed=SEED, lines=1000, pipelines=True).encode()
    return image_with(build, path, {"/root/gen.sh": script})


@pytest.fixture
def disk(image, tmp_path):
    copy = tmp_path / "disk.img"
    copy.write_bytes(image.read_bytes())
    return copy


def test_boot_c_runs_the_command_in_root_and_exits_with_its_status(build, disk):
    r = boot_c(build, disk, "echo hi; pwd; id -u; ls /tmp; echo $((6 * 7)) \"$(echo sub)\"; exit 7")
    assert r.status == 7
    assert r.lines == ["hi", "/", "0", "42 sub"]


@pytest.mark.slow
def test_generated_script_matches_the_host_sh(build, disk, tmp_path):
    """Issue 7: a 1,000-line script (assignments, pipelines, redirections,
    here-documents, conditionals, loops, functions, $(...), arithmetic) run
    by the guest's sh prints, byte for byte, what the host's sh prints."""
    r = boot_c(build, disk, "mkdir /tmp/w && sh /root/gen.sh /tmp/w; echo status=$?")
    script = tmp_path / "gen.sh"
    script.write_text(gen_script.generate(seed=SEED, lines=1000, pipelines=True))
    assert script.read_text().count("|") > 150
    (tmp_path / "w").mkdir()
    host = subprocess.run([HOST_SH, str(script), str(tmp_path / "w")], capture_output=True,
                          text=True, timeout=60)
    assert host.returncode == 0, host.stderr
    assert r.out == host.stdout + "status=0\n"
    assert len(r.lines) > 700


def test_files_written_by_the_shell_persist_on_disk(build, disk):
    r = boot_c(build, disk, "echo kept > /root/note; mkdir -p /root/a/b; sync")
    assert r.status == 0
    r = boot_c(build, disk, "cat /root/note; ls /root/a")
    assert (r.status, r.lines) == (0, ["kept", "b"])


def test_shebang_scripts_run_through_exec(build, disk):
    r = boot_c(build, disk, "printf '#!/bin/sh -e\\necho \"$0 $1 $-\"\\nexit 5\\n' > /tmp/s; "
                            "chmod +x /tmp/s; env /tmp/s arg; echo st=$?; "
                            "printf '#!/bin/nonesuch\\n' > /tmp/u; chmod +x /tmp/u; "
                            "env /tmp/u 2>/dev/null; echo st=$?")
    assert r.lines == ["/tmp/s arg e", "st=5", "st=127"]


def test_console_shell_reads_commands_and_exit_ends_the_session(build, disk):
    from tests.integration.fsboot import boot_disk
    r = boot_disk(build, disk, stdin=b"x=5\nif [ $x -gt 3 ]; then\n echo big\nfi\nexit 4\n")
    assert r.status == 4
    assert "big" in r.lines


def test_halt_syncs_and_powers_off_with_status_0(build, disk):
    r = boot_c(build, disk, "echo before > /root/h; halt; echo not-reached")
    assert r.status == 0 and "halt" in r.reason
    assert "not-reached" not in r.out
    r = boot_c(build, disk, "cat /root/h")
    assert r.lines == ["before"]


def test_halt_is_root_only(build, disk):
    r = boot_c(build, disk, "su user -c halt; echo st=$?")
    assert r.lines[-1] == "st=1" and "Operation not permitted" in r.out


def test_su_runs_the_shell_as_another_user(build, disk):
    r = boot_c(build, disk, "su user -c 'id; echo $HOME; touch /root/x'; echo st=$?")
    # (gid_t is a char in 3.1.8's ABI: the image's gid 1000 does not fit, so only the uid)
    assert r.lines[0].startswith("uid=1000(user) ")
    assert r.lines[1] == "/home/user"
    assert r.lines[-1] == "st=1"


def test_pipelines(build, disk):
    r = boot_c(build, disk, "echo hi | cat > /tmp/f; cat /tmp/f; echo b a | tr ' ' '\\n' | sort")
    assert r.lines == ["hi", "a", "b"]


def test_issue_7s_pipeline_gives_the_same_output_and_trace_every_run(build, image, tmp_path):
    """Issue 7's first 'done when': a pipeline into a file, the listing, exit 7."""
    runs = []
    for i in range(2):
        disk = tmp_path / f"p{i}.img"
        disk.write_bytes(image.read_bytes())
        r = boot_c(build, disk, "echo hi | cat > /tmp/f; cat /tmp/f; ls -l /tmp; exit 7",
                   trace=("ipc",))
        runs.append((r.status, r.out, [(e["t"], e["ev"], e.get("src"), e.get("dst"))
                                       for e in r.events]))
    assert runs[0] == runs[1]
    status, out, _ = runs[0]
    lines = out.splitlines()
    assert status == 7 and lines[0] == "hi"
    assert any(line.startswith("-rw") and line.endswith(" f") for line in lines[1:])


def test_same_output_and_trace_every_run(build, image, tmp_path):
    runs = []
    for i in range(2):
        disk = tmp_path / f"d{i}.img"
        disk.write_bytes(image.read_bytes())
        r = boot_c(build, disk, "echo hi > /tmp/f; cat /tmp/f; ls -l /tmp; exit 7", trace=("ipc",))
        runs.append((r.status, r.out, [(e["t"], e["ev"], e.get("src"), e.get("dst"))
                                       for e in r.events]))
    assert runs[0] == runs[1]
    assert runs[0][0] == 7 and runs[0][1].startswith("hi\n")


def test_console_shell_prompts_when_the_console_is_a_terminal(build, disk):
    """`# ` for root, `$ ` for another user, on a console the TTY calls a terminal."""
    from emu.boot import System, SystemConfig
    from emu.machine.console import HostConsole
    console = HostConsole(input_data=b"echo hello\nsu user\necho as user\nexit\nexit 3\n",
                          interactive=True)
    system = System(SystemConfig(disk=disk, quiet_firmware=True), console, build=build)
    try:
        system.power_on(require_root=True)
        system.start_from_disk([])
        status = system.run()
    finally:
        system.close()
    # A terminal echoes (CR LF) what is typed when it arrives: here all of it
    # at once, typed ahead of the first prompt's command.
    assert console.take_output() == (b"# echo hello\r\nsu user\r\necho as user\r\nexit\r\n"
                                     b"exit 3\r\nhello\r\n# $ as user\r\n$ # ")
    assert status == 3
