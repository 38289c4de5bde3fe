/* tcgetattr and tcsetattr: termios through the TTY's ioctls. */
#include <errno.h>
#include <termios.h>
#include <sys/ioctl.h>

int tcgetattr(int fd, struct termios *t)
{
    return ioctl(fd, TCGETS, t);
}

int tcsetattr(int fd, int action, const struct termios *t)
{
    unsigned long request;
    switch (action) {
    case TCSANOW: request = TCSETS; break;
    case TCSADRAIN: request = TCSETSW; break;
    case TCSAFLUSH: request = TCSETSF; break;
    default: errno = EINVAL; return -1;
    }
    return ioctl(fd, request, (void *) t);
}

/* The rest of the family: speeds are fields of struct termios (the TTY keeps
 * them), the others are TTY ioctls as MINIX 3.1.8's libc sends them. */
speed_t cfgetispeed(const struct termios *t) { return t->c_ispeed; }
speed_t cfgetospeed(const struct termios *t) { return t->c_ospeed; }

int cfsetispeed(struct termios *t, speed_t speed)
{
    t->c_ispeed = speed;
    return 0;
}

int cfsetospeed(struct termios *t, speed_t speed)
{
    t->c_ospeed = speed;
    return 0;
}

void cfmakeraw(struct termios *t)
{
    t->c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    t->c_oflag &= ~OPOST;
    t->c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    t->c_cflag &= ~(CSIZE | PARENB);
    t->c_cflag |= CS8;
    t->c_cc[VMIN] = 1;
    t->c_cc[VTIME] = 0;
}

int tcdrain(int fd)
{
    return ioctl(fd, TCDRAIN, (void *) 0);
}

int tcflow(int fd, int action)
{
    return ioctl(fd, TCFLOW, &action);
}

int tcflush(int fd, int queue)
{
    return ioctl(fd, TCFLSH, &queue);
}

int tcsendbreak(int fd, int duration)
{
    return ioctl(fd, TCSBRK, &duration);
}

pid_t tcgetpgrp(int fd)
{
    int pgrp;
    if (ioctl(fd, TIOCGPGRP, &pgrp) < 0)
        return -1;
    return pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
    int value = pgrp;
    return ioctl(fd, TIOCSPGRP, &value);
}
