"""Dependencies run one way: abi <- machine <- kernel <- servers (checked with ast).

The kernel offers primitives to the servers and must never import them (the
errno exception lives in emu.abi for that reason); the machine knows nothing
of the kernel; the ABI module imports only itself; servers reach the CPU and
devices only through the kernel's SystemTask, never emu.machine.
"""
import ast
from pathlib import Path

import pytest

EMU = Path(__file__).resolve().parents[1] / "emu"

# package -> emu packages it must not import
FORBIDDEN = {
    "abi": {"machine", "kernel", "servers", "debug", "toolchain", "boot", "cli"},
    "machine": {"kernel", "servers", "boot", "cli"},
    "kernel": {"servers", "boot", "cli"},
    "servers": {"machine", "boot", "cli"},
}


def _imports(path: Path, root: Path):
    """(line, module) for every import in a file, including ones inside
    functions; relative imports are resolved against the file's package."""
    package = list(path.relative_to(root.parent).parent.parts)
    tree = ast.parse(path.read_text(), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            if module == "emu" or not node.module:   # `from emu import servers`, `from . import x`
                for alias in node.names:
                    yield node.lineno, f"{module}.{alias.name}"
            else:
                yield node.lineno, module


def _violations(package: str) -> list[str]:
    bad = []
    for path in sorted((EMU / package).rglob("*.py")):
        for line, module in _imports(path, EMU):
            parts = module.split(".")
            if parts[0] == "emu" and len(parts) > 1 and parts[1] in FORBIDDEN[package]:
                bad.append(f"{path.relative_to(EMU.parent)}:{line} imports {module}")
    return bad


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_import_against_the_layering(package):
    assert _violations(package) == []


def test_the_check_sees_a_violation(tmp_path, monkeypatch):
    """The check itself can fail: a kernel module importing a server is caught."""
    fake = tmp_path / "emu"
    (fake / "kernel").mkdir(parents=True)
    (fake / "kernel" / "bad.py").write_text(
        "def f():\n    from emu.servers.server import ErrnoError\n    return ErrnoError\n")
    monkeypatch.setattr(__import__(__name__), "EMU", fake)
    assert _violations("kernel") == ["emu/kernel/bad.py:2 imports emu.servers.server"]
