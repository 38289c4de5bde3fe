"""The messages the guest C library's system-call wrappers send, byte for byte.

Every wrapper generated from emu/abi/callnr.py and the hand-written ones with
logic (open's two layouts, utime's two, mount, umount, fcntl, lseek, dup2,
mkfifo, execve's stack frame) are compiled exactly as for the guest and linked
with tests/libc/msg_shim.c into a Linux i386 program whose _syscall records
each message. The test reads the records back and checks every field against
CALLS: the values passed, path lengths counting the NUL, short names copied
into m3_ca1, and nothing else written.
"""
import re
import struct
import subprocess

import pytest

from emu.abi import endpoints as ep
from emu.abi.callnr import CALLS, M3_STRING, CallNr
from emu.abi.fcntl import DUP_MASK, FD_CLOEXEC, O_WRONLY, S_IFIFO, Fcntl, OpenFlag
from emu.abi.message import LAYOUTS, M3_CA1_OFFSET, M3_CA1_SIZE, MESSAGE_SIZE, Message
from emu.abi.stat import MS_LABEL16, MS_RDONLY
from emu.abi.syscalls import WRAPPERS, _params, write as write_wrappers
from tests.libc.test_libc_host import GUEST_CFLAGS, GUEST_INCLUDE, HERE, LIBC, gen_include, zig  # noqa: F401

SHORT, LONG = "/tmp/x", "/usr/local/share/a-rather-long-name"
PORTABLE = [p for part in ("string", "ctype", "stdio", "stdlib") for p in (LIBC / part).glob("*.c")]
HANDWRITTEN = [LIBC / "sys" / name for name in ("file.c", "fs.c", "exec.c")]


def _c_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Driver:
    """Builds the C driver: numbered cases, each a call followed by a dump."""

    def __init__(self) -> None:
        self.decls: list[str] = []
        self.body: list[str] = []
        self.cases: list[dict] = []
        self.symbols: dict[str, str] = {}

    def string(self, value: str) -> str:
        name = f"s{len(self.symbols)}"
        self.symbols[name] = value
        self.decls.append(f"static char {name}[] = {_c_string(value)};")
        self.body.append(f'    msg_addr("{name}", {name});')
        return name

    def buffer(self) -> str:
        name = f"b{len(self.symbols)}"
        self.symbols[name] = None
        self.decls.append(f"static char {name}[64];")
        self.body.append(f'    msg_addr("{name}", {name});')
        return name

    def case(self, code: str, **expect) -> None:
        self.body.append(f"    {code};\n    msg_dump();")
        self.cases.append(expect)

    def source(self) -> str:
        return ("#include <fcntl.h>\n#include <stdio.h>\n#include <stdlib.h>\n#include <unistd.h>\n#include <utime.h>\n"
                "#include <dirent.h>\n#include <sys/stat.h>\n#include <sys/statvfs.h>\n"
                "#include <sys/mount.h>\n#include <sys/select.h>\n"
                "void msg_addr(const char *, const void *);\nvoid msg_dump(void);\n"
                + "\n".join(self.decls)
                + "\nint main(void)\n{\n" + "\n".join(self.body) + "\n    return 0;\n}\n")


def _generated_cases(d: Driver) -> None:
    """Each generated wrapper with short names, then with long ones."""
    for names in (SHORT, LONG):
        for call, proto in WRAPPERS.items():
            ret_params = re.match(r"^.*?(\w+)\((.*)\)$", proto)
            fname, ptext = ret_params.group(1), ret_params.group(2)
            params = _params(ptext)
            types = [] if ptext.strip() == "void" else [p.strip() for p in ptext.split(",")]
            args, values = [], {}
            for i, (pname, ptype) in enumerate(zip(params, types)):
                if "char *" in ptype and ptype.startswith("const char"):
                    sym = d.string(names + str(i) * (i + 1))
                    args.append(sym)
                    values[pname] = ("s", sym)
                elif "*" in ptype or "[" in ptype:
                    sym = d.buffer()
                    args.append(f"(void *) {sym}")
                    values[pname] = ("p", sym)
                else:
                    v = {"mode_t": 0o640 + i, "gid_t": 7 + i, "uid_t": 1000 + i,
                         "off_t": 123456 + i, "dev_t": 0x0302 + i}.get(ptype.split()[0], 20 + i)
                    args.append(str(v))
                    values[pname] = ("v", v)
            d.case(f"{fname}({', '.join(args)})", call=call, values=values, zeroed=True)


