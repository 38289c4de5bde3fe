"""Build guest/bin programs with the host's C compiler, to test the shell and
the tools against the host's sh (dash) and POSIX tools before the emulator
runs them."""
import shutil
import subprocess
from pathlib import Path

from emu.toolchain.paths import GUEST_DIR

BIN = GUEST_DIR / "bin"
HOST_SH = shutil.which("dash") or "/bin/sh"


def cc() -> str | None:
    return shutil.which("gcc") or shutil.which("cc")


def build_native(out_dir: Path, name: str) -> Path:
    """guest/bin/sh (name 'sh') or guest/bin/NAME.c, with guest/bin/lib."""
    sources = sorted((BIN / "sh").glob("*.c")) if name == "sh" else [BIN / f"{name}.c"]
    sources += sorted((BIN / "lib").glob("*.c"))
    out = out_dir / name
    subprocess.run([cc(), "-O1", "-g", "-w", "-I", str(BIN), "-o", str(out), *map(str, sources)],
                   check=True, capture_output=True, text=True)
    return out
