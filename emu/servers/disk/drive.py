"""One ATA drive as the driver sees it: its identity, its transfer mode, the
byte ranges of its minors (the whole disk and p0..p3), and sector transfers
split into ATA commands of at most 256 sectors.
"""
from emu.abi.disk import NR_PARTITIONS, SECTOR_SHIFT, SECTOR_SIZE
from emu.servers.disk.ata import MAX_SECTORS_PER_COMMAND, AtaChannel, AtaError, Identity
from emu.servers.disk.partition import primary_partitions

WANT_MULTIPLE = 16       # sectors per DRQ block: one insw call moves 8 KiB


class Drive:
    def __init__(self, channel: AtaChannel, unit: int, identity: Identity) -> None:
        self.channel = channel
        self.unit = unit
        self.identity = identity
        self.sectors = identity.sectors
        self.block = 1            # sectors per DRQ block (READ/WRITE MULTIPLE if > 1)
        self.open_count = 0
        # (base, size) in bytes for minor offsets 0 (whole disk) and 1..4 (p0..p3).
        self.geometry: list[tuple[int, int]] = [(0, self.sectors << SECTOR_SHIFT)] \
            + [(0, 0)] * NR_PARTITIONS

    def specify(self) -> None:
        """Set the transfer mode: READ/WRITE MULTIPLE with the largest block the
        drive allows up to WANT_MULTIPLE. A drive that refuses keeps the mode
        it had (one sector per DRQ block from the start)."""
        want = min(WANT_MULTIPLE, self.identity.max_multiple)
        while want > 1 and want & (want - 1):
            want &= want - 1                  # a power of two
        if want > 1 and self.channel.set_multiple(self.unit, want):
            self.block = want

    def partition(self) -> None:
        """Read the partition table from sector 0 (at boot and on first open).
        A drive whose sector 0 cannot be read has no partitions."""
        try:
            sector = self.read(0, 1)
        except AtaError:
            sector = b""
        self.geometry[1:] = [(lowsec << SECTOR_SHIFT, size << SECTOR_SHIFT)
                             for lowsec, size in primary_partitions(sector, self.sectors)]

    def read(self, lba: int, count: int) -> bytes:
        """`count` sectors from `lba` (AtaError on a drive error)."""
        parts = []
        while count:
            n = min(count, MAX_SECTORS_PER_COMMAND)
            parts.append(self._retry(lambda: self.channel.read(self.unit, lba, n, self.block)))
            lba += n
            count -= n
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def write(self, lba: int, data) -> None:
        view = memoryview(data)
        step = MAX_SECTORS_PER_COMMAND * SECTOR_SIZE
        for start in range(0, len(view), step):
            chunk = view[start:start + step]
            first = lba + (start >> SECTOR_SHIFT)
            self._retry(lambda: self.channel.write(self.unit, first, chunk, self.block))

    def _retry(self, command):
        """Run an ATA command; after a failure set the transfer mode again and
        try once more (at_wini retries too): a drive that was reset has
        forgotten its multiple mode. A second failure is the caller's EIO."""
        try:
            return command()
        except AtaError:
            self.specify()
            return command()

    def flush(self) -> None:
        self.channel.flush(self.unit)
