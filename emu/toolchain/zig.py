"""The zig compiler (a pip dependency), used as the guest and native C toolchain.

Invoking the zig binary directly saves the ~50 ms of a `python -m ziglang`
start per compile. Compiles are cached by content: the key covers the source,
the flags, every header that could be included, and the zig version.
"""
import hashlib
import os
import subprocess
import sys
from functools import lru_cache
from pathlib import Path


class ToolchainError(Exception):
    """A compile or link failed; the message carries the compiler's output."""


@lru_cache(maxsize=1)
def zig_executable() -> str:
    try:
        import ziglang
    except ImportError as e:
        raise ToolchainError("the ziglang package is not installed (pip install ziglang)") from e
    exe = Path(ziglang.__file__).parent / ("zig.exe" if os.name == "nt" else "zig")
    if not exe.exists():
        raise ToolchainError(f"zig binary missing from the ziglang package at {exe}")
    return str(exe)


@lru_cache(maxsize=1)
def zig_version() -> str:
    return subprocess.run([zig_executable(), "version"], capture_output=True, text=True,
                          check=True).stdout.strip()


def run_zig(args: list[str], what: str) -> None:
    proc = subprocess.run([zig_executable(), *args], capture_output=True, text=True)
    if proc.returncode != 0:
        out = (proc.stderr or proc.stdout).strip()
        raise ToolchainError(f"{what} failed:\n{out}")


def tree_digest(*dirs: Path, suffixes=(".h",)) -> str:
    """Hash of every header under the given directories (names and contents)."""
    h = hashlib.sha256()
    for d in dirs:
        if not d.is_dir():
            continue
        for path in sorted(p for p in d.rglob("*") if p.suffix in suffixes and p.is_file()):
            h.update(str(path.relative_to(d)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def cache_key(*parts) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else str(part).encode())
        h.update(b"\0")
    return h.hexdigest()[:32]


def python_m_zig() -> list[str]:
    """The portable way to name the compiler in messages and docs."""
    return [sys.executable, "-m", "ziglang"]
