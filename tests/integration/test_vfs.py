"""The file system from the guest: every call with its errors, as root and as
uid 1000, devices, persistence with fsck.minix, and what `-d ipc` shows."""
import io
import shutil
import subprocess

import pytest

from emu.debug.textlog import TextTrace
from tests.integration.fsboot import boot_disk, fresh_image

FSCK = shutil.which("fsck.minix")


def _failures(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("FAIL")]


@pytest.fixture
def disk(build, tmp_path):
    return fresh_image(build, tmp_path)


def fsck(image) -> subprocess.CompletedProcess:
    """fsck.minix -f on the file system inside a partitioned image."""
    from emu.image.mkimage import partition_bytes
    fs = image.with_suffix(".fs")
    fs.write_bytes(partition_bytes(image.read_bytes()))
    return subprocess.run([FSCK, "-f", str(fs)], capture_output=True, text=True)


def test_every_call_and_its_errors_as_root(build, disk):
    r = boot_disk(build, disk, "/usr/tests/fsops", "basic")
    assert _failures(r.lines) == []
    assert "ok symlink loop ELOOP" in r.lines and "ok rename into itself EINVAL" in r.lines
    assert len([x for x in r.lines if x.startswith("ok ")]) >= 74
    assert r.status == 0


def test_permission_denials_as_uid_1000(build, disk):
    r = boot_disk(build, disk, "/usr/tests/fsops", "perm")
    assert _failures(r.lines) == []
    for check in ("ok uid 1000 read 0600 EACCES", "ok search permission EACCES",
                  "ok chmod another's file EPERM", "ok root needs an x bit to execute",
                  "ok create in sticky /tmp as 1000",
                  "ok supplementary groups search and read", "ok without the groups EACCES",
                  "ok setgroups as uid 1000 EPERM"):
        assert check in r.lines
    assert r.status == 0


def test_devices(build, disk):
    r = boot_disk(build, disk, "/usr/tests/fsops", "devices")
    assert _failures(r.lines) == []
    assert "tty ok" in r.lines
    assert "ok block device read: super block magic" in r.lines
    assert r.status == 0


@pytest.mark.skipif(FSCK is None, reason="fsck.minix is not installed")
def test_writes_persist_across_runs_and_fsck_is_clean(build, disk):
    first = boot_disk(build, disk, "/usr/tests/fsops", "write", "/home/user/note",
                      "written by the first run")
    assert first.status == 0
    check = fsck(disk)
    assert check.returncode == 0, check.stdout + check.stderr
    second = boot_disk(build, disk, "/usr/tests/fsops", "read", "/home/user/note")
    assert second.lines[-1] == "written by the first run"
    assert second.status == 0
    check = fsck(disk)
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_command_status_is_the_exit_status(build, disk):
    r = boot_disk(build, disk, "/usr/tests/fsops", "read", "/no/such/file")
    assert r.status == 1
    assert r.lines[-1].startswith("FAIL read file")


def test_init_without_a_command_runs_a_shell_on_the_console(build, disk):
    r = boot_disk(build, disk, stdin=b"echo from the shell $((6 * 7))\nexit 3\n")
    assert r.status == 3
    assert "from the shell 42" in r.lines


def test_a_missing_command_is_status_127(build, disk):
    r = boot_disk(build, disk, "/usr/tests/nonesuch")
    assert r.status == 127
    assert "init: cannot run /usr/tests/nonesuch" in r.out


def test_trace_of_one_open_shows_the_lookup_nested_under_it(build, disk):
    r = boot_disk(build, disk, "/usr/tests/fsops", "read", "/etc/passwd", trace=("ipc",))
    out = io.StringIO()
    text = TextTrace(out)
    for e in r.events:
        text(e)
    lines = out.getvalue().splitlines()
    pid = next(e["src"] for e in r.events if str(e.get("src", "")).startswith("fsops["))
    start = next(i for i, x in enumerate(lines) if f"{pid} -> vfs" in x and "open(" in x)
    end = next(i for i in range(start, len(lines)) if f"vfs -> {pid}" in lines[i])
    window = lines[start:end + 1]
    assert "open = 3" in window[-1]
    lookup = [x for x in window if "vfs -> mfs" in x and "REQ_LOOKUP(" in x]
    answer = [x for x in window if "mfs -> vfs" in x and "REQ_LOOKUP = 0 (inode=" in x]
    assert len(lookup) == 1 and len(answer) == 1
    assert window.index(lookup[0]) < window.index(answer[0])

    def indent(line):
        body = line.split(" ipc ", 1)[1]
        return len(body) - len(body.lstrip())
    # VFS's request to MFS is indented under the open it serves, MFS's to the
    # disk driver one level further, and the replies line up with their requests.
    assert indent(lookup[0]) > indent(window[0]) == indent(window[-1])
    assert indent(answer[0]) == indent(lookup[0])
    assert all(indent(x) > indent(lookup[0]) for x in window if "mfs -> disk" in x)


