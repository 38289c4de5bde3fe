"""MFS over the real disk driver (emu/servers/disk) and the IDE model: a powered-on
system with an image file, the test acting as VFS. Writes reach the file on sync."""
import shutil
import subprocess
import time

import pytest

from emu.abi.errno import Errno
from emu.boot import System, SystemConfig
from emu.image.mkimage import build_image, partition_bytes
from emu.image.tree import File, Tree
from emu.machine.console import HostConsole
from tests.servers.mfs.conftest import sample_tree
from tests.servers.mfs.harness import Bench

FSCK = shutil.which("fsck.minix") or "/sbin/fsck.minix"


@pytest.fixture
def system_on():
    systems = []

    def make(image):
        system = System(SystemConfig(disk=image, quiet_firmware=True), HostConsole())
        system.power_on()
        systems.append(system)
        bench = Bench(None, minor=1, kernel=system.kernel)
        r = bench.readsuper()
        assert r.status == 0, bench.mfs.last_error
        return system, bench
    yield make
    for system in systems:
        if not system.machine.disk or not system.machine.disk.closed:
            system.close()


def test_read_write_sync_over_the_ata_driver(tmp_path, system_on):
    img = build_image(tmp_path / "disk.img", 16, sample_tree())
    system, b = system_on(img)
    assert b.read_file("/etc/passwd") == b"root:x:0:0:root:/root:/bin/sh\n"
    assert b.read_file("/big") == bytes(i % 251 for i in range(300_000))
    data = bytes(range(256)) * 3000
    b.write_file("/tmp/new", data)
    assert b.unlink(b.resolve("/etc"), "rc").status == 0
    assert b.mfs.shutdown() == ""            # what the system calls at power-off
    system.close()
    part = tmp_path / "part.img"
    part.write_bytes(partition_bytes(img.read_bytes()))
    if shutil.os.path.exists(FSCK):
        r = subprocess.run([FSCK, "-fl", str(part)], capture_output=True, text=True)
        assert r.returncode == 0, r.stdout + r.stderr
        assert "/tmp/new" in r.stdout and "/etc/rc" not in r.stdout
    system2, b2 = system_on(img)
    assert b2.read_file("/tmp/new") == data
    assert b2.lookup("/etc/rc").status == -Errno.ENOENT


def test_a_missing_partition_fails_the_mount(tmp_path):
    img = build_image(tmp_path / "disk.img", 4, Tree())
    system = System(SystemConfig(disk=img, quiet_firmware=True), HostConsole())
    system.power_on()
    try:
        b = Bench(None, kernel=system.kernel)
        r = b.readsuper(minor=3)               # p2: no such partition
        assert r.status < 0
        assert "cannot open the device" in b.mfs.last_error
    finally:
        system.close()


def test_sequential_read_speed(tmp_path, system_on):
    """A 16 MiB file read cold in 64 KiB requests through MFS, the driver and the IDE model."""
    t = Tree()
    t.add("/f", File(data=bytes(range(256)) * 65536))
    img = build_image(tmp_path / "disk.img", 24, t)
    system, b = system_on(img)
    ino = b.resolve("/f")
    start = time.perf_counter()
    pos = 0
    while True:
        r = b.read(ino, pos, 65536)
        if not r.data:
            break
        pos += len(r.data)
    elapsed = time.perf_counter() - start
    assert pos == 16 << 20
    print(f"\nMFS + ATA driver + IDE: 16 MiB cold in {elapsed:.3f} s = "
          f"{16 / elapsed:.0f} MB/s")
    b.putnode(ino)
