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

#endif
