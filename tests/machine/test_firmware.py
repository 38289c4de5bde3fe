"""The firmware: banner, IDENTIFY model, partition table and file system probing."""
import pytest

from emu.abi.bootparams import DiskStatus
from emu.boot import System, SystemConfig
from emu.machine.console import HostConsole
from tests import diskimages
from tests.conftest import minixemu


def boot(disk=None, quiet=False):
    console = HostConsole()
    system = System(SystemConfig(disk=disk, quiet_firmware=quiet), console)
    try:
        params = system.power_on()
        return params, console.take_output().decode().replace("\r\n", "\n")
    finally:
        system.close()


def test_banner_without_disk():
    params, out = boot()
    assert out.splitlines() == ["minixemu firmware 0.1 (i386)", "memory: 64 MiB", "ide0: no disk"]
    assert params.disk_status == DiskStatus.NO_DISK
    assert params.mem_kb == 64 * 1024


def test_partitioned_disk(tmp_path):
    params, out = boot(diskimages.partitioned(tmp_path / "p.img"))
    lines = out.splitlines()
    assert lines[0] == "minixemu firmware 0.1 (i386)"
    assert lines[2] == "ide0: MINIXEMU HARDDISK, 8192 sectors (4 MiB)"
    assert lines[3] == "ide0p0: MINIX v3 file system, block size 4096"
    assert params.disk_status == DiskStatus.FS_IN_PARTITION
    assert (params.root_partition, params.root_lba, params.root_sectors) == (0, 63, 8192 - 63)
    assert params.model == "MINIXEMU HARDDISK"
    assert params.disk_sectors == 8192 and params.heads == 16 and params.sectors_per_track == 63
    assert params.partitions[4] == 0x81


def test_whole_disk_file_system(tmp_path):
    params, out = boot(diskimages.whole_disk(tmp_path / "w.img"))
    assert "ide0: MINIX v3 file system on the whole disk" in out
    assert params.disk_status == DiskStatus.FS_ON_WHOLE_DISK
    assert params.root_partition == 0xFFFF and params.fs_block_size == 1024


def test_linux_made_file_system(tmp_path):
    img = diskimages.linux_minix_fs(tmp_path / "linux.img")
    if img is None:
        pytest.skip("mkfs.minix is not installed")
    params, out = boot(img)
    assert params.disk_status == DiskStatus.FS_ON_WHOLE_DISK
    assert params.fs_magic == 0x4D5A


def test_partition_without_minix_file_system(tmp_path):
    params, out = boot(diskimages.partitioned(tmp_path / "fat.img", ptype=0x0C))
    assert params.disk_status == DiskStatus.NO_FILE_SYSTEM
    assert "boot: no MINIX v3 file system in ide0's partitions" in out


def test_garbage_disk_is_one_clear_line(tmp_path):
    params, out = boot(diskimages.garbage(tmp_path / "g.img"))
    assert params.disk_status == DiskStatus.NO_PARTITION_TABLE
    errors = [l for l in out.splitlines() if l.startswith("boot:")]
    assert errors == ["boot: ide0 has no valid partition table and no MINIX file system"]


def test_quiet_boot_prints_only_errors(tmp_path):
    _, out = boot(diskimages.partitioned(tmp_path / "p.img"), quiet=True)
    assert out == ""
    _, out = boot(diskimages.garbage(tmp_path / "g.img"), quiet=True)
    assert out == "boot: ide0 has no valid partition table and no MINIX file system\n"


def test_cli_shows_banner_and_model_with_disk(tmp_path, guest):
    """The firmware's banner and the disk's model; the disk's fake file system
    then fails to mount, in one line."""
    img = diskimages.partitioned(tmp_path / "p.img")
    r = minixemu("run", "-v", "--disk", img, guest("args"))
    assert r.lines[0] == "minixemu firmware 0.1 (i386)"
    assert "ide0: MINIXEMU HARDDISK, 8192 sectors (4 MiB)" in r.lines
    assert r.status == 1
    assert len(r.err.splitlines()) == 1 and r.err.startswith("minixemu: cannot mount the root")


def test_cli_garbage_disk_is_reported_and_nothing_runs(tmp_path, guest):
    r = minixemu("run", "--disk", diskimages.garbage(tmp_path / "g.img"), guest("args"), "4")
    assert r.status == 1
    assert r.lines == ["boot: ide0 has no valid partition table and no MINIX file system"]
    assert r.err == ("minixemu: no root file system: the disk has neither a partition table "
                     "nor a MINIX file system\n")
