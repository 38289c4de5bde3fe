"""The guest build: generated headers and wrappers, crt0, libc, programs, firmware, native hook.

Everything is cached under build/ by content (source, flags, headers, zig
version), so a second `minixemu run` compiles nothing and an edit recompiles
only what it touches. Writes are atomic: concurrent builds never see half a file.
"""
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from emu.abi import cheaders, syscalls
from emu.toolchain import paths
from emu.toolchain.zig import ToolchainError, cache_key, run_zig, tree_digest, zig_version

GUEST_TARGET = ["-target", "x86-freestanding-none", "-mcpu=i686"]
# zig turns on UBSan traps at -O0 by default, and defines NDEBUG when
# optimising; a guest program written with gcc's behaviour in mind must not
# die with SIGILL for benign UB, nor lose its asserts at -O2.
GUEST_CFLAGS = GUEST_TARGET + ["-fno-stack-protector", "-fno-pic", "-fno-sanitize=all", "-UNDEBUG",
                               "-fno-unwind-tables", "-fno-asynchronous-unwind-tables",
                               "-Wall"]
LIBC_CFLAGS = ["-O2", "-g"]
USER_TEXT_BASE = 0x08048000
GUEST_LDFLAGS = GUEST_TARGET + ["-static", f"-Wl,--image-base={USER_TEXT_BASE:#x}",
                                "-Wl,--build-id=none"]
HOST_TARGET_FLAGS = ["-O2", "-fPIC", "-shared"]
FIRMWARE_BASE = 0x000F0000


def _atomic_output(final: Path) -> Path:
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=final.name + ".", suffix=".tmp", dir=final.parent)
    os.close(fd)
    return Path(tmp)


