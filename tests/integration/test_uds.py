"""Unix domain sockets in the emulator (issue 8): the guest programs that
exercise /dev/uds, booted from the default image."""
from tests.integration.fsboot import boot_disk, fresh_image


def _run(build, tmp_path, name: str):
    r = boot_disk(build, fresh_image(build, tmp_path), f"/usr/tests/{name}")
    assert r.status == 0, r.out
    assert r.lines[-1] == "ok", r.out
    return r


def test_uds_core(build, tmp_path):
    """socketpair STREAM/SEQPACKET, read/write, EOF and EPIPE after close,
    EMSGSIZE, EAGAIN, blocked readers woken across fork, options, errors."""
    _run(build, tmp_path, "uds_core")


def test_uds_connect(build, tmp_path):
    """bind/listen/connect/accept with VFS's CHECK_PERMS: absolute canonical
    addresses, symlinks, EADDRINUSE, ENOENT, ELOOP, ECONNREFUSED, EACCES after
    setuid, non-blocking connect; SEQPACKET connections and DGRAM addresses."""
    _run(build, tmp_path, "uds_connect")
