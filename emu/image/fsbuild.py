"""Write a MINIX v3 file system holding a Tree into a bytearray (the mkfs part of mkimage).

Inodes are numbered depth first with entries in name order, and zones are
handed out in order from the first data zone, so the bytes depend only on the
tree, the size, the block size and the fixed time. The result passes Linux's
`fsck.minix -f` (for 1 KiB blocks, all it reads).
"""
from typing import Callable

from emu.abi import minixfs as fs
from emu.image.tree import Device, Dir, Fifo, File, Node, Socket, Symlink, Tree

_TYPE_OF = {File: fs.I_REGULAR, Dir: fs.I_DIRECTORY, Symlink: fs.I_SYMBOLIC_LINK,
            Fifo: fs.I_NAMED_PIPE, Socket: fs.I_UNIX_SOCKET}


class ImageFull(fs.FormatError):
    pass


class FsBuilder:
    def __init__(self, total_blocks: int, block_size: int = fs.LINUX_BLOCK_SIZE,
                 ninodes: int | None = None, mtime: int = 0,
                 progress: Callable[[int, int], None] | None = None) -> None:
        self.sb = sb = fs.geometry(total_blocks, block_size, ninodes)
        self.bs = block_size
        self.mtime = mtime
        self.img = bytearray(total_blocks * block_size)
        self.imap = bytearray(sb.imap_blocks * block_size)
        self.zmap = bytearray(sb.zmap_blocks * block_size)
        # Bit 0 is reserved; bits past the last inode/zone are set, as mkfs does.
        for bit in [0, *range(sb.ninodes + 1, len(self.imap) * 8)]:
            fs.bit_set(self.imap, bit)
        for bit in [0, *range(sb.data_zones + 1, len(self.zmap) * 8)]:
            fs.bit_set(self.zmap, bit)
        self.next_ino = fs.ROOT_INODE
        self.next_zone = sb.firstdatazone
        self.progress = progress
        self.done = self.total = 0

    # -- allocation ------------------------------------------------------------
    def alloc_inode(self) -> int:
        ino = self.next_ino
        if ino > self.sb.ninodes:
            raise ImageFull(f"out of inodes ({self.sb.ninodes})")
        self.next_ino += 1
        fs.bit_set(self.imap, ino)
        return ino

    def alloc_zone(self) -> int:
        z = self.next_zone
        if z >= self.sb.zones:
            raise ImageFull(f"image full ({self.sb.zones} blocks of {self.bs})")
        self.next_zone += 1
        fs.bit_set(self.zmap, z - self.sb.firstdatazone + 1)
        return z

    def write_inode(self, ino: int, inode: fs.Inode) -> None:
        block, offset = self.sb.inode_location(ino)
        inode.pack_into(self.img, block * self.bs + offset)

    def write_data(self, inode: fs.Inode, data: bytes) -> None:
        """Give `inode` zones holding `data`, with indirect blocks as needed."""
        bs = self.bs
        inode.size = len(data)
        if len(data) > self.sb.max_file_size():
            raise fs.FormatError(f"file of {len(data)} bytes is too big")
        for n in range(fs.blocks_for_size(len(data), bs)):
            zone = self.alloc_zone()
            chunk = data[n * bs:(n + 1) * bs]
            self.img[zone * bs:zone * bs + len(chunk)] = chunk
            slot, path = fs.block_path(bs, n)
            if not path:
                inode.zones[slot] = zone
                continue
            if inode.zones[slot] == fs.NO_ZONE:
                inode.zones[slot] = self.alloc_zone()
            block = inode.zones[slot]
            for depth, index in enumerate(path):
                at = block * bs + index * fs.ZONE_NUM_SIZE
                if depth == len(path) - 1:
                    fs.ZONE_NUM.pack_into(self.img, at, zone)
                    break
                nxt = fs.ZONE_NUM.unpack_from(self.img, at)[0]
                if nxt == fs.NO_ZONE:
                    nxt = self.alloc_zone()
                    fs.ZONE_NUM.pack_into(self.img, at, nxt)
                block = nxt

    # -- nodes -----------------------------------------------------------------
    def _inode(self, node: Node, ftype: int, nlinks: int = 1) -> fs.Inode:
        t = self.mtime if node.mtime is None else node.mtime
        return fs.Inode(mode=ftype | (node.mode & fs.ALL_MODES), nlinks=nlinks,
                        uid=node.uid, gid=node.gid, atime=t, mtime=t, ctime=t)

    def add_node(self, node: Node, parent_ino: int, path: str) -> int:
        ino = self.alloc_inode()
        if isinstance(node, Dir):
            self.add_dir(node, ino, parent_ino, path)
            return ino
        if isinstance(node, Device):
            ftype = fs.I_BLOCK_SPECIAL if node.kind == "b" else fs.I_CHAR_SPECIAL
            inode = self._inode(node, ftype)
            inode.zones[0] = (node.major << 8) | node.minor
        else:
            inode = self._inode(node, _TYPE_OF[type(node)])
            if isinstance(node, File):
                data = node.contents()
                self.write_data(inode, data)
                if self.progress is not None:
                    self.done += len(data)
                    self.progress(self.done, self.total)
            elif isinstance(node, Symlink):
                target = node.target.encode()
                if not target or len(target) >= self.bs:
                    raise fs.FormatError(f"{path}: bad symlink target")
                self.write_data(inode, target)
        self.write_inode(ino, inode)
        return ino

    def add_dir(self, d: Dir, ino: int, parent_ino: int, path: str) -> None:
        entries = [(ino, b"."), (parent_ino, b"..")]
        subdirs = 0
        for name in sorted(d.entries):
            raw = name.encode()
            if not raw or len(raw) > fs.NAME_MAX or b"/" in raw or raw in (b".", b".."):
                raise fs.FormatError(f"{path}/{name}: bad file name")
            child = d.entries[name]
            subdirs += isinstance(child, Dir)
            entries.append((self.add_node(child, ino, f"{path}/{name}"), raw))
        inode = self._inode(d, fs.I_DIRECTORY, nlinks=2 + subdirs)
        self.write_data(inode, b"".join(fs.pack_dirent(i, n) for i, n in entries))
        self.write_inode(ino, inode)

    def build(self, tree: Tree) -> bytearray:
        if self.progress is not None:
            self.total = _file_bytes(tree.root)
        root = self.alloc_inode()
        self.add_dir(tree.root, root, root, "")
        sb, bs = self.sb, self.bs
        self.img[fs.SUPER_OFFSET:fs.SUPER_OFFSET + fs.SUPER.size] = sb.pack()
        self.img[sb.imap_start * bs:sb.zmap_start * bs] = self.imap
        self.img[sb.zmap_start * bs:sb.inode_start * bs] = self.zmap
        return self.img


def _file_bytes(d: Dir) -> int:
    total = 0
    for node in d.entries.values():
        if isinstance(node, Dir):
            total += _file_bytes(node)
        elif isinstance(node, File):
            total += node.data.stat().st_size if hasattr(node.data, "stat") else len(node.data)
    return total


def make_fs(tree: Tree, total_blocks: int, block_size: int = fs.LINUX_BLOCK_SIZE,
            ninodes: int | None = None, mtime: int = 0,
            progress: Callable[[int, int], None] | None = None) -> bytearray:
    """The bytes of a file system of `total_blocks` blocks holding `tree`."""
    return FsBuilder(total_blocks, block_size, ninodes, mtime, progress).build(tree)
