"""Vnodes: VFS's copy of an inode some file system server holds for it.

One vnode per (file system endpoint, inode number), however many lookups,
open files, working directories and mount points refer to it; `ref` counts
those. When the last reference goes, VFS sends REQ_PUTNODE with the number of
references the server handed out (`fs_count`), so the server can drop its
inode (and free it if it was unlinked), as MINIX's put_vnode does.
"""
from dataclasses import dataclass

from emu.abi.fcntl import S_IFBLK, S_IFCHR, S_IFDIR, S_IFMT, S_IFREG


@dataclass(slots=True, eq=False)
class Vnode:
    fs_e: int
    inode_nr: int
    mode: int
    size: int
    uid: int
    gid: int
    sdev: int = 0            # the device a device node names ((major << 8) | minor)
    vmnt: object = None      # the mount this vnode's file system is
    ref: int = 0             # references held in VFS
    fs_count: int = 0        # references the file system server gave us
    mounted_here: object = None   # a Vmnt mounted on this directory
    pipe: object = None      # pipe.PipeState of an open pipe or FIFO

    @property
    def ftype(self) -> int:
        return self.mode & S_IFMT

    def is_dir(self) -> bool:
        return self.mode & S_IFMT == S_IFDIR

    def is_reg(self) -> bool:
        return self.mode & S_IFMT == S_IFREG

    def is_chr(self) -> bool:
        return self.mode & S_IFMT == S_IFCHR

    def is_blk(self) -> bool:
        return self.mode & S_IFMT == S_IFBLK


class VnodeTable:
    """Vnodes by (fs endpoint, inode); `put` sends REQ_PUTNODE for the last one."""

    def __init__(self, putnode) -> None:
        self.nodes: dict[tuple[int, int], Vnode] = {}
        self._putnode = putnode    # request.req_putnode bound to VFS

    def find(self, fs_e: int, inode_nr: int) -> Vnode | None:
        return self.nodes.get((fs_e, inode_nr))

    def enter(self, fs_e: int, inode_nr: int, mode: int, size: int, uid: int, gid: int,
              sdev: int, vmnt) -> Vnode:
        """Account for one more reference the server handed out (a lookup result)."""
        vp = self.nodes.get((fs_e, inode_nr))
        if vp is None:
            vp = Vnode(fs_e, inode_nr, mode, size, uid, gid, sdev, vmnt)
            self.nodes[(fs_e, inode_nr)] = vp
        else:       # a fresher copy of the attributes
            vp.mode, vp.size, vp.uid, vp.gid = mode, size, uid, gid
            if sdev:
                vp.sdev = sdev
        vp.fs_count += 1
        vp.ref += 1
        return vp

    @staticmethod
    def dup(vp: Vnode) -> Vnode:
        vp.ref += 1
        return vp

    def put(self, vp: Vnode | None) -> None:
        if vp is None:
            return
        vp.ref -= 1
        if vp.ref > 0:
            return
        self.nodes.pop((vp.fs_e, vp.inode_nr), None)
        count, vp.fs_count = vp.fs_count, 0
        if count:
            self._putnode(vp.fs_e, vp.inode_nr, count)

    def __len__(self) -> int:
        return len(self.nodes)
