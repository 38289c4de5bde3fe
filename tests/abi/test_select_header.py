"""<sys/select.h> against emu/abi/select.py, checked by the guest compiler: the
fd_set's size, FD_SETSIZE, and the bit each FD_SET macro touches."""
from emu.abi import fcntl, select
from emu.toolchain.guestbuild import GUEST_CFLAGS
from emu.toolchain.zig import run_zig


def test_fd_set_layout_and_macros(build, tmp_path):
    checks = [f"sizeof(fd_set) == {select.FD_SET_BYTES}", f"FD_SETSIZE == {fcntl.FD_SETSIZE}",
              f"NFDBITS == {select.NFDBITS}", "sizeof(struct timeval) == 8"]
    src = tmp_path / "select_check.c"
    src.write_text(
        "#include <sys/select.h>\n"
        + "".join(f'_Static_assert({c}, "{c}");\n' for c in checks)
        + "int probe(void) {\n    fd_set s;\n    FD_ZERO(&s);\n    FD_SET(33, &s);\n"
          "    FD_SET(254, &s);\n    FD_CLR(254, &s);\n"
          "    return s.fds_bits[1] == 2u && !FD_ISSET(254, &s) && FD_ISSET(33, &s);\n}\n")
    run_zig(["cc", *GUEST_CFLAGS, *build.include_flags(), "-c", str(src), "-o",
             str(tmp_path / "select_check.o")], "select header check")