def test_exec_from_the_file_system(build, disk):
    r = boot_disk(build, disk, "/usr/tests/exectest", "run")
    assert _failures(r.lines) == []
    for check in ("ok exec with argv, envp and FD_CLOEXEC",
                  "ok set-uid root program run by uid 1000 has euid 0",
                  "ok without the bit it keeps euid 1000", "ok text file ENOEXEC",
                  "ok access() checks the real uid, open() the effective",
                  "ok no x bit EACCES", "ok directory EACCES", "ok oversized frame E2BIG"):
        assert check in r.lines
    assert r.status == 0


def test_a_process_killed_while_waiting_for_the_console(build, disk):
    """VFS cancels the driver request of a process that dies while suspended:
    the console's next reader gets the input."""
    r = boot_disk(build, disk, "/usr/tests/suspend", "kill", stdin=b"typed later\n",
                  trace=("ipc",))
    assert r.lines == ["child killed by signal 9", "parent read 12: typed later"]
    assert r.status == 0
    from emu.abi.com import DevRequest
    from emu.abi.message import Message
    assert any(e["ev"] == "suspend" and e["proc"] == "suspend[3]" for e in r.events)
    cancels = [e for e in r.events if e["ev"] == "sendrec" and e["dst"] == "tty"
               and Message(bytes.fromhex(e["m"])).m_type == DevRequest.CANCEL]
    assert len(cancels) == 1


def test_unpause_ends_a_console_read_with_eintr(build, disk):
    """PM_UNPAUSE (a caught signal, from issue 7 on) ends a suspended read: EINTR."""
    from emu.abi import endpoints as ep
    from emu.abi.com import PM_PROC, PmRequest
    from emu.abi.message import Message

    def setup(system):
        def unpause():
            reader = min((p for p in system.pm.procs.by_pid.values() if p.name == "suspend"),
                         key=lambda p: p.pid)      # the parent; its child does not read
            system.kernel.sys.sendrec(ep.PM, ep.VFS, Message.of(PmRequest.PM_UNPAUSE, **{
                PM_PROC: reader.endpoint}))
        system.kernel.sys.set_timer(3, unpause)

    r = boot_disk(build, disk, "/usr/tests/suspend", "unpause", trace=("ipc",),
                  stdin=b"never read\n", setup=setup)
    assert r.lines == ["read returned -1 errno EINTR"]
    assert r.status == 0
    revived = [e for e in r.events if e["ev"] == "revive" and e["src"] == "vfs"
               and e["dst"].startswith("suspend[")]
    assert len(revived) == 1


def test_a_root_file_system_that_does_not_mount_is_one_clear_error(build, tmp_path):
    from emu.servers.vfs.mount import MountError
    from tests import diskimages
    image = diskimages.whole_disk(tmp_path / "w.img")     # a super block and nothing else
    with pytest.raises(MountError) as e:
        boot_disk(build, image, "/usr/tests/fsops", "basic")
    message = str(e.value)
    assert message.startswith("cannot mount the root file system from device 3/0:")
    assert "\n" not in message


def test_a_disk_without_a_file_system_is_no_root(build, tmp_path):
    from emu.servers.vfs.mount import MountError
    image = tmp_path / "blank.img"
    image.write_bytes(bytes(1 << 20))
    with pytest.raises(MountError, match="^no root file system: "):
        boot_disk(build, image)


