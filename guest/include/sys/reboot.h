/* <sys/reboot.h>: reboot(how); the RBT_* values are generated from emu/abi/reboot.py. */
#ifndef _SYS_REBOOT_H
#define _SYS_REBOOT_H

#include <minix/gen/reboot.h>

int reboot(int how);

#endif