def _handwritten_cases(d: Driver) -> None:
    p, lp = d.string(SHORT), d.string(LONG)
    creat_flags = int(O_WRONLY | OpenFlag.O_CREAT | OpenFlag.O_EXCL)
    d.case(f"open({p}, O_RDONLY)", call=CallNr.OPEN, zeroed=True,
           values={"path": ("s", p), "flags": ("v", 0)})
    d.case(f"open({lp}, O_RDONLY | O_NONBLOCK)", call=CallNr.OPEN, zeroed=True,
           values={"path": ("s", lp), "flags": ("v", int(OpenFlag.O_NONBLOCK))})
    d.case(f"open({lp}, O_WRONLY | O_CREAT | O_EXCL, 0640)", call=CallNr.OPEN, zeroed=True,
           values={"path": ("s", lp), "flags": ("v", creat_flags), "mode": ("v", 0o640)})
    d.case(f"utime({lp}, &(struct utimbuf) {{ 7, 9 }})", call=CallNr.UTIME, zeroed=True,
           values={"path": ("s", lp), "actime": ("v", 7), "modtime": ("v", 9)})
    d.case(f"utime({p}, NULL)", call=CallNr.UTIME, zeroed=True,
           values={"path": ("s", p), "null": ("v", 0)})
    dev, mnt = d.string("/dev/c0d0p1"), d.string("/mnt")
    d.case(f"mount({dev}, {mnt}, MS_RDONLY, NULL, NULL)", call=CallNr.MOUNT, zeroed=True,
           values={"special": ("s", dev), "name": ("s", mnt),
                   "flags": ("v", MS_RDONLY | MS_LABEL16), "label": ("label", "fs_c0d0p1")})
    d.case(f"umount({mnt})", call=CallNr.UMOUNT, zeroed=True, values={"path": ("s", mnt)})
    d.case("fcntl(3, F_SETFD, FD_CLOEXEC)", call=CallNr.FCNTL, zeroed=True,
           values={"fd": ("v", 3), "cmd": ("v", int(Fcntl.F_SETFD)), "arg": ("v", FD_CLOEXEC),
                   "lock": ("v", 0)})
    buf = d.buffer()
    d.case(f"fcntl(4, F_GETLK, (struct flock *) {buf})", call=CallNr.FCNTL, zeroed=True,
           values={"fd": ("v", 4), "cmd": ("v", int(Fcntl.F_GETLK)), "arg": ("v", 0),
                   "lock": ("p", buf)})
    d.case("lseek(5, 1000, SEEK_END)", call=CallNr.LSEEK,
           values={"fd": ("v", 5), "offset": ("v", 1000), "whence": ("v", 2)})
    d.case("dup2(3, 7)", call=CallNr.DUP, values={"fd": ("v", 3 | DUP_MASK), "fd2": ("v", 7)})
    d.case(f"mkfifo({p}, 0600)", call=CallNr.MKNOD, zeroed=True,
           values={"path": ("s", p), "mode": ("v", S_IFIFO | 0o600), "dev": ("v", 0)})
    path, a0, a1, e0 = d.string("/usr/bin/prog"), d.string("prog"), d.string("a b"), \
        d.string("HOME=/root")
    d.decls.append(f"static char *exec_argv[] = {{ {a0}, {a1}, NULL }};")
    d.decls.append(f"static char *exec_envp[] = {{ {e0}, NULL }};")
    d.case(f"execve({path}, exec_argv, exec_envp)", call=CallNr.EXEC, zeroed=True,
           values={"path": ("s", path)}, frame=(["prog", "a b"], ["HOME=/root"]))


@pytest.fixture(scope="module")
def recorded(tmp_path_factory, gen_include):
    d = Driver()
    _generated_cases(d)
    _handwritten_cases(d)
    out = tmp_path_factory.mktemp("msgs")
    driver = out / "driver.c"
    driver.write_text(d.source())
    generated = write_wrappers(out / "gen")
    exe = out / "driver"
    zig("cc", *GUEST_CFLAGS, "-Wno-error", "-DSYSCALL_THROUGH_CALL", "-I", GUEST_INCLUDE,
        "-isystem", gen_include, "-static", "-o", exe, *PORTABLE, *HANDWRITTEN, generated, HERE / "msg_shim.c", driver)
    try:
        proc = subprocess.run([exe], capture_output=True, timeout=20)
    except OSError as err:
        pytest.skip(f"cannot run 32-bit programs here: {err}")
    assert proc.returncode == 0, proc.stderr
    addrs, msgs = {}, []
    for line in proc.stdout.decode().splitlines():
        kind, *rest = line.split(" ")
        if kind == "addr":
            addrs[rest[0]] = struct.unpack("<I", bytes.fromhex(rest[1]))[0]
        else:
            who = struct.unpack("<i", bytes.fromhex(rest[0]))[0]
            msgs.append((who, Message(bytes.fromhex(rest[1])), bytes.fromhex(rest[2])))
    return d, addrs, msgs


