/* <sys/stat.h>: struct stat as MINIX 3.1.8 lays it out (emu/abi/stat.py),
 * the mode bits (generated from emu/abi) and the S_IS* tests. */
#ifndef _SYS_STAT_H
#define _SYS_STAT_H

#include <sys/types.h>
#include <minix/gen/fcntl.h>

struct stat {
    dev_t st_dev;           /* device of the file system holding the file */
    ino_t st_ino;           /* i-node number */
    mode_t st_mode;         /* type and permission bits */
    short int st_nlink;     /* links (3.1.8: short, not nlink_t) */
    uid_t st_uid;
    short int st_gid;       /* 3.1.8: short, although gid_t is a char */
    dev_t st_rdev;          /* the device a special file stands for */
    off_t st_size;
    time_t st_atime;
    time_t st_mtime;
    time_t st_ctime;
};

#define S_ISREG(m)  (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)  (((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)  (((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)  (((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISLNK(m)  (((m) & S_IFMT) == S_IFLNK)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)

int chmod(const char *path, mode_t mode);
int fchmod(int fd, mode_t mode);
int fstat(int fd, struct stat *buf);
int mkdir(const char *path, mode_t mode);
int mkfifo(const char *path, mode_t mode);
int mknod(const char *path, mode_t mode, dev_t dev);
int stat(const char *path, struct stat *buf);
int lstat(const char *path, struct stat *buf);
mode_t umask(mode_t mask);

#endif
