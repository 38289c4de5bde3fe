"""Mounting (MINIX's mount.c): the root file system, mount and umount.

Each mounted device gets its own file system server (as MINIX starts one
MFS process per mount): the root's is MFS at its fixed endpoint, others are
started by the system's `start_fs` hook. REQ_READSUPER names the device and,
in a grant, the label of the block driver that serves it ("disk"). Mounting
an image file would need a loop device, which this system does not have:
only block devices can be mounted (ENOTBLK), so another image is attached as
the second disk (`-hdb IMAGE`, /dev/c0d1 and c0d1p0..p3) and mounted from there.
"""
from emu.abi.errno import Errno
from emu.abi.message import Message
from emu.abi.stat import MOUNT_LABEL_SIZE, MS_LABEL16, MS_RDONLY
from emu.servers.server import ErrnoError
from emu.servers.vfs.device import driver_for, major
from emu.servers.vfs.path import eat_path, fetch_name, m3_name
from emu.servers.vfs.protect import SU_UID
from emu.servers.vfs.request import (req_mountpoint, req_putnode, req_readsuper, req_sync,
                                     req_unmount)
from emu.servers.vfs.vmnt import Vmnt


class MountError(Exception):
    """The root file system could not be mounted (the CLI says so in one line)."""


def mount_fs(vfs, fs_e: int, dev: int, readonly: bool, isroot: bool, mounted_on=None,
             path: str = "/", fs_label: str = "fs_root") -> Vmnt:
    """REQ_READSUPER on a server (naming the block driver's label); the new
    mount's root vnode comes back."""
    if vfs.vmnts.full():
        raise ErrnoError(Errno.ENFILE)
    driver_label = driver_for(vfs, major(dev)).label.encode()
    node = req_readsuper(vfs, fs_e, driver_label, dev, readonly, isroot)
    vmp = Vmnt(fs_e, dev, fs_label, readonly, mounted_on=mounted_on, mount_path=path)
    vfs.vmnts.add(vmp)
    vmp.root = vfs.vnodes.enter(fs_e, node.inode_nr, node.mode, node.size, node.uid, node.gid,
                                0, vmp)
    return vmp


def mount_root(vfs, fs_e: int, dev: int, readonly: bool = False) -> Vmnt:
    """Mount / at power on; every process known so far starts there."""
    try:
        vmp = mount_fs(vfs, fs_e, dev, readonly, isroot=True)
    except ErrnoError as e:
        raise MountError(f"cannot mount the root file system from device "
                         f"{major(dev)}/{dev & 0xFF}: {e}") from None
    for fp in vfs.fprocs.values():
        if fp.root is None:
            fp.root = vfs.vnodes.dup(vmp.root)
        if fp.cwd is None:
            fp.cwd = vfs.vnodes.dup(vmp.root)
    return vmp


def do_mount(vfs, m: Message):
    """mount(special, name, flags, label): m1_i1/m1_p1 special, m1_i2/m1_p2 name,
    m1_i3 flags, m1_p3 the file system server's label (ignored: always MFS)."""
    fp = vfs.caller(m)
    if fp.uid != SU_UID:
        raise ErrnoError(Errno.EPERM)
    if m.m1_i1 == 0:
        raise ErrnoError(Errno.EINVAL, "a mount needs a device")
    special = fetch_name(vfs, fp.endpoint, m.m1_p1, m.m1_i1)
    name = fetch_name(vfs, fp.endpoint, m.m1_p2, m.m1_i2)
    readonly = bool(m.m1_i3 & MS_RDONLY)
    fs_label = "fs"
    if m.m1_i3 & MS_LABEL16:
        fs_label = vfs.sys.copy_string(fp.endpoint, m.m1_p3, MOUNT_LABEL_SIZE).decode(
            "ascii", "replace") or "fs"
    dvp = eat_path(vfs, fp, special)
    try:
        if not dvp.is_blk():
            raise ErrnoError(Errno.ENOTBLK)
        dev = dvp.sdev
    finally:
        vfs.vnodes.put(dvp)
    if vfs.vmnts.by_dev(dev) is not None:
        raise ErrnoError(Errno.EBUSY)
    driver_for(vfs, major(dev))
    mp = eat_path(vfs, fp, name)
    try:
        if not mp.is_dir():
            raise ErrnoError(Errno.ENOTDIR)
        if mp.mounted_here is not None or mp.ref > 1 or _is_a_root(vfs, mp):
            raise ErrnoError(Errno.EBUSY)
        if vfs.start_fs is None:
            raise ErrnoError(Errno.ENXIO, "no file system servers can be started")
        fs_e = vfs.start_fs()
    except BaseException:
        vfs.vnodes.put(mp)
        raise
    try:
        vmp = mount_fs(vfs, fs_e, dev, readonly, isroot=False, mounted_on=mp,
                       path=name.decode(errors="replace"), fs_label=fs_label)
    except BaseException:
        vfs.stop_fs(fs_e)
        vfs.vnodes.put(mp)
        raise
    try:
        req_mountpoint(vfs, mp.fs_e, mp.inode_nr)
    except BaseException:
        _drop_mount(vfs, vmp)
        raise
    mp.mounted_here = vmp     # the mount keeps the reference eat_path gave us
    return 0


def _is_a_root(vfs, vp) -> bool:
    return any(v.root is vp for v in vfs.vmnts)


def _drop_mount(vfs, vmp: Vmnt) -> None:
    """Forget a mount whose server is done: no REQ_PUTNODE to a server that is gone."""
    root = vmp.root
    vfs.vnodes.flush(vmp.fs_e)
    vfs.vnodes.nodes.pop((root.fs_e, root.inode_nr), None)
    try:
        if root.fs_count > 1:   # the server keeps one reference to its root until REQ_UNMOUNT
            req_putnode(vfs, vmp.fs_e, root.inode_nr, root.fs_count - 1)
        root.fs_count = 0
        req_unmount(vfs, vmp.fs_e)
    finally:
        vfs.vmnts.remove(vmp)
        vfs.stop_fs(vmp.fs_e)
        if vmp.mounted_on is not None:
            vmp.mounted_on.mounted_here = None
            vmp.mounted_on.keep = False     # the server clears its mount point at the last put
            vfs.vnodes.put(vmp.mounted_on)


def do_umount(vfs, m: Message):
    """umount(name): the device or the directory it is mounted on; the reply
    carries the server's label in m3_ca1."""
    fp = vfs.caller(m)
    if fp.uid != SU_UID:
        raise ErrnoError(Errno.EPERM)
    vp = eat_path(vfs, fp, m3_name(vfs, fp, m))
    try:
        if vp.is_blk():
            vmp = vfs.vmnts.by_dev(vp.sdev)
        else:
            vmp = next((v for v in vfs.vmnts if v.root is vp), None)
    finally:
        vfs.vnodes.put(vp)
    if vmp is None:
        raise ErrnoError(Errno.EINVAL)
    if vmp.mounted_on is None:
        raise ErrnoError(Errno.EBUSY, "the root file system stays mounted")
    vfs.vnodes.flush(vmp.fs_e)       # idle vnodes are no reason to refuse
    busy = vmp.root.ref > 1 or any(v.fs_e == vmp.fs_e and v is not vmp.root
                                   for v in vfs.vnodes.nodes.values())
    if busy:
        raise ErrnoError(Errno.EBUSY)
    req_sync(vfs, vmp.fs_e)
    _drop_mount(vfs, vmp)
    m.m3_ca1 = vmp.label.encode()[:MOUNT_LABEL_SIZE - 1]
    return 0
