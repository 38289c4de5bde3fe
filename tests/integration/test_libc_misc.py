"""guest/tests/libc_misc.c booted from the default image: time conversions,
strftime, getopt, system(), clocks and sleep on virtual time, ttyname."""
from tests.integration.fsboot import boot_disk, fresh_image


def test_libc_misc(build, tmp_path):
    r = boot_disk(build, fresh_image(build, tmp_path), "/usr/tests/libc_misc")
    assert [x for x in r.lines if not x.startswith("ok ")] == []
    assert len(r.lines) == 14
    assert r.status == 0
