"""Where the guest sources live and where built artefacts are cached.

Sources ship with the package: an installed wheel holds guest/ and firmware/
as emu/_guest and emu/_firmware (setup.py maps them), found here through
importlib.resources; a source checkout has them beside emu/. Built artefacts
go to $MINIXEMU_BUILD when set, else to build/ in a checkout, else to a
per-user cache ($XDG_CACHE_HOME/minixemu/<version>, by default ~/.cache).
"""
import os
from importlib import resources
from pathlib import Path

from emu import __version__
from emu.toolchain.zig import ToolchainError

_BESIDE_PACKAGE = Path(__file__).resolve().parents[2]   # a checkout's root, or site-packages


def _shipped(name: str) -> Path | None:
    """A directory shipped inside the emu package, if this installation has one."""
    found = resources.files("emu").joinpath(name)
    # Wheels install unpacked; a zipped package would have no paths to give zig.
    return found if isinstance(found, Path) and found.is_dir() else None


def _checkout() -> Path | None:
    """The source checkout this package runs from (editable install, or none at all)."""
    if _shipped("_guest") is None and (_BESIDE_PACKAGE / "pyproject.toml").is_file() \
            and (_BESIDE_PACKAGE / "guest").is_dir():
        return _BESIDE_PACKAGE
    return None


CHECKOUT = _checkout()
GUEST_DIR = _shipped("_guest") or _BESIDE_PACKAGE / "guest"
FIRMWARE_DIR = _shipped("_firmware") or _BESIDE_PACKAGE / "firmware"
NATIVE_DIR = Path(str(resources.files("emu.machine").joinpath("native")))


def user_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "minixemu" / __version__


def build_dir() -> Path:
    """Where built artefacts go: somewhere writable, never inside site-packages."""
    override = os.environ.get("MINIXEMU_BUILD")
    if override:
        return Path(override).resolve()
    if CHECKOUT is not None:
        return CHECKOUT / "build"
    return user_cache_dir()


def require_sources() -> None:
    """Fail clearly when this installation has lost its guest sources."""
    for what, path in (("guest C library", GUEST_DIR / "libc"), ("firmware", FIRMWARE_DIR)):
        if not path.is_dir():
            raise ToolchainError(
                f"the {what} sources are missing from this installation ({path} not found); "
                "reinstall minixemu")
