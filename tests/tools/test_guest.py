"""The tools inside the emulator: tests/tools/compare.sh run by our sh with
our tools must print what the host's sh prints with the host's tools; then
what only the guest can show (devices, the disk's owners, sleep in virtual
time)."""
import os
import subprocess
from pathlib import Path

import pytest

from tests.sh.guestimage import boot_c, image_with
from tests.sh.native import HOST_SH

SCRIPT = Path(__file__).with_name("compare.sh")


@pytest.fixture(scope="module")
def image(build, tmp_path_factory):
    path = tmp_path_factory.mktemp("img") / "disk.img"
    return image_with(build, path, {"/root/compare.sh": SCRIPT.read_bytes()})


@pytest.fixture
def disk(image, tmp_path):
    copy = tmp_path / "disk.img"
    copy.write_bytes(image.read_bytes())
    return copy


def test_tools_in_the_emulator_print_what_the_hosts_print(build, disk, tmp_path):
    r = boot_c(build, disk, "mkdir -p /tmp/x/work && sh /root/compare.sh /tmp/x/work")
    work = tmp_path / "x" / "work"
    work.mkdir(parents=True)
    host = subprocess.run([HOST_SH, str(SCRIPT), str(work)], capture_output=True, text=True,
                          env={"PATH": os.environ["PATH"], "LC_ALL": "C"}, timeout=60)
    assert r.lines == host.stdout.splitlines()
    assert r.status == host.returncode == 0


def test_ls_shows_devices_links_and_owners(build, disk):
    r = boot_c(build, disk, "ln -s /etc/passwd /tmp/pw; mkfifo /tmp/fifo; mknod /tmp/z c 1 5; "
                            "chown user:users /tmp/fifo; ls -l /dev/console /dev/c0d0 /tmp")
    lines = r.lines
    assert any(x.startswith("crw--w--w-") and "4,   0" in x and x.endswith("/dev/console")
               for x in lines)
    assert any(x.startswith("brw-------") and "3,   0" in x for x in lines)
    assert any(x.startswith("lrwxrwxrwx") and x.endswith("pw -> /etc/passwd") for x in lines)
    assert any(x.startswith("prw-r--r--") and " user " in x and " users " in x and
               x.endswith("fifo") for x in lines)
    assert any(x.startswith("crw-r--r--") and "1,   5" in x and x.endswith(" z") for x in lines)


def test_sleep_waits_in_virtual_time(build, disk):
    from tests.integration.fsboot import boot_disk
    r = boot_disk(build, disk, "-c", "sleep 2; echo woke", trace=("ipc",))
    assert r.lines == ["woke"]
    assert r.events[-1]["t"] >= 2_000_000_000


def test_kill_and_wait_in_the_shell(build, disk):
    r = boot_c(build, disk, "sleep 100 & kill -9 $!; wait $!; echo st=$?; kill -l 15")
    assert r.lines == ["st=137", "TERM"]


def test_ps_lists_the_processes_pm_knows(build, disk):
    r = boot_c(build, disk, "sleep 5 & su user -c ps")
    header, *rows = r.lines
    assert header.split() == ["PID", "PPID", "PGRP", "USER", "S", "CMD"]
    table = {int(x.split()[0]): x.split() for x in rows}
    assert table[1][3:] == ["root", "W", "init"]
    ps = [x for x in table.values() if x[-1] == "ps"]
    assert len(ps) == 1 and ps[0][3:5] == ["user", "R"]
    assert any(x[-1] == "sleep" and x[4] == "P" for x in table.values())   # its alarm child
    assert int(ps[0][1]) in table and table[int(ps[0][1])][-1] == "sh"
