"""The default disk image: the guest build laid out as a small MINIX system.

/sbin/init, /etc/rc, /bin/sh and the tools in /bin (guest/bin), the guest
test programs in /usr/tests, /dev nodes for the
console, /dev/tty, /dev/null, /dev/zero and the disk, /etc/passwd and
/etc/group (root and user 1000), /tmp (1777), /root and /home/user. It is
built on first use and cached under the build directory by the content of
everything in it, so a changed guest program gives a new image.
"""
import hashlib
from pathlib import Path

from emu.image.mkimage import build_image
from emu.image.tree import Device, Dir, File, Tree
from emu.toolchain.paths import GUEST_DIR

MIN_IMAGE_MIB = 64
FREE_MIB = 48           # room left for what the guest writes
LAYOUT_VERSION = b"default-image 3"   # bump when the layout or sizes change
PASSWD = b"root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000:user:/home/user:/bin/sh\n"
GROUP = b"root:x:0:\nusers:x:1000:user\n"
RC = b"# /etc/rc: run by init with /bin/sh before the console shell or a boot command.\n" \
     b"umask 022\n"
DEVICES = {     # name: (kind, major, minor, mode)
    "console": ("c", 4, 0, 0o622), "tty": ("c", 5, 0, 0o666),
    "null": ("c", 1, 3, 0o666), "zero": ("c", 1, 5, 0o644),
    "c0d0": ("b", 3, 0, 0o600), "c0d0p0": ("b", 3, 1, 0o600), "c0d0p1": ("b", 3, 2, 0o600),
    "c0d0p2": ("b", 3, 3, 0o600), "c0d0p3": ("b", 3, 4, 0o600),
}


def guest_programs(build) -> dict[str, Path]:
    """Guest path -> built program: /sbin/init, /bin/sh, every tool of
    guest/bin (with guest/bin/lib) and every guest/tests program."""
    out = build.root / "guest" / "bin"
    lib = sorted((GUEST_DIR / "bin" / "lib").glob("*.c"))
    flags = ["-O2", "-g", "-I", str(GUEST_DIR / "bin")]
    programs = {"/sbin/init": build.program([GUEST_DIR / "sbin" / "init.c"], out / "sbin-init")}
    programs["/bin/sh"] = build.program(sorted((GUEST_DIR / "bin" / "sh").glob("*.c")) + lib,
                                        out / "bin-sh", cflags=flags)
    for tool in sorted((GUEST_DIR / "bin").glob("*.c")):
        programs[f"/bin/{tool.stem}"] = build.program([tool] + lib, out / f"bin-{tool.stem}",
                                                      cflags=flags)
    for source in sorted((GUEST_DIR / "tests").glob("*.c")):
        programs[f"/usr/tests/{source.stem}"] = build.program(
            [source], build.root / "guest" / "bin" / f"tests-{source.stem}")
    return programs


def default_tree(programs: dict[str, Path]) -> Tree:
    tree = Tree()
    for d in ("/bin", "/usr/bin", "/etc", "/dev", "/usr/tests", "/sbin", "/mnt"):
        tree.add(d, Dir())
    tree.add("/tmp", Dir(mode=0o1777))
    tree.add("/root", Dir(mode=0o700))
    tree.add("/home", Dir())
    tree.add("/home/user", Dir(uid=1000, gid=1000))
    tree.add("/etc/passwd", File(data=PASSWD))
    tree.add("/etc/group", File(data=GROUP))
    tree.add("/etc/rc", File(mode=0o644, data=RC))
    for name, (kind, major, minor, mode) in DEVICES.items():
        tree.add(f"/dev/{name}", Device(mode=mode, kind=kind, major=major, minor=minor))
    for guest_path, host_path in programs.items():
        tree.add(guest_path, File(mode=0o755, data=host_path.read_bytes()))
    return tree


def default_image(build) -> Path:
    """The cached default image (built if the guest build changed); never
    written to: callers run on a copy of it."""
    programs = guest_programs(build)
    digest = hashlib.sha256(LAYOUT_VERSION)
    digest.update(RC)
    for guest_path, host_path in sorted(programs.items()):
        digest.update(guest_path.encode() + b"\0" + host_path.read_bytes())
    out = build.root / "images" / f"default-{digest.hexdigest()[:16]}.img"
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        used = sum(p.stat().st_size for p in programs.values()) >> 20
        build_image(out, max(MIN_IMAGE_MIB, used + FREE_MIB), default_tree(programs))
        for old in out.parent.glob("default-*.img"):    # images of older guest builds
            if old != out:
                old.unlink(missing_ok=True)
    return out
