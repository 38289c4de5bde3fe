/* File-system calls with logic of their own: utime's two layouts, mount's
 * label and umount's reply, mkfifo on mknod. Fields as MINIX 3.1.8's libc. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <utime.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <minix/callnr.h>
#include <minix/com.h>
#include <minix/ipc.h>

int utime(const char *path, const struct utimbuf *times)
{
    message m;

    memset(&m, 0, sizeof(m));
    if (times == NULL) {
        m.m2_i1 = 0;                            /* length 0: "now" */
        m.m2_i2 = (int) strlen(path) + 1;
    } else {
        m.m2_l1 = times->actime;
        m.m2_l2 = times->modtime;
        m.m2_i1 = (int) strlen(path) + 1;
    }
    m.m2_p1 = (char *) path;
    return _syscall(VFS_PROC_NR, UTIME, &m);
}

int mkfifo(const char *path, mode_t mode)
{
    return mknod(path, (mode_t) (mode | S_IFIFO), (dev_t) 0);
}

/* mount(special, name, flags, type, args): the file-system server is named by
 * a 16-byte label, "fs_" and the special file's last component (or, without a
 * special file, the mount point's device and i-node). `type` and `args` would
 * choose and start the server in 3.1.8 (through RS); here VFS starts it. */
int mount(char *special, char *name, int mountflags, char *type, char *args)
{
    char label[MOUNT_LABEL_SIZE];
    struct stat st;
    message m;
    char *p;

    (void) type;
    (void) args;
    memset(label, 0, sizeof(label));
    if (special != NULL) {
        p = strrchr(special, '/');
        p = p ? p + 1 : special;
        snprintf(label, sizeof(label), "fs_%.12s", p);
    } else {
        if (stat(name, &st) < 0)
            return -1;
        snprintf(label, sizeof(label), "fs_%04x%lx", (unsigned) (unsigned short) st.st_dev,
                 (unsigned long) st.st_ino);
    }
    memset(&m, 0, sizeof(m));
    m.m1_i1 = special ? (int) strlen(special) + 1 : 0;
    m.m1_i2 = (int) strlen(name) + 1;
    m.m1_i3 = (mountflags & ~(MS_REUSE | MS_EXISTING)) | MS_LABEL16;
    m.m1_p1 = special;
    m.m1_p2 = name;
    m.m1_p3 = label;
    return _syscall(VFS_PROC_NR, MOUNT, &m);
}

int umount2(const char *name, int flags)
{
    message m;
    size_t len = strlen(name) + 1;

    (void) flags;
    memset(&m, 0, sizeof(m));
    m.m3_i1 = (int) len;
    m.m3_p1 = (char *) name;
    if (len <= M3_STRING)
        memcpy(m.m3_ca1, name, len);
    return _syscall(VFS_PROC_NR, UMOUNT, &m);   /* the reply's m3_ca1: the label */
}

int umount(const char *name)
{
    return umount2(name, 0);
}

/* remove: unlink a file, or remove an empty directory. */
int remove(const char *path)
{
    struct stat st;

    if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return rmdir(path);
    return unlink(path);
}
