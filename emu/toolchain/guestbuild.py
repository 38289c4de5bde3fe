"""The guest build: generated headers and wrappers, crt0, libc, programs, firmware, native hook.

Everything is cached by content (source, flags, headers, zig version) in
paths.build_dir(), so a second `minixemu run` compiles nothing and an edit
recompiles only what it touches; work that is done shows on a BuildProgress.
Writes are atomic: concurrent builds never see half a file.
"""
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from emu.abi import cheaders, syscalls
from emu.toolchain import paths
from emu.toolchain.progress import Advance, BuildProgress
from emu.toolchain.strip import strip_elf
from emu.toolchain.zig import ToolchainError, cache_key, run_zig, tree_digest, zig_version

GUEST_TARGET = ["-target", "x86-freestanding-none", "-mcpu=i686"]
# zig turns on UBSan traps at -O0 by default, and defines NDEBUG when
# optimising; a guest program written with gcc's behaviour in mind must not
# die with SIGILL for benign UB, nor lose its asserts at -O2.
GUEST_CFLAGS = GUEST_TARGET + ["-D__minix=1", "-fno-stack-protector", "-fno-pic", "-fno-sanitize=all", "-UNDEBUG",
                               "-fno-unwind-tables", "-fno-asynchronous-unwind-tables",
                               "-Wall"]
LIBC_CFLAGS = ["-O2", "-g"]
USER_TEXT_BASE = 0x08048000
# --gc-sections: a program keeps only the code it can reach. Without it every
# program carried the whole of zig's compiler_rt (f128 maths and all: 290 KB
# of text for /bin/true, ~2 KB with it), which exec reads from the disk each time.
GUEST_LDFLAGS = GUEST_TARGET + ["-static", f"-Wl,--image-base={USER_TEXT_BASE:#x}",
                                "-Wl,--build-id=none", "-Wl,--gc-sections"]
HOST_TARGET_FLAGS = ["-O2", "-fPIC", "-shared"]
FIRMWARE_BASE = 0x000F0000