def test_mount_and_umount_a_second_partition(build, tmp_path):
    from tests.integration.fsboot import two_partition_image
    image = two_partition_image(build, tmp_path / "two.img")
    r = boot_disk(build, image, "/usr/tests/fsops", "mount", trace=("ipc",))
    assert _failures(r.lines) == []
    for check in ("ok mount", "ok dotdot leaves the mount", "ok rename across file systems EXDEV",
                  "ok umount with an open file EBUSY", "ok the write survived the umount",
                  "ok create on read-only EROFS", "ok mount as uid 1000 EPERM"):
        assert check in r.lines
    assert r.status == 0
    # The second file system has its own MFS, which asks the disk driver itself.
    assert any(e["ev"] == "sendrec" and e["src"] == "mfs1" and e["dst"] == "disk"
               for e in r.events)
    if FSCK is not None:
        from emu.image import mbr
        raw = image.read_bytes()
        for n, (_type, start, count) in enumerate(mbr.partitions(raw[:512])[:2]):
            part = tmp_path / f"p{n}.fs"
            part.write_bytes(raw[start * 512:(start + count) * 512])
            check = subprocess.run([FSCK, "-f", str(part)], capture_output=True, text=True)
            assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.skipif(FSCK is None or shutil.which("mkfs.minix") is None,
                    reason="needs Linux mkfs.minix and fsck.minix")
def test_a_linux_made_file_system_takes_many_files_and_a_big_one(build, guest, tmp_path):
    """`run` mode on an image Linux's mkfs.minix -3 made (whole disk, 1 KiB
    blocks): 200 names and a 20 MiB file, and fsck.minix -f is clean after."""
    from emu.boot import System, SystemConfig
    from emu.machine.console import HostConsole
    from tests import diskimages
    image = diskimages.linux_minix_fs(tmp_path / "linux.img", blocks=32 * 1024)
    console = HostConsole()
    system = System(SystemConfig(disk=image, quiet_firmware=True), console, build=build)
    try:
        system.power_on(require_root=True)
        system.start(guest("fsbulk").read_bytes(), ["fsbulk", "/bulk"])
        status = system.run()
    finally:
        system.close()
    lines = console.take_output().decode().splitlines()
    assert [x for x in lines if not x.startswith("ok ")] == []
    assert status == 0
    check = subprocess.run([FSCK, "-f", "-l", str(image)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "/bulk/d099/f" in check.stdout and "/bulk/big" in check.stdout


def test_descriptor_and_open_file_limits(build, disk):
    """OPEN_MAX (255) descriptors a process is EMFILE; the 512-slot open-file
    table shared by every process is ENFILE when full, and frees on exit."""
    r = boot_disk(build, disk, "/usr/tests/fsops", "limits")
    assert _failures(r.lines) == []
    assert "ok ENFILE when the 512 open files are used" in r.lines
    assert "ok descriptors and files free again" in r.lines
    assert r.status == 0


def test_block_device_writes_reach_the_disk(build, tmp_path):
    """read/write on /dev/c0d0p1 go through the disk driver in whole sectors;
    an unaligned write changes exactly its bytes, in the image file too."""
    from emu.image import mbr
    from tests.integration.fsboot import two_partition_image
    image = two_partition_image(build, tmp_path / "two.img")
    start = mbr.partitions(image.read_bytes()[:512])[1][1] * 512
    before = image.read_bytes()
    r = boot_disk(build, image, "/usr/tests/fsops", "blockwrite", "/dev/c0d0p1")
    assert _failures(r.lines) == [] and r.status == 0
    after = image.read_bytes()
    assert after[start + 100:start + 103] == b"abc"
    # The second partition changed in those bytes only (the root's may change).
    assert after[start:start + 100] == before[start:start + 100]
    assert after[start + 103:] == before[start + 103:]


def test_same_image_and_command_give_the_same_trace(build, tmp_path):
    runs = []
    for n in range(2):
        image = fresh_image(build, tmp_path, f"d{n}.img")
        runs.append(boot_disk(build, image, "/usr/tests/fsops", "read", "/etc/group",
                              trace=("ipc", "proc")))
    assert runs[0].out == runs[1].out
    assert runs[0].events == runs[1].events
    assert any(e.get("dst") == "mfs" for e in runs[0].events)
