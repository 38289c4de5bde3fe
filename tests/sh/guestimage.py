"""A private copy of the default image with extra files in it, booted the way
`minixemu boot -c CMD` boots (init runs /etc/rc, then `sh -c CMD`)."""
from pathlib import Path

from emu.image.default import default_tree, guest_programs
from emu.image.mkimage import build_image
from emu.image.spec import load_spec
from emu.image.tree import File
from tests.integration.fsboot import Boot, boot_disk


def image_with(build, path: Path, files: dict[str, bytes]) -> Path:
    programs = guest_programs(build)
    tree = default_tree(programs)
    for name, data in files.items():
        tree.add(name, File(mode=0o755, data=data))
    spec = load_spec()
    build_image(path, spec.disk_mib(programs), tree, block_size=spec.block_size)
    return path


def boot_c(build, image: Path, command: str, stdin: bytes | None = None, trace=()) -> Boot:
    """Boot and run `sh -c command` as init does for `minixemu boot -c`."""
    return boot_disk(build, image, "-c", command, stdin=stdin, trace=trace)
