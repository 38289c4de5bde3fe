/* <sys/statvfs.h>: file-system statistics (MINIX 3.1.8; emu/abi/stat.py). */
#ifndef _SYS_STATVFS_H
#define _SYS_STATVFS_H

#include <sys/types.h>
#include <minix/gen/fs.h>

typedef u32_t fsblkcnt_t;
typedef u32_t fsfilcnt_t;

struct statvfs {
    unsigned long f_bsize;      /* block size */
    unsigned long f_frsize;     /* fundamental block size */
    fsblkcnt_t f_blocks;        /* size in f_frsize units */
    fsblkcnt_t f_bfree;
    fsblkcnt_t f_bavail;        /* free for unprivileged processes */
    fsfilcnt_t f_files;         /* i-nodes */
    fsfilcnt_t f_ffree;
    fsfilcnt_t f_favail;
    unsigned long f_fsid;
    unsigned long f_flag;       /* ST_RDONLY, ST_NOSUID, ST_NOTRUNC */
    unsigned long f_namemax;
    unsigned char __padding[32];
};

int statvfs(const char *path, struct statvfs *buf);
int fstatvfs(int fd, struct statvfs *buf);

#endif
