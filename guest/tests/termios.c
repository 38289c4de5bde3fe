/* The console is a terminal: isatty, tcgetattr, tcsetattr, TIOCGWINSZ. */
#include <stdio.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>

int main(void)
{
    struct termios t;
    struct winsize w;
    printf("isatty(0)=%d isatty(99)=%d\n", isatty(0), isatty(99));
    if (tcgetattr(0, &t) != 0)
        return 1;
    printf("icanon=%d echo=%d\n", !!(t.c_lflag & ICANON), !!(t.c_lflag & ECHO));
    t.c_lflag &= ~ICANON;
    t.c_cc[VMIN] = 1;
    if (tcsetattr(0, TCSANOW, &t) != 0)
        return 1;
    tcgetattr(0, &t);
    printf("after tcsetattr icanon=%d\n", !!(t.c_lflag & ICANON));
    char c[4];
    int n = (int) read(0, c, 3);                /* raw: no need for a newline */
    printf("raw read %d: %.*s\n", n, n, c);
    ioctl(0, TIOCGWINSZ, &w);
    printf("window %dx%d\n", w.ws_col, w.ws_row);
    return 0;
}
