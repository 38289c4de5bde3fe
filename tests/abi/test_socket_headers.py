"""<sys/socket.h>, <sys/un.h>, <sys/ucred.h> agree with emu/abi/uds.py: the guest
compiler checks every constant, ioctl code, size and offset PFS relies on."""
from emu.abi import uds
from emu.toolchain.guestbuild import GUEST_CFLAGS
from emu.toolchain.zig import run_zig


def test_socket_headers_agree(build, tmp_path):
    checks = [f"{n} == {v}" for n, v in uds.SOCKET_CONSTANTS.items()]
    checks += [f"{n} == {v}u" for n, v in uds.UDS_REQUESTS.items()]
    checks += [
        f"NWIOSUDSCONN == _IOW('n', 74, struct sockaddr_un)",
        f"NWIOGUDSCTRL == _IORW('n', 79, struct msg_control)",
        f"NWIOGUDSPEERCRED == _IOR('n', 91, struct ucred)",
        f"sizeof(struct sockaddr_un) == {uds.SOCKADDR_UN.size}",
        "sizeof(sa_family_t) == 1", "PF_UNIX == AF_UNIX", "PF_LOCAL == AF_UNIX",
        "PF_FILE == AF_UNIX", "__builtin_offsetof(struct sockaddr_un, sun_path) == 1",
        f"sizeof(struct ucred) == {uds.UCRED.size}",
        "__builtin_offsetof(struct ucred, uid) == 4", "__builtin_offsetof(struct ucred, gid) == 6",
        f"sizeof(struct cmsghdr) == {uds.CMSGHDR.size}",
        f"sizeof(struct msghdr) == {uds.MSGHDR.size}",
        f"sizeof(struct msg_control) == {uds.MSG_CONTROL.size}",
        f"CMSG_SPACE(4) == {uds.cmsg_space(4)}", f"CMSG_LEN(8) == {uds.cmsg_len(8)}",
        f"UDS_MAJOR == {uds.UDS_MAJOR}",
    ]
    src = tmp_path / "socket_check.c"
    src.write_text("#include <sys/socket.h>\n#include <sys/un.h>\n#include <sys/ucred.h>\n"
                   + "".join(f'_Static_assert({c}, "{c}");\n' for c in checks)
                   + "static struct sockaddr_un a = { AF_UNIX, \"xxx\" };\n"
                   "_Static_assert(sizeof(a.sun_path) == 127, \"path\");\n"
                   "int su_len(void) { return SUN_LEN(&a); }\n")
    run_zig(["cc", *GUEST_CFLAGS, *build.include_flags(), "-c", str(src), "-o",
             str(tmp_path / "socket_check.o")], "socket ABI check")
