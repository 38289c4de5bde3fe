"""Build every guest artefact ahead of time: headers, libc, firmware, slicer, programs.

    python tools/build_guest.py        (everything is cached under build/)

minixemu builds what it needs on first use anyway; this is for warming a
cache, or for seeing the compiler's complaints about every guest program at once.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from emu.toolchain import paths  # noqa: E402
from emu.toolchain.guestbuild import GuestBuild  # noqa: E402
from emu.toolchain.zig import ToolchainError  # noqa: E402


def main() -> int:
    build = GuestBuild()
    try:
        crt0, libc = build.libc()
        print(f"libc      {libc}")
        print(f"firmware  {build.firmware()}")
        print(f"slicer    {build.slicer()}")
        for source in sorted((paths.GUEST_DIR / "demos").glob("*.c")) + \
                sorted((paths.GUEST_DIR / "tests").glob("*.c")):
            relative = source.relative_to(paths.GUEST_DIR).as_posix()
            print(f"program   {build.bundled(relative)}")
    except ToolchainError as e:
        print(e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
