"""Where sources are found and where built artefacts go, checkout or installed."""
import pytest

from emu import __version__
from emu.toolchain import paths
from emu.toolchain.guestbuild import GuestBuild
from emu.toolchain.zig import ToolchainError
from tests.conftest import minixemu


def test_a_checkout_builds_into_its_own_build_dir(monkeypatch):
    monkeypatch.delenv("MINIXEMU_BUILD", raising=False)
    assert paths.CHECKOUT is not None and (paths.CHECKOUT / "pyproject.toml").is_file()
    assert paths.build_dir() == paths.CHECKOUT / "build"
    assert (paths.GUEST_DIR / "libc" / "crt0.S").is_file()
    assert (paths.FIRMWARE_DIR / "main.c").is_file()
    assert (paths.NATIVE_DIR / "slicer.c").is_file()


def test_MINIXEMU_BUILD_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("MINIXEMU_BUILD", str(tmp_path))
    assert paths.build_dir() == tmp_path


def test_an_installed_copy_builds_into_the_user_cache(monkeypatch, tmp_path):
    monkeypatch.delenv("MINIXEMU_BUILD", raising=False)
    monkeypatch.setattr(paths, "CHECKOUT", None)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert paths.build_dir() == tmp_path / "minixemu" / __version__
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert paths.build_dir() == tmp_path / "home" / ".cache" / "minixemu" / __version__


def test_missing_sources_are_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(paths, "GUEST_DIR", tmp_path / "gone")
    with pytest.raises(ToolchainError, match="sources are missing from this installation"):
        GuestBuild(tmp_path / "build").libc()


def test_an_unwritable_cache_is_one_line(tmp_path, guest):
    (tmp_path / "file").write_text("")
    r = minixemu("run", guest("args"), env={"MINIXEMU_BUILD": str(tmp_path / "file" / "cache")})
    assert r.status == 1
    assert r.err.startswith("minixemu: cannot write the build cache at ")
    assert "MINIXEMU_BUILD" in r.err and len(r.err.splitlines()) == 1
