"""The pure-ftpd-style privilege-separation demo (guest/demos/ftpd): a root
monitor, an unprivileged session per client joined to it by a socketpair,
files opened by the monitor and passed back with SCM_RIGHTS."""
from tests.integration.fsboot import boot_disk, fresh_image


def test_ftpd_upload_list_download_and_refusal(build, tmp_path):
    r = boot_disk(build, fresh_image(build, tmp_path), "/usr/demos/ftpd/ftprun")
    assert r.status == 0, r.out
    lines = r.lines
    assert "230 logged in as user (uid 1000)" in lines          # the session dropped to 1000
    assert "150 send 50000 bytes" in lines and "226 stored" in lines
    assert "notes.bin 50000" in lines                            # LIST, through a passed pipe
    assert "150 50000" in lines                                  # RETR of the same bytes
    assert "550 notes.bin: permission denied" in lines           # guest may not have it
    assert "user session: 0, guest session: 2, bytes back: 50000, same: yes" in lines
    assert "stored as uid 1000 mode 600" in lines
    assert lines[-1] == "ftp demo ok"


def test_ftpd_retr_passes_the_descriptor_through_vfs(build, tmp_path):
    """One RETR in the trace: the monitor's sendmsg -> PFS -> VFS VERIFY_FD and
    SET_FILP, and the session's recvmsg -> PFS -> VFS COPY_FILP and PUT_FILP."""
    r = boot_disk(build, fresh_image(build, tmp_path), "/usr/demos/ftpd/ftprun",
                  trace=("ipc",))
    assert r.status == 0, r.out
    names = []
    for e in r.events:
        m = e.get("m") if isinstance(e, dict) else None
        if m is None:
            continue
        names.append(int.from_bytes(bytes.fromhex(m)[4:8], "little", signed=True))
    from emu.abi.com import PfsVfsCall
    for call in (PfsVfsCall.VERIFY_FD, PfsVfsCall.SET_FILP, PfsVfsCall.COPY_FILP,
                 PfsVfsCall.PUT_FILP, PfsVfsCall.CHECK_PERMS):
        assert call in names, call.name
