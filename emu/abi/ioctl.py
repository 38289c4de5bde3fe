"""ioctl request codes (BSD _IO/_IOR/_IOW encoding) and the terminal interface.

A request encodes its direction, argument size, group letter and number, so
a driver knows how much to copy in or out. The termios layout and flag
values are MINIX 3.1.8's <termios.h>.
"""
import struct

IOCPARM_MASK = 0x1FFF
IOC_VOID = 0x20000000
IOC_OUT = 0x40000000     # the driver copies the argument out to the caller
IOC_IN = 0x80000000      # the driver copies the argument in from the caller
IOC_INOUT = IOC_IN | IOC_OUT


def _ioc(direction: int, group: str, number: int, size: int) -> int:
    return direction | ((size & IOCPARM_MASK) << 16) | (ord(group) << 8) | number


def IO(group: str, number: int) -> int:
    return _ioc(IOC_VOID, group, number, 0)


def IOR(group: str, number: int, size: int) -> int:
    return _ioc(IOC_OUT, group, number, size)


def IOW(group: str, number: int, size: int) -> int:
    return _ioc(IOC_IN, group, number, size)


def IORW(group: str, number: int, size: int) -> int:
    return _ioc(IOC_INOUT, group, number, size)



# struct termios { tcflag_t c_iflag, c_oflag, c_cflag, c_lflag (unsigned short);
#                  speed_t c_ispeed, c_ospeed (unsigned int); cc_t c_cc[NCCS]; }
NCCS = 20
TERMIOS = struct.Struct(f"<4H2I{NCCS}s")
WINSIZE = struct.Struct("<4H")   # rows, cols, xpixel, ypixel

# c_iflag
BRKINT, ICRNL, IGNBRK, IGNCR, IGNPAR = 0x0001, 0x0002, 0x0004, 0x0008, 0x0010
INLCR, INPCK, ISTRIP, IXOFF, IXON, PARMRK = 0x0020, 0x0040, 0x0080, 0x0100, 0x0200, 0x0400
# c_oflag
OPOST, ONLCR, XTABS, ONOEOT = 0x0001, 0x0002, 0x0004, 0x0008
# c_cflag
CLOCAL, CREAD, CSIZE, CS8, CSTOPB, HUPCL, PARENB, PARODD = \
    0x0001, 0x0002, 0x000C, 0x000C, 0x0010, 0x0020, 0x0040, 0x0080
# c_lflag
ECHO, ECHOE, ECHOK, ECHONL, ICANON, IEXTEN, ISIG, NOFLSH, TOSTOP = \
    0x0001, 0x0002, 0x0004, 0x0008, 0x0010, 0x0020, 0x0040, 0x0080, 0x0100
# c_cc indexes
VEOF, VEOL, VERASE, VINTR, VKILL, VMIN, VQUIT, VTIME, VSUSP, VSTART, VSTOP = range(11)
VREPRINT, VLNEXT, VDISCARD = 11, 12, 13
B9600, B38400, B115200 = 9600, 38400, 115200
# tcflush queues and tcflow actions (3.1.8's <termios.h>), the TCFLSH/TCFLOW argument
TCIFLUSH, TCOFLUSH, TCIOFLUSH = 1, 2, 3
TCOOFF, TCOON, TCIOFF, TCION = 1, 2, 3, 4

TCGETS = IOR("T", 8, TERMIOS.size)
TCSETS = IOW("T", 9, TERMIOS.size)
TCSETSW = IOW("T", 10, TERMIOS.size)
TCSETSF = IOW("T", 11, TERMIOS.size)
TCSBRK = IOW("T", 12, 4)
TCDRAIN = IO("T", 13)
TCFLOW = IOW("T", 14, 4)
TCFLSH = IOW("T", 15, 4)
TIOCGWINSZ = IOR("T", 16, WINSIZE.size)
TIOCSWINSZ = IOW("T", 17, WINSIZE.size)
TIOCGPGRP = IOW("T", 18, 4)
TIOCSPGRP = IOW("T", 19, 4)

TTY_REQUESTS = {"TCGETS": TCGETS, "TCSETS": TCSETS, "TCSETSW": TCSETSW, "TCSETSF": TCSETSF,
                "TCSBRK": TCSBRK, "TCDRAIN": TCDRAIN, "TCFLOW": TCFLOW, "TCFLSH": TCFLSH,
                "TIOCGWINSZ": TIOCGWINSZ, "TIOCSWINSZ": TIOCSWINSZ, "TIOCGPGRP": TIOCGPGRP,
                "TIOCSPGRP": TIOCSPGRP}
