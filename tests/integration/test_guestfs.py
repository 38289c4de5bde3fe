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


@pytest.mark.parametrize("name", list(guestfs.TESTS))
def test_guest_fs_program(build, image, name):
    r = boot_disk(build, image, *guestfs.command(name))
    guestfs.check(name, r.status, r.lines)
