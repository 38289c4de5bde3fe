"""The file-system guest tests (guest/tests/fs_*.c, tests/integration/guestfs.py)
run inside the emulator, booted from the default image with a scratch partition."""
import pytest

from emu.image.default import default_image
from tests.integration import guestfs
from tests.integration.fsboot import boot_disk


@pytest.fixture(scope="module")
def image(build, tmp_path_factory):
    return guestfs.with_scratch_partition(default_image(build),
                                          tmp_path_factory.mktemp("guestfs") / "fs.img")


# fs_files expects EFBIG for a write at 2 GiB - 16 (MINIX 3.1.8's MFS maps no
# triple-indirect zone, so 1 KiB blocks end near 64 MiB); MFS here maps them
# as Linux does, so the write succeeds. Between i6-mfs and i6-libc to settle.
_KNOWN = {"fs_files": pytest.mark.xfail(strict=True, reason="EFBIG at 2 GiB: MFS maps "
                                        "triple-indirect zones, the test expects 3.1.8's limit")}


@pytest.mark.parametrize("name", [pytest.param(n, marks=_KNOWN.get(n, ())) for n in guestfs.TESTS])
def test_guest_fs_program(build, image, name):
    r = boot_disk(build, image, *guestfs.command(name))
    guestfs.check(name, r.status, r.lines)
