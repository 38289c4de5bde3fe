"""Each tool, built natively from guest/bin, against the host's POSIX tools:
the same script (tests/tools/compare.sh, run by the host's sh) must print the
same with either set first on PATH. Then the details the script cannot
compare (ls -l fields, kill -l) are checked on our tools alone."""
import os
import subprocess
from pathlib import Path

import pytest

from tests.sh.native import BIN, HOST_SH, build_native, cc

pytestmark = pytest.mark.skipif(cc() is None, reason="no host C compiler")
SCRIPT = Path(__file__).with_name("compare.sh")
TOOLS = sorted(p.stem for p in BIN.glob("*.c") if p.stem not in ("halt", "ps"))   # guest-only


@pytest.fixture(scope="module")
def tools(tmp_path_factory):
    out = tmp_path_factory.mktemp("tools")
    for name in TOOLS:
        build_native(out, name)
    return out


def run_script(tmp_path: Path, path_first: Path | None) -> subprocess.CompletedProcess:
    work = tmp_path / ("ours" if path_first else "host") / "work"
    work.mkdir(parents=True)
    env = {"PATH": (f"{path_first}:" if path_first else "") + os.environ["PATH"], "LC_ALL": "C"}
    return subprocess.run([HOST_SH, str(SCRIPT), str(work)], capture_output=True, text=True,
                          env=env, timeout=60)


def test_tools_behave_like_the_hosts(tools, tmp_path):
    ours = run_script(tmp_path, tools)
    host = run_script(tmp_path, None)
    assert host.returncode == 0, host.stderr
    assert ours.stdout.splitlines() == host.stdout.splitlines()
    assert ours.returncode == host.returncode
    assert "== misc" in ours.stdout


def test_ls_long_format(tools, tmp_path):
    (tmp_path / "file").write_bytes(b"12345")
    (tmp_path / "dir").mkdir()
    os.symlink("file", tmp_path / "link")
    os.mkfifo(tmp_path / "fifo")
    os.chmod(tmp_path / "file", 0o640)
    p = subprocess.run([str(tools / "ls"), "-l", str(tmp_path)], capture_output=True, text=True)
    assert p.returncode == 0
    lines = p.stdout.splitlines()
    assert lines[0].startswith("total ")
    by_name = {line.split()[-1] if "->" not in line else line.split()[-3]: line
               for line in lines[1:]}
    assert sorted(by_name) == ["dir", "fifo", "file", "link"]
    assert by_name["file"].startswith("-rw-r----- ") and " 5 " in by_name["file"]
    assert by_name["dir"].startswith("d")
    assert by_name["fifo"].startswith("p")
    assert by_name["link"].startswith("l") and by_name["link"].endswith("link -> file")
    p = subprocess.run([str(tools / "ls"), "-l", "/dev/null"], capture_output=True, text=True)
    assert p.stdout.startswith("crw-rw-rw-") and "1,   3 " in p.stdout


def test_ls_all_and_directory_itself(tools, tmp_path):
    (tmp_path / ".hidden").write_text("")
    (tmp_path / "shown").write_text("")
    ls = str(tools / "ls")
    assert subprocess.run([ls, str(tmp_path)], capture_output=True, text=True).stdout == "shown\n"
    out = subprocess.run([ls, "-a", str(tmp_path)], capture_output=True, text=True).stdout
    assert out.split() == [".", "..", ".hidden", "shown"]
    out = subprocess.run([ls, "-d", str(tmp_path)], capture_output=True, text=True).stdout
    assert out == f"{tmp_path}\n"
    p = subprocess.run([ls, str(tmp_path / "missing")], capture_output=True, text=True)
    assert p.returncode != 0 and "missing" in p.stderr


def test_kill_lists_and_signals(tools):
    kill = str(tools / "kill")
    out = subprocess.run([kill, "-l"], capture_output=True, text=True).stdout.split()
    assert out[:2] == ["HUP", "INT"] and "TERM" in out and "KILL" in out
    assert subprocess.run([kill, "-l", "137"], capture_output=True, text=True).stdout == "KILL\n"
    victim = subprocess.Popen(["sleep", "30"])
    assert subprocess.run([kill, "-TERM", str(victim.pid)]).returncode == 0
    assert victim.wait(timeout=10) == -15
    victim = subprocess.Popen(["sleep", "30"])
    assert subprocess.run([kill, "-9", str(victim.pid)]).returncode == 0
    assert victim.wait(timeout=10) == -9
    assert subprocess.run([kill, "-NOSUCH", "1"], capture_output=True).returncode == 1


def test_chown_by_name_and_number_is_checked(tools, tmp_path):
    f = tmp_path / "f"
    f.write_text("")
    uid, gid = os.getuid(), os.getgid()
    assert subprocess.run([str(tools / "chown"), f"{uid}:{gid}", str(f)]).returncode == 0
    p = subprocess.run([str(tools / "chown"), "no-such-user-xyz", str(f)], capture_output=True,
                       text=True)
    assert p.returncode == 1 and "unknown user" in p.stderr


def test_id_matches_the_process(tools):
    out = subprocess.run([str(tools / "id"), "-u"], capture_output=True, text=True).stdout
    assert out == f"{os.geteuid()}\n"
