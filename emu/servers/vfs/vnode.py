"""Vnodes: VFS's copy of an inode some file system server holds for it.

One vnode per (file system endpoint, inode number), however many lookups,
open files, working directories and mount points refer to it; `ref` counts
those. When the last reference goes, VFS sends REQ_PUTNODE with the number of
references the server handed out (`fs_count`), so the server can drop its
inode (and free it if it was unlinked), as MINIX's put_vnode does.

Unlike MINIX, the last few unreferenced vnodes of regular files and
directories on mounted file systems stay (`idle`, least recently used first)
with the server's references, so a path used again costs no REQ_PUTNODE now
and none later (bench/: a stat is REQ_LOOKUP and REQ_STAT, not three
requests). That is invisible to the file system as long as no idle vnode
names an inode whose last link is gone (the server frees it only when its
last reference goes): so before a request that may remove a link (unlink,
rmdir, rename) VFS calls `may_unlink`, which puts the idle vnodes of that
file system that it could concern and marks the referenced ones to be put
at once when they are released. Each vnode is put at most once either way,
so the cache never costs more requests than it saves. umount puts the idle
vnodes of the file system first (`flush`).
"""
from collections import OrderedDict
from dataclasses import dataclass

from emu.abi.fcntl import S_IFBLK, S_IFCHR, S_IFDIR, S_IFMT, S_IFREG

IDLE_VNODES = 64


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
    keep: bool = True        # may idle when unreferenced (False: a link may have gone)
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
    """Vnodes by (fs endpoint, inode); `put` keeps the last unreferenced ones
    idle and sends REQ_PUTNODE for the rest (see the module docstring)."""

    def __init__(self, putnode, idle_max: int = IDLE_VNODES) -> None:
        self.nodes: dict[tuple[int, int], Vnode] = {}
        self.idle: OrderedDict[tuple[int, int], Vnode] = OrderedDict()   # ref 0, oldest first
        self.idle_max = idle_max
        self._putnode = putnode    # request.req_putnode bound to VFS

    def find(self, fs_e: int, inode_nr: int) -> Vnode | None:
        return self.nodes.get((fs_e, inode_nr))

    def enter(self, fs_e: int, inode_nr: int, mode: int, size: int, uid: int, gid: int,
              sdev: int, vmnt) -> Vnode:
        """Account for one more reference the server handed out (a lookup result)."""
        key = (fs_e, inode_nr)
        vp = self.nodes.get(key)
        if vp is None:
            vp = Vnode(fs_e, inode_nr, mode, size, uid, gid, sdev, vmnt)
            self.nodes[key] = vp
        else:       # a fresher copy of the attributes
            if vp.ref == 0:
                del self.idle[key]
            vp.mode, vp.size, vp.uid, vp.gid = mode, size, uid, gid
            if sdev:
                vp.sdev = sdev
        vp.fs_count += 1
        vp.ref += 1
        return vp

    def dup(self, vp: Vnode) -> Vnode:
        if vp.ref == 0:
            self.idle.pop((vp.fs_e, vp.inode_nr), None)
        vp.ref += 1
        return vp

    def put(self, vp: Vnode | None) -> None:
        if vp is None:
            return
        vp.ref -= 1
        if vp.ref > 0:
            return
        if vp.keep and vp.vmnt is not None and vp.mode & S_IFMT in (S_IFREG, S_IFDIR) \
                and self.idle_max:
            idle = self.idle
            idle[(vp.fs_e, vp.inode_nr)] = vp
            if len(idle) > self.idle_max:
                self._release(idle.popitem(last=False)[1])
            return
        self._release(vp)

    def _release(self, vp: Vnode) -> None:
        self.nodes.pop((vp.fs_e, vp.inode_nr), None)
        count, vp.fs_count = vp.fs_count, 0
        if count:
            self._putnode(vp.fs_e, vp.inode_nr, count)

    def may_unlink(self, fs_e: int, directories: bool) -> None:
        """A link on fs_e may go (unlink: of a file; rmdir, rename: of a
        directory too): put the idle vnodes it could concern, and have the
        referenced ones put as soon as they are released."""
        for key, vp in list(self.idle.items()):
            if key[0] == fs_e and (directories or vp.mode & S_IFMT != S_IFDIR):
                del self.idle[key]
                self._release(vp)
        for vp in self.nodes.values():
            if vp.fs_e == fs_e and vp.ref:
                vp.keep = False

    def flush(self, fs_e: int | None = None) -> None:
        """Put every idle vnode (of one file system): before umount, at the end."""
        for key, vp in list(self.idle.items()):
            if fs_e is None or key[0] == fs_e:
                del self.idle[key]
                self._release(vp)

    def __len__(self) -> int:
        return len(self.nodes)
