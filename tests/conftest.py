"""Shared fixtures: the cached guest build, guest programs, and running minixemu."""
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from emu.toolchain.guestbuild import GuestBuild
from emu.toolchain.paths import GUEST_DIR


@pytest.fixture(scope="session", autouse=True)
def build() -> GuestBuild:
    """The cached guest build, warmed once: a command a test runs then builds
    nothing, so its stderr carries no build progress."""
    b = GuestBuild()
    b.libc()
    b.firmware()
    b.slicer()
    b.bundled("demos/pingpong.c")
    return b


@pytest.fixture(scope="session")
def guest(build):
    """guest("faults") -> path of guest/tests/faults.c, built (cached)."""
    def make(name: str, subdir: str = "tests") -> Path:
        return build.program([GUEST_DIR / subdir / f"{name}.c"],
                             build.root / "guest" / "bin" / f"{subdir}-{name}")
    return make


@dataclass
class Result:
    status: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.replace("\r\n", "\n").splitlines()


def minixemu(*args, stdin: bytes | None = None, cwd=None, timeout: float = 120,
             env: dict | None = None) -> Result:
    """Run the real command line in a subprocess, as a user would (env: added variables)."""
    env = dict(os.environ, MINIXEMU_DEBUG="1", **(env or {}))   # a bug shows its traceback
    proc = subprocess.run([sys.executable, "-m", "emu", *map(str, args)],
                          input=stdin if stdin is not None else b"", capture_output=True,
                          cwd=cwd, timeout=timeout, env=env)
    return Result(proc.returncode, proc.stdout.decode("utf-8", "replace"),
                  proc.stderr.decode("utf-8", "replace"))


@pytest.fixture
def run():
    return minixemu
