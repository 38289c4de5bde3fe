"""Image specifications: a JSON file (and the files it names) saying what goes into an image.

images/default.json is the default image's: its size and block size, the
directories, /etc files and /dev nodes with their owners and modes. The
programs are not in it; the caller passes them (guest path -> built binary)
and they go in with the spec's program_mode, owned by root.
"""
import json
from dataclasses import dataclass, field
from pathlib import Path

from emu.abi import minixfs as fs
from emu.image.tree import Device, Dir, Fifo, File, Node, Socket, Symlink, Tree

IMAGES_DIR = Path(__file__).resolve().parents[2] / "images"
DEFAULT_SPEC = IMAGES_DIR / "default.json"


class SpecError(ValueError):
    """The spec file is wrong; the message names the file and the entry."""


@dataclass
class ImageSpec:
    path: Path
    size_mib: int
    block_size: int
    program_mode: int
    free_mib: int = 0                              # room to leave beyond the contents
    nodes: list = field(default_factory=list)     # (guest path, Node)

    def tree(self, programs: dict[str, Path] | None = None) -> Tree:
        """The spec's nodes plus `programs` (guest path -> host file)."""
        t = Tree()
        for guest, node in self.nodes:
            t.add(guest, node)
        for guest, host in sorted((programs or {}).items()):
            t.add(guest, File(mode=self.program_mode, data=Path(host)))
        return t

    def disk_mib(self, programs: dict[str, Path] | None = None) -> int:
        """size_mib, or the contents plus free_mib if that is more."""
        used = sum(Path(p).stat().st_size for p in (programs or {}).values())
        used += sum(f.stat().st_size for f in self.inputs()[1:])
        return max(self.size_mib, -(-used >> 20) + self.free_mib)

    def inputs(self) -> list[Path]:
        """The files this spec reads (for a cache key)."""
        return [self.path] + [n.data for _, n in self.nodes
                              if isinstance(n, File) and isinstance(n.data, Path)]


def _mode(text, where: str) -> int:
    try:
        mode = int(str(text), 8)
    except ValueError:
        raise SpecError(f"{where}: mode {text!r} is not octal") from None
    if not 0 <= mode <= fs.ALL_MODES:
        raise SpecError(f"{where}: mode {text!r} out of range")
    return mode


def _node(entry: dict, base: Path, where: str) -> Node:
    kind = entry.get("type")
    common = {"uid": int(entry.get("uid", 0)), "gid": int(entry.get("gid", 0))}
    if "mode" in entry:
        common["mode"] = _mode(entry["mode"], where)
    if kind == "dir":
        return Dir(**common)
    if kind == "file":
        if "source" in entry:
            src = base / entry["source"]
            if not src.is_file():
                raise SpecError(f"{where}: no file {src}")
            return File(data=src, **common)
        return File(data=str(entry.get("text", "")).encode(), **common)
    if kind == "symlink":
        return Symlink(target=str(entry["target"]), **common)
    if kind in ("char", "block"):
        major, minor = int(entry["major"]), int(entry["minor"])
        if not (0 <= major < 256 and 0 <= minor < 256):
            raise SpecError(f"{where}: device {major},{minor} out of range")
        return Device(kind=kind[0], major=major, minor=minor, **common)
    if kind == "fifo":
        return Fifo(**common)
    if kind == "socket":
        return Socket(**common)
    raise SpecError(f"{where}: unknown type {kind!r}")


def load_spec(path: Path = DEFAULT_SPEC) -> ImageSpec:
    path = Path(path)
    try:
        raw = json.loads(path.read_text())
    except (OSError, json.JSONDecodeError) as e:
        raise SpecError(f"{path}: {e}") from None
    try:
        spec = ImageSpec(path, int(raw["size_mib"]), int(raw.get("block_size", 1024)),
                         _mode(raw.get("program_mode", "0755"), str(path)),
                         int(raw.get("free_mib", 0)))
        for i, entry in enumerate(raw.get("nodes", [])):
            where = f"{path.name}: node {i} ({entry.get('path', '?')})"
            guest = entry.get("path", "")
            if not guest.startswith("/"):
                raise SpecError(f"{where}: path must be absolute")
            spec.nodes.append((guest, _node(entry, path.parent, where)))
    except (KeyError, TypeError, ValueError) as e:
        if isinstance(e, SpecError):
            raise
        raise SpecError(f"{path}: {e!r}") from None
    return spec
