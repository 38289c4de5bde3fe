"""The default disk image: images/default.json plus the guest build.

/sbin/init, /bin/sh and the tools (guest/bin, with guest/bin/lib) and the
guest test programs (/usr/tests) go into the tree the spec describes (directories, /etc files, /dev nodes, owners and modes: data in
images/). The image is built on first use and cached under the build
directory by the content of everything in it, so a changed guest program or
spec gives a new image; older ones are removed.
"""
import hashlib
from pathlib import Path
from typing import Callable

from emu.image.mkimage import build_image
from emu.image.spec import DEFAULT_SPEC, load_spec
from emu.image.tree import Tree
from emu.toolchain.paths import GUEST_DIR

LAYOUT_VERSION = b"default-image 2"


def guest_programs(build) -> dict[str, Path]:
    """Guest path -> built program: /sbin/init, /bin/sh, every tool of
    guest/bin (with guest/bin/lib), every guest/tests program and the programs
    of each guest/demos/<name>/ directory (/usr/demos/<name>/), stripped of
    their debug sections (GuestBuild.stripped)."""
    out = build.root / "guest" / "bin"
    tools_dir = GUEST_DIR / "bin"
    lib = sorted((tools_dir / "lib").glob("*.c"))
    tools = {"/bin/sh": (sorted((tools_dir / "sh").glob("*.c")) + lib, out / "bin-sh")}
    for tool in sorted(tools_dir.glob("*.c")):
        tools[f"/bin/{tool.stem}"] = ([tool] + lib, out / f"bin-{tool.stem}")
    others = {"/sbin/init": ([GUEST_DIR / "sbin" / "init.c"], out / "sbin-init")}
    for source in sorted((GUEST_DIR / "tests").glob("*.c")):
        others[f"/usr/tests/{source.stem}"] = ([source], out / f"tests-{source.stem}")
    for source in sorted((GUEST_DIR / "demos").glob("*/*.c")):     # /usr/demos/ftpd/ftpd ...
        name = f"{source.parent.name}/{source.stem}"
        others[f"/usr/demos/{name}"] = ([source], out / f"demos-{name.replace('/', '-')}")
    programs = dict(zip(tools, build.programs(list(tools.values()), "the shell and tools",
                                              cflags=["-O2", "-g", "-I", str(tools_dir)])))
    programs.update(zip(others, build.programs(list(others.values()), "the guest programs")))
    return dict(zip(programs, build.stripped(list(programs.values()))))


def default_tree(programs: dict[str, Path], spec_path: Path = DEFAULT_SPEC) -> Tree:
    return load_spec(spec_path).tree(programs)


def image_for(programs: dict[str, Path], out_dir: Path, spec_path: Path = DEFAULT_SPEC,
              progress: Callable[[int, int], None] | None = None) -> Path:
    """The image of `spec_path` plus `programs` under out_dir, built unless cached.

    The file name carries a hash of every input (spec, its files, the programs
    and their guest paths); callers run on a copy, never on the cached file.
    """
    spec = load_spec(spec_path)
    digest = hashlib.sha256(LAYOUT_VERSION)
    for f in spec.inputs():
        digest.update(f.name.encode() + b"\0" + f.read_bytes())
    for guest_path, host_path in sorted(programs.items()):
        digest.update(guest_path.encode() + b"\0" + Path(host_path).read_bytes())
    stem = spec.path.stem
    out = Path(out_dir) / f"{stem}-{digest.hexdigest()[:16]}.img"
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        build_image(out, spec.disk_mib(programs), spec.tree(programs),
                    block_size=spec.block_size, progress=progress)
        for old in out.parent.glob(f"{stem}-*.img"):    # images of older builds
            if old != out:
                old.unlink(missing_ok=True)
    return out


def default_image(build, progress: Callable[[int, int], None] | None = None) -> Path:
    """The cached default image of this guest build (built if the build changed)."""
    return image_for(guest_programs(build), build.root / "images", progress=progress)


def write_image(out: Path, build, size_mib: int | None = None,
                adds: list[tuple[Path, str]] = (),
                progress: Callable[[int, int], None] | None = None) -> Path:
    """`minixemu mkimage OUT`: the default image's contents plus host directories
    (HOSTDIR copied to GUESTDIR, owned by root), written to `out` (never cached)."""
    spec = load_spec()
    programs = guest_programs(build)
    tree = spec.tree(programs)
    for host, guest in adds:
        if not Path(host).is_dir():
            raise FileNotFoundError(f"{host}: not a directory")
        tree.add_host_dir(Path(host), guest)
    return build_image(Path(out), size_mib or spec.disk_mib(programs), tree,
                       block_size=spec.block_size, progress=progress)