def _make_dir(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ToolchainError(f"cannot write the build cache at {path}: {e.strerror} "
                             "(set MINIXEMU_BUILD to a writable directory)") from None


def _atomic_output(final: Path) -> Path:
    _make_dir(final.parent)
    fd, tmp = tempfile.mkstemp(prefix=final.name + ".", suffix=".tmp", dir=final.parent)
    os.close(fd)
    return Path(tmp)


def _up_to_date(output: Path, key: str) -> bool:
    stamp = output.with_name(output.name + ".key")
    return output.exists() and stamp.exists() and stamp.read_text() == key


def _stamp(output: Path, key: str) -> None:
    output.with_name(output.name + ".key").write_text(key)


@dataclass(frozen=True)
class _Compile:
    """One compiler run: its object file is named by the hash of everything it depends on."""
    source: Path
    obj: Path
    flags: list[str]


class GuestBuild:
    def __init__(self, root: Path | None = None, progress: BuildProgress | None = None) -> None:
        self.root = root or paths.build_dir()
        self.include = self.root / "include"
        self.objects = self.root / "obj"
        self.progress = progress or BuildProgress()
        self.generated = self.root / "gen"
        self._header_digest: str | None = None

    # -- headers -------------------------------------------------------------
    def include_flags(self) -> list[str]:
        return ["-I", str(paths.GUEST_DIR / "include"), "-I", str(self.include)]

    def headers(self) -> None:
        _make_dir(self.include)
        cheaders.write(self.include)

    def header_digest(self) -> str:
        if self._header_digest is None:
            self.headers()
            self._header_digest = tree_digest(paths.GUEST_DIR / "include", self.include,
                                              paths.FIRMWARE_DIR)
        return self._header_digest

    # -- compile and link ----------------------------------------------------
    def _plan(self, source: Path, flags: list[str]) -> _Compile:
        all_flags = GUEST_CFLAGS + self.include_flags() + flags
        key = cache_key(source.read_bytes(), source.suffix, all_flags, self.header_digest(),
                        zig_version())
        return _Compile(source, self.objects / f"{source.stem}-{key}.o", all_flags)

    def _run(self, job: _Compile) -> Path:
        if not job.obj.exists():
            tmp = _atomic_output(job.obj)
            try:
                run_zig(["cc", *job.flags, "-c", str(job.source), "-o", str(tmp)],
                        f"compiling {job.source}")
                os.replace(tmp, job.obj)
            finally:
                tmp.unlink(missing_ok=True)
        return job.obj

    def _run_all(self, jobs: list[_Compile], advance: Advance) -> None:
        def one(job: _Compile) -> None:
            self._run(job)
            advance(job.source.name)
        if not jobs:
            return
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            list(pool.map(one, jobs))

    def _make(self, title: str, jobs: list[_Compile], output: Path, key: str, link) -> Path:
        """Compile what is missing and relink `output` if its key changed, showing progress
        only when there is something to do."""
        todo = [job for job in jobs if not job.obj.exists()]
        relink = not _up_to_date(output, key)
        if todo or relink:
            _make_dir(self.objects)
            _make_dir(output.parent)
            with self.progress.task(title, len(todo) + relink) as advance:
                self._run_all(todo, advance)
                if relink:
                    link([job.obj for job in jobs], output)
                    _stamp(output, key)
                    advance(output.name)
        return output

    def compile(self, source: Path, flags: list[str]) -> Path:
        """Compile one C or assembler file for the guest; cached by content."""
        return self._run(self._plan(source, flags))

    def compile_many(self, sources: list[Path], flags: list[str]) -> list[Path]:
        jobs = [self._plan(s, flags) for s in sources]
        self._run_all(jobs, lambda item: None)
        return [job.obj for job in jobs]

    def libc(self) -> tuple[Path, Path]:
        """crt0.o and libc.a, rebuilt only when a source or header changed."""
        paths.require_sources()
        libc_dir = paths.GUEST_DIR / "libc"
        crt0 = self._plan(libc_dir / "crt0.S", LIBC_CFLAGS)
        sources = sorted(p for p in libc_dir.rglob("*") if p.suffix in (".c", ".S")
                         and p.name != "crt0.S")
        sources.append(syscalls.write(self.generated / "libc"))
        jobs = [self._plan(p, LIBC_CFLAGS) for p in sources]
        archive = self.root / "guest" / "libc.a"
        key = cache_key(*(job.obj.name for job in jobs))

        def archive_objects(_objects: list[Path], output: Path) -> None:   # crt0.o stays out
            tmp = _atomic_output(output)
            tmp.unlink()
            try:
                run_zig(["ar", "rcs", str(tmp), *(str(job.obj) for job in jobs)], "archiving libc")
                os.replace(tmp, output)
            finally:
                tmp.unlink(missing_ok=True)

        self._make("the C library", [crt0, *jobs], archive, key, archive_objects)
        return crt0.obj, archive

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
                cflags: list[str] = ("-O2", "-g"), title: str | None = None) -> Path:
        """Build a guest program from C sources (cached); returns the ELF path."""
        jobs = [self._plan(Path(s), list(cflags)) for s in sources]
        crt0, libc = self.libc()
        if output is None:
            output = self.root / "guest" / "bin" / Path(sources[0]).stem
        key = cache_key(*(job.obj.name for job in jobs), crt0.name,
                        libc.with_suffix(".a.key").read_text(), *GUEST_LDFLAGS)
        return self._make(title or output.name, jobs, output, key, self.link)

    def programs(self, wanted: list[tuple[list[Path], Path]], title: str,
                 cflags: list[str] = ("-O2", "-g")) -> list[Path]:
        """Build many guest programs, each (sources, output), as one task on the
        progress display (compiles and links run in parallel); cached like program()."""
        crt0, libc = self.libc()
        libc_key = libc.with_suffix(".a.key").read_text()
        plans = []
        for sources, output in wanted:
            jobs = [self._plan(Path(s), list(cflags)) for s in sources]
            plans.append((jobs, output, cache_key(*(j.obj.name for j in jobs), crt0.name,
                                                  libc_key, *GUEST_LDFLAGS)))
        todo = list({job.obj: job for jobs, _, _ in plans for job in jobs
                     if not job.obj.exists()}.values())
        relink = [(jobs, output, key) for jobs, output, key in plans
                  if not _up_to_date(output, key)]
        if todo or relink:
            _make_dir(self.objects)
            with self.progress.task(title, len(todo) + len(relink)) as advance:
                self._run_all(todo, advance)

                def link_one(plan) -> None:
                    jobs, output, key = plan
                    _make_dir(output.parent)
                    self.link([job.obj for job in jobs], output)
                    _stamp(output, key)
                    advance(output.name)
                with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
                    list(pool.map(link_one, relink))
        return [output for _, output, _ in plans]

    def stripped(self, programs: list[Path]) -> list[Path]:
        """Stripped copies of built programs (emu/toolchain/strip.py): a disk
        image holds these, a tenth of the size; gdb reads the symbols from the
        originals. Cached next to each original by its content."""
        out = []
        for program in programs:
            copy = program.with_name(program.name + ".stripped")
            key = cache_key(program.read_bytes())
            if not _up_to_date(copy, key):
                tmp = _atomic_output(copy)
                try:
                    tmp.write_bytes(strip_elf(program.read_bytes()))
                    os.chmod(tmp, 0o755)
                    os.replace(tmp, copy)
                finally:
                    tmp.unlink(missing_ok=True)
                _stamp(copy, key)
            out.append(copy)
        return out

    def bundled(self, relative: str) -> Path:
        """A program shipped in guest/ (e.g. 'demos/pingpong.c'), built on demand."""
        paths.require_sources()
        source = paths.GUEST_DIR / relative
        if not source.exists():
            raise ToolchainError(f"no bundled guest program {relative}")
        out = self.root / "guest" / "bin" / Path(relative).with_suffix("").as_posix().replace("/", "-")
        return self.program([source], out, title=Path(relative).with_suffix("").as_posix())

    def firmware(self) -> Path:
        """The firmware ELF (CPL 0, loaded at FIRMWARE_BASE; no C library)."""
        paths.require_sources()
        jobs = [self._plan(p, ["-O2", "-ffreestanding", "-I", str(paths.FIRMWARE_DIR)])
                for p in sorted(paths.FIRMWARE_DIR.iterdir()) if p.suffix in (".c", ".S")]
        out = self.root / "firmware" / "firmware.elf"

        def link_firmware(objects: list[Path], output: Path) -> None:
            tmp = _atomic_output(output)
            try:
                run_zig(["cc", *GUEST_TARGET, "-static", "-nostdlib",
                         f"-Wl,--image-base={FIRMWARE_BASE:#x}", "-Wl,--build-id=none",
                         "-Wl,-e,_start", *map(str, objects), "-o", str(tmp)],
                        "linking the firmware")
                os.replace(tmp, output)
            finally:
                tmp.unlink(missing_ok=True)

        return self._make("the firmware", jobs, out, cache_key(*(job.obj.name for job in jobs)),
                          link_firmware)

    # -- native (host) code --------------------------------------------------
    def native_library(self, source: Path, name: str) -> Path:
        """A host shared library built from one C file (the slicer hook)."""
        key = cache_key(source.read_bytes(), HOST_TARGET_FLAGS, zig_version())
        out = self.root / "native" / f"{name}-{key}.so"
        if not out.exists():
            tmp = _atomic_output(out)
            try:
                with self.progress.task(f"the native {name} hook", 1) as advance:
                    run_zig(["cc", *HOST_TARGET_FLAGS, str(source), "-o", str(tmp)],
                            f"building {source.name}")
                    os.replace(tmp, out)
                    advance(out.name)
            finally:
                tmp.unlink(missing_ok=True)
        return out

    def slicer(self) -> Path:
        """The native preemption hook (emu/machine/native/slicer.c)."""
        return self.native_library(paths.NATIVE_DIR / "slicer.c", "slicer")


__all__ = ["GuestBuild", "ToolchainError"]