def _check(case: dict, who: int, m: Message, frame: bytes, addrs: dict, symbols: dict) -> None:
    call = case["call"]
    spec = CALLS[call]
    assert m.m_type == call, call.name
    assert who == spec.server, call.name
    layout = spec.layout(m)
    by_name = {a.name: a for a in layout}
    strings = {}
    for name, (kind, value) in case["values"].items():
        arg = by_name[name]
        got = getattr(m, arg.field)
        if kind == "s":
            assert got == addrs[value], (call.name, name)
            strings[name] = symbols[value]
        elif kind == "p":
            assert got == addrs[value], (call.name, name)
        elif kind == "label":
            assert got != 0, (call.name, name)
        else:
            assert got == value, (call.name, name, got, value)
    used = set()
    for arg in layout:
        if arg.kind == "n":
            assert getattr(m, arg.field) == len(strings[arg.of]) + 1, (call.name, arg.name)
        else:
            checked = set(case["values"]) | ({"frame_size", "frame"} if "frame" in case else set())
            assert arg.name in checked, (call.name, arg.name)
        offset, kind = LAYOUTS[arg.field]
        used.update(range(offset, offset + (2 if kind == "s" else 4)))
    if spec.m3_name and layout is spec.args:     # open with O_CREAT is m1
        name = strings["path"].encode() + b"\0"
        ca1 = m.m3_ca1
        assert ca1 == (name.ljust(M3_CA1_SIZE, b"\0") if len(name) <= M3_STRING
                       else bytes(M3_CA1_SIZE)), call.name
        used.update(range(M3_CA1_OFFSET, M3_CA1_OFFSET + M3_CA1_SIZE))
    if case.get("zeroed"):
        stray = [i for i in range(8, MESSAGE_SIZE) if i not in used and m[i]]
        assert not stray, (call.name, stray)
    if "frame" in case:
        _check_frame(m, frame, *case["frame"])


def _check_frame(m: Message, frame: bytes, argv: list[str], envp: list[str]) -> None:
    """argc, argv offsets, NULL, envp offsets, NULL, the strings; offsets from the frame."""
    assert m.m1_i2 == len(frame) and len(frame) % 4 == 0
    words = struct.unpack_from(f"<{len(argv) + len(envp) + 3}I", frame)
    assert words[0] == len(argv)
    strings_at = 4 * (len(argv) + len(envp) + 3)
    offsets = words[1:1 + len(argv)] + words[2 + len(argv):2 + len(argv) + len(envp)]
    assert words[1 + len(argv)] == 0 and words[-1] == 0
    expect = strings_at
    for off, s in zip(offsets, argv + envp):
        assert off == expect
        assert frame[off:off + len(s) + 1] == s.encode() + b"\0"
        expect += len(s) + 1
    assert len(frame) == (expect + 3) & ~3 and not any(frame[expect:])


def test_every_wrapper_sends_the_fields_callnr_names(recorded):
    d, addrs, msgs = recorded
    assert len(msgs) == len(d.cases)
    for case, (who, m, frame) in zip(d.cases, msgs):
        _check(case, who, m, frame, addrs, d.symbols)


def test_every_issue6_call_has_a_wrapper_or_a_handwritten_case():
    handwritten = {CallNr.OPEN, CallNr.UTIME, CallNr.MOUNT, CallNr.UMOUNT, CallNr.FCNTL,
                   CallNr.LSEEK, CallNr.DUP, CallNr.EXEC}
    issue6 = {CallNr.OPEN, CallNr.CREAT, CallNr.CLOSE, CallNr.READ, CallNr.WRITE, CallNr.LSEEK,
              CallNr.DUP, CallNr.FCNTL, CallNr.STAT, CallNr.FSTAT, CallNr.LSTAT, CallNr.MKNOD,
              CallNr.MKDIR, CallNr.RMDIR, CallNr.UNLINK, CallNr.LINK, CallNr.RENAME,
              CallNr.SYMLINK, CallNr.RDLNK, CallNr.CHDIR, CallNr.FCHDIR, CallNr.CHROOT,
              CallNr.CHMOD, CallNr.FCHMOD, CallNr.CHOWN, CallNr.FCHOWN, CallNr.UMASK,
              CallNr.ACCESS, CallNr.TRUNCATE, CallNr.FTRUNCATE, CallNr.GETDENTS, CallNr.STATVFS,
              CallNr.FSTATVFS, CallNr.SYNC, CallNr.FSYNC, CallNr.UTIME, CallNr.MOUNT,
              CallNr.UMOUNT, CallNr.EXEC, CallNr.SETUID, CallNr.SETGID, CallNr.SETEUID,
              CallNr.SETEGID, CallNr.SETGROUPS, CallNr.GETGROUPS}
    assert issue6 - set(WRAPPERS) - handwritten == set()
    assert all(CALLS[c].server == (ep.PM if c in (CallNr.EXEC, CallNr.SETUID, CallNr.SETGID,
                                                 CallNr.SETEUID, CallNr.SETEGID,
                                                 CallNr.SETGROUPS, CallNr.GETGROUPS)
                                   else ep.VFS) for c in issue6)
