/* <sys/ioctl.h>: ioctl() and the request encodings (generated from the ABI). */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#include <minix/gen/ioctl.h>
#include <minix/gen/termios.h>

int ioctl(int fd, unsigned long request, ...);

#endif
