"""What goes into an image: a tree of files, directories, links and device nodes.

Plain data with fixed owners, modes and times, so the same tree always gives
the same image bytes. `Tree.add("/usr/bin/ls", File(...))` creates the
directories on the way (mode 0755, root) unless they were added explicitly.
"""
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Node:
    mode: int = 0o644          # permission bits (and set-uid/set-gid/sticky)
    uid: int = 0
    gid: int = 0
    mtime: int | None = None   # None: the image's fixed time


@dataclass
class File(Node):
    data: bytes | Path = b""   # bytes, or a host file read when the image is built

    def contents(self) -> bytes:
        return self.data.read_bytes() if isinstance(self.data, Path) else bytes(self.data)


@dataclass
class Dir(Node):
    mode: int = 0o755
    entries: dict[str, Node] = field(default_factory=dict)


@dataclass
class Symlink(Node):
    mode: int = 0o777
    target: str = ""


@dataclass
class Device(Node):
    """A character ('c') or block ('b') special file."""
    kind: str = "c"
    major: int = 0
    minor: int = 0


@dataclass
class Fifo(Node):
    pass


@dataclass
class Socket(Node):
    mode: int = 0o755


class Tree:
    """The root directory and a way to add nodes by absolute path."""

    def __init__(self, root: Dir | None = None) -> None:
        self.root = root or Dir()

    def add(self, path: str, node: Node) -> Node:
        parts = [p for p in path.split("/") if p]
        if not parts:
            if not isinstance(node, Dir):
                raise ValueError("/ must be a directory")
            node.entries = {**self.root.entries, **node.entries}
            self.root = node
            return node
        parent = self.mkdirs(parts[:-1])
        old = parent.entries.get(parts[-1])
        if isinstance(old, Dir) and isinstance(node, Dir):
            node.entries = {**old.entries, **node.entries}
        parent.entries[parts[-1]] = node
        return node

    def mkdirs(self, parts: list[str]) -> Dir:
        d = self.root
        for i, name in enumerate(parts):
            child = d.entries.get(name)
            if child is None:
                child = d.entries[name] = Dir()
            elif not isinstance(child, Dir):
                raise ValueError(f"/{'/'.join(parts[:i + 1])} is not a directory")
            d = child
        return d

    def get(self, path: str) -> Node | None:
        node: Node = self.root
        for name in (p for p in path.split("/") if p):
            if not isinstance(node, Dir) or name not in node.entries:
                return None
            node = node.entries[name]
        return node

    def add_host_dir(self, host: Path, guest: str = "/", uid: int = 0, gid: int = 0) -> None:
        """Copy a host directory tree in (files keep their x bits; owner as given)."""
        host = Path(host)
        self.mkdirs([p for p in guest.split("/") if p])
        for path in sorted(host.rglob("*")):
            rel = path.relative_to(host).as_posix()
            target = f"{guest.rstrip('/')}/{rel}"
            if path.is_symlink():
                self.add(target, Symlink(target=str(path.readlink()), uid=uid, gid=gid))
            elif path.is_dir():
                self.add(target, Dir(uid=uid, gid=gid))
            elif path.is_file():
                mode = 0o755 if path.stat().st_mode & 0o111 else 0o644
                self.add(target, File(mode=mode, uid=uid, gid=gid, data=path))
