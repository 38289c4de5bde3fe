"""Where sources live and where built artefacts are cached.

Sources are found relative to this package (the project is installed in
editable mode, so guest/ and firmware/ sit beside emu/). Built artefacts go to
build/ in the project, or to $MINIXEMU_BUILD when set; nothing built is
committed.
"""
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
GUEST_DIR = PROJECT_ROOT / "guest"
FIRMWARE_DIR = PROJECT_ROOT / "firmware"
NATIVE_DIR = PROJECT_ROOT / "emu" / "machine" / "native"


def build_dir() -> Path:
    override = os.environ.get("MINIXEMU_BUILD")
    return Path(override).resolve() if override else PROJECT_ROOT / "build"


def require_sources() -> None:
    """Fail clearly when the package was installed without its source tree."""
    if not (GUEST_DIR / "libc").is_dir():
        raise FileNotFoundError(
            f"guest sources not found at {GUEST_DIR}: install minixemu from a checkout "
            "with `pip install -e .`")