class GuestBuild:
    def __init__(self, root: Path | None = None) -> None:
        self.root = root or paths.build_dir()
        self.include = self.root / "include"
        self.objects = self.root / "obj"
        self.generated = self.root / "gen"
        self._header_digest: str | None = None

    # -- headers -------------------------------------------------------------
    def include_flags(self) -> list[str]:
        return ["-I", str(paths.GUEST_DIR / "include"), "-I", str(self.include)]

    def headers(self) -> None:
        cheaders.write(self.include)

    def header_digest(self) -> str:
        if self._header_digest is None:
            self.headers()
            self._header_digest = tree_digest(paths.GUEST_DIR / "include", self.include,
                                              paths.FIRMWARE_DIR)
        return self._header_digest

    # -- compile and link ----------------------------------------------------
    def compile(self, source: Path, flags: list[str]) -> Path:
        """Compile one C or assembler file for the guest; cached by content."""
        all_flags = GUEST_CFLAGS + self.include_flags() + flags
        key = cache_key(source.read_bytes(), source.suffix, all_flags, self.header_digest(),
                        zig_version())
        obj = self.objects / f"{source.stem}-{key}.o"
        if not obj.exists():
            tmp = _atomic_output(obj)
            try:
                run_zig(["cc", *all_flags, "-c", str(source), "-o", str(tmp)],
                        f"compiling {source}")
                os.replace(tmp, obj)
            finally:
                tmp.unlink(missing_ok=True)
        return obj

    def compile_many(self, sources: list[Path], flags: list[str]) -> list[Path]:
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            return list(pool.map(lambda s: self.compile(s, flags), sources))

    def libc(self) -> tuple[Path, Path]:
        """crt0.o and libc.a, rebuilt only when a source or header changed."""
        paths.require_sources()
        libc_dir = paths.GUEST_DIR / "libc"
        crt0 = self.compile(libc_dir / "crt0.S", LIBC_CFLAGS)
        sources = sorted(p for p in libc_dir.rglob("*") if p.suffix in (".c", ".S")
                         and p.name != "crt0.S")
        sources.append(syscalls.write(self.generated / "libc"))
        objects = self.compile_many(sources, LIBC_CFLAGS)
        archive = self.root / "guest" / "libc.a"
        stamp = archive.with_suffix(".a.key")
        key = cache_key(*(o.name for o in objects))
        if not (archive.exists() and stamp.exists() and stamp.read_text() == key):
            tmp = _atomic_output(archive)
            tmp.unlink()
            try:
                run_zig(["ar", "rcs", str(tmp), *map(str, objects)], "archiving libc")
                os.replace(tmp, archive)
            finally:
                tmp.unlink(missing_ok=True)
            stamp.write_text(key)
        return crt0, archive

    def link(self, objects: list[Path], output: Path, ldflags: list[str] = ()) -> Path:
        crt0, libc = self.libc()
        tmp = _atomic_output(output)
        try:
            run_zig(["cc", *GUEST_LDFLAGS, *ldflags, str(crt0), *map(str, objects), str(libc),
                     "-o", str(tmp)], f"linking {output.name}")
            os.chmod(tmp, 0o755)
            os.replace(tmp, output)
        finally:
            tmp.unlink(missing_ok=True)
        return output

    def program(self, sources: list[Path], output: Path | None = None,
                cflags: list[str] = ("-O2", "-g")) -> Path:
        """Build a guest program from C sources (cached); returns the ELF path."""
        objects = self.compile_many([Path(s) for s in sources], list(cflags))
        crt0, libc = self.libc()
        if output is None:
            output = self.root / "guest" / "bin" / Path(sources[0]).stem
        stamp = output.with_name(output.name + ".key")
        key = cache_key(*(o.name for o in objects), crt0.name,
                        libc.with_suffix(".a.key").read_text())
        if output.exists() and stamp.exists() and stamp.read_text() == key:
            return output
        self.link(objects, output)
        stamp.write_text(key)
        return output

    def bundled(self, relative: str) -> Path:
        """A program shipped in guest/ (e.g. 'demos/pingpong.c'), built on demand."""
        source = paths.GUEST_DIR / relative
        if not source.exists():
            raise ToolchainError(f"no bundled guest program {relative}")
        out = self.root / "guest" / "bin" / Path(relative).with_suffix("").as_posix().replace("/", "-")
        return self.program([source], out)

    def firmware(self) -> Path:
        """The firmware ELF (CPL 0, loaded at FIRMWARE_BASE; no C library)."""
        sources = sorted(p for p in paths.FIRMWARE_DIR.iterdir() if p.suffix in (".c", ".S"))
        objects = self.compile_many(sources, ["-O2", "-ffreestanding", "-I",
                                              str(paths.FIRMWARE_DIR)])
        out = self.root / "firmware" / "firmware.elf"
        stamp = out.with_name(out.name + ".key")
        key = cache_key(*(o.name for o in objects))
        if out.exists() and stamp.exists() and stamp.read_text() == key:
            return out
        tmp = _atomic_output(out)
        try:
            run_zig(["cc", *GUEST_TARGET, "-static", "-nostdlib",
                     f"-Wl,--image-base={FIRMWARE_BASE:#x}", "-Wl,--build-id=none",
                     "-Wl,-e,_start", *map(str, objects), "-o", str(tmp)], "linking the firmware")
            os.replace(tmp, out)
        finally:
            tmp.unlink(missing_ok=True)
        stamp.write_text(key)
        return out

    # -- native (host) code --------------------------------------------------
    def native_library(self, source: Path, name: str) -> Path:
        """A host shared library built from one C file (the slicer hook)."""
        key = cache_key(source.read_bytes(), HOST_TARGET_FLAGS, zig_version())
        out = self.root / "native" / f"{name}-{key}.so"
        if not out.exists():
            tmp = _atomic_output(out)
            try:
                run_zig(["cc", *HOST_TARGET_FLAGS, str(source), "-o", str(tmp)],
                        f"building {source.name}")
                os.replace(tmp, out)
            finally:
                tmp.unlink(missing_ok=True)
        return out


__all__ = ["GuestBuild", "ToolchainError"]
