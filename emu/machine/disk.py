"""A raw disk image: a host file of 512-byte sectors behind the IDE model.
Writes go straight to the file (pwrite), so the image always holds what the
guest last wrote; flush() makes it durable. With snapshot=True (QEMU's
-snapshot) the file is only read: writes go to an in-memory overlay of
sectors that is thrown away when the image is closed."""
import os
import stat

SECTOR_SIZE = 512


class DiskError(Exception):
    """Every failure of a disk image, with a one-line message naming the path."""


class DiskImage:
    """A fixed-size image opened once; the IDE model addresses it by LBA."""

    def __init__(self, path: "str | os.PathLike[str]", readonly: bool = False,
                 snapshot: bool = False) -> None:
        self.path = os.fspath(path) if isinstance(path, os.PathLike) else path
        self.snapshot = bool(snapshot)
        self.readonly = bool(readonly) or self.snapshot
        self._overlay: dict[int, bytes] = {}   # lba -> sector, for a snapshot
        self._fd: int | None = None
        self.sectors = 0
        self._fd, size = self._open()
        self.sectors = size // SECTOR_SIZE

    def _fail(self, what: str) -> DiskError:
        return DiskError(f"disk image {self.path}: {what}")

    def _open(self) -> tuple[int, int]:
        # Check the type before opening: opening a FIFO would block, and a
        # directory opens fine read-only on Linux.
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            raise self._fail("no such file") from None
        except PermissionError:
            raise self._fail("permission denied") from None
        except (OSError, TypeError, ValueError) as e:
            raise self._fail(_reason(e)) from None
        if stat.S_ISDIR(st.st_mode):
            raise self._fail("is a directory, not an image file")
        if not (stat.S_ISREG(st.st_mode) or stat.S_ISBLK(st.st_mode)):
            raise self._fail("not a regular file or block device")
        flags = (os.O_RDONLY if self.readonly else os.O_RDWR) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(self.path, flags)
        except PermissionError:
            hint = "" if self.readonly else " (open it read-only?)"
            raise self._fail("permission denied" + hint) from None
        except OSError as e:
            raise self._fail(_reason(e)) from None
        try:
            # lseek rather than st_size: a block device reports size 0 in stat.
            size = os.lseek(fd, 0, os.SEEK_END)
        except OSError as e:
            os.close(fd)
            raise self._fail(_reason(e)) from None
        if size == 0:
            os.close(fd)
            raise self._fail("empty file")
        if size % SECTOR_SIZE:
            os.close(fd)
            raise self._fail(f"size {size} bytes is not a multiple of {SECTOR_SIZE}")
        return fd, size

    def _check(self, lba: int, count: int) -> int:
        if self._fd is None:
            raise self._fail("image is closed")
        if lba < 0 or count < 0 or lba + count > self.sectors:
            raise self._fail(
                f"sectors {lba}..{lba + count - 1} outside 0..{self.sectors - 1}")
        return self._fd

    def read(self, lba: int, count: int) -> bytes:
        fd = self._check(lba, count)
        want = count * SECTOR_SIZE
        offset = lba * SECTOR_SIZE
        parts = []
        try:
            while want:
                chunk = os.pread(fd, want, offset)
                if not chunk:
                    raise self._fail(f"unexpected end of file at byte {offset}")
                parts.append(chunk)
                want -= len(chunk)
                offset += len(chunk)
        except OSError as e:
            raise self._fail(f"read failed: {_reason(e)}") from None
        data = parts[0] if len(parts) == 1 else b"".join(parts)
        if self._overlay:
            data = self._apply_overlay(lba, count, data)
        return data

    def _apply_overlay(self, lba: int, count: int, data: bytes) -> bytes:
        out = bytearray(data)
        for i in range(count):
            sector = self._overlay.get(lba + i)
            if sector is not None:
                out[i * SECTOR_SIZE:(i + 1) * SECTOR_SIZE] = sector
        return bytes(out)

    def write(self, lba: int, data: bytes) -> None:
        if len(data) % SECTOR_SIZE:
            raise self._fail(f"write of {len(data)} bytes is not whole sectors")
        fd = self._check(lba, len(data) // SECTOR_SIZE)
        if self.snapshot:
            data = bytes(data)
            for i in range(len(data) // SECTOR_SIZE):
                self._overlay[lba + i] = data[i * SECTOR_SIZE:(i + 1) * SECTOR_SIZE]
            return
        if self.readonly:
            raise self._fail("image is read-only")
        view = memoryview(data).cast("B")
        offset = lba * SECTOR_SIZE
        try:
            while view:
                done = os.pwrite(fd, view, offset)
                view = view[done:]
                offset += done
        except OSError as e:
            raise self._fail(f"write failed: {_reason(e)}") from None

    def flush(self) -> None:
        if self._fd is None:
            raise self._fail("image is closed")
        if self.readonly:
            return
        try:
            os.fsync(self._fd)
        except OSError as e:
            raise self._fail(f"flush failed: {_reason(e)}") from None

    def close(self) -> None:
        self._overlay.clear()
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)

    @property
    def closed(self) -> bool:
        return self._fd is None

    def __enter__(self) -> "DiskImage":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass


def _reason(e: BaseException) -> str:
    if isinstance(e, OSError) and e.strerror:
        return e.strerror.lower()
    return str(e) or type(e).__name__
