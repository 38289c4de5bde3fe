/* <dirent.h>: directory streams over getdents (MINIX 3.1.8). A DIR holds one
 * getdents buffer; struct dirent is the record getdents returns
 * (emu/abi/stat.py: d_name at offset 10, records padded to 4 bytes). */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <sys/types.h>
#include <minix/gen/fs.h>

struct dirent {
    ino_t d_ino;                /* i-node number */
    off_t d_off;                /* offset of the entry in the directory */
    unsigned short d_reclen;    /* length of this record */
    char d_name[1];             /* NUL-terminated name, up to NAME_MAX */
};

#define _DIR_BUF_SIZE 4096

typedef struct {
    int _fd;                    /* the open directory (3.1.8: a char, too small for fd 128+) */
    unsigned _count;            /* bytes in _buf */
    unsigned _pos;              /* next record in _buf */
    char _buf[_DIR_BUF_SIZE] __attribute__((aligned(4)));
} DIR;

#define dirfd(dirp) ((dirp)->_fd)

DIR *opendir(const char *name);
struct dirent *readdir(DIR *dirp);
void rewinddir(DIR *dirp);
int closedir(DIR *dirp);
ssize_t getdents(int fd, struct dirent *buf, size_t nbytes);

#endif
