"""The mount table (MINIX's vmnt[]): which file system server serves which device.

The root file system comes from the boot disk; other partitions (or a second
disk) are mounted on a directory vnode. A lookup that walks onto a mount
point gets EENTERMOUNT from the parent's server and continues at the mounted
root; `..` at a mounted root gets ELEAVEMOUNT and continues at the mount
point in the parent (path.py).
"""
from dataclasses import dataclass

NR_MNTS = 16


@dataclass(slots=True, eq=False)
class Vmnt:
    fs_e: int
    dev: int
    label: str
    readonly: bool = False
    root: object = None          # the root Vnode of this file system
    mounted_on: object = None    # the Vnode it covers (None for /)
    mount_path: str = "/"


class VmntTable:
    def __init__(self) -> None:
        self.mounts: list[Vmnt] = []

    def add(self, vmp: Vmnt) -> None:
        self.mounts.append(vmp)

    def remove(self, vmp: Vmnt) -> None:
        self.mounts.remove(vmp)

    def by_fs(self, fs_e: int) -> Vmnt | None:
        for vmp in self.mounts:
            if vmp.fs_e == fs_e:
                return vmp
        return None

    def by_dev(self, dev: int) -> Vmnt | None:
        for vmp in self.mounts:
            if vmp.dev == dev:
                return vmp
        return None

    def full(self) -> bool:
        return len(self.mounts) >= NR_MNTS

    def __iter__(self):
        return iter(self.mounts)
