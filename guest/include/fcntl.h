/* <fcntl.h>: file control: open flags, fcntl commands, open/creat/fcntl.
 * The constants are generated from the emulator's ABI module. */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <sys/types.h>
#include <minix/gen/fcntl.h>

struct flock {
    short l_type;     /* F_RDLCK, F_WRLCK or F_UNLCK */
    short l_whence;   /* SEEK_SET, SEEK_CUR or SEEK_END */
    off_t l_start;
    off_t l_len;
    pid_t l_pid;
};

#define F_RDLCK 1
#define F_WRLCK 2
#define F_UNLCK 3

int open(const char *path, int oflag, ...);
int creat(const char *path, mode_t mode);
int fcntl(int fd, int cmd, ...);

#endif
