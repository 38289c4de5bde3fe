"""REQ_STAT, REQ_STATVFS and REQ_UTIME: inode information out, times in (stadir.c, time.c)."""
from emu.abi import minixfs as fs
from emu.abi import stat
from emu.abi.vfsif import REQ_ACTIME, REQ_GRANT, REQ_INODE_NR, REQ_MODTIME
from emu.servers.mfs.msg import arg, reply


def do_stat(mfs, m):
    ip = mfs.held_inode(arg(m, REQ_INODE_NR))
    special = ip.type in (fs.I_CHAR_SPECIAL, fs.I_BLOCK_SPECIAL)
    raw = stat.STAT.pack(
        _s16(mfs.dev), ip.num, ip.mode, _s16(ip.nlinks), ip.uid, _s16(ip.gid),
        _s16(ip.zones[0]) if special else stat.NO_DEV, _s32(ip.size),
        ip.atime, ip.mtime, ip.ctime)
    mfs.sys.safecopy_to(mfs.endpoint, m.m_source, arg(m, REQ_GRANT), 0, raw)
    return reply()


def do_statvfs(mfs, m):
    sb = mfs.sb
    free_zones = mfs.inodes.count_free(1)
    free_inodes = mfs.inodes.count_free(0)
    raw = stat.STATVFS.pack(
        sb.block_size, sb.block_size, sb.zones, free_zones, free_zones,
        sb.ninodes, free_inodes, free_inodes, mfs.dev,
        stat.ST_RDONLY if mfs.readonly else 0, fs.NAME_MAX)
    mfs.sys.safecopy_to(mfs.endpoint, m.m_source, arg(m, REQ_GRANT), 0, raw)
    return reply()


def do_utime(mfs, m):
    mfs.writable()
    ip = mfs.held_inode(arg(m, REQ_INODE_NR))
    ip.atime = arg(m, REQ_ACTIME)
    ip.mtime = arg(m, REQ_MODTIME)
    ip.ctime = mfs.now()
    mfs.inodes.write(ip)
    return reply()


def _s16(v: int) -> int:
    v &= 0xFFFF
    return v - 0x10000 if v & 0x8000 else v


def _s32(v: int) -> int:
    v &= 0xFFFFFFFF
    return v - 0x100000000 if v & 0x80000000 else v
