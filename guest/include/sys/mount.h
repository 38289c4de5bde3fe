/* <sys/mount.h>: mount and umount (MINIX 3.1.8: flags MS_*, a 16-byte label). */
#ifndef _SYS_MOUNT_H
#define _SYS_MOUNT_H

#include <minix/gen/fs.h>

int mount(char *special, char *name, int mountflags, char *type, char *args);
int umount(const char *name);
int umount2(const char *name, int flags);

#endif
