/* <termios.h>: the terminal interface (values generated from the ABI). */
#ifndef _TERMIOS_H
#define _TERMIOS_H

#include <sys/types.h>
#include <minix/gen/termios.h>

#define TCSANOW 1
#define TCSADRAIN 2
#define TCSAFLUSH 3

int tcgetattr(int fd, struct termios *t);
int tcsetattr(int fd, int action, const struct termios *t);
speed_t cfgetispeed(const struct termios *t);
speed_t cfgetospeed(const struct termios *t);
int cfsetispeed(struct termios *t, speed_t speed);
int cfsetospeed(struct termios *t, speed_t speed);
void cfmakeraw(struct termios *t);
int tcdrain(int fd);
int tcflow(int fd, int action);
int tcflush(int fd, int queue);
int tcsendbreak(int fd, int duration);
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);

#endif
