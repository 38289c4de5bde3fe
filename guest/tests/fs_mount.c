/* mount and umount of a second file system, and what only a mount shows:
 * ".." across the mount point, st_dev, EXDEV for link and rename, EBUSY
 * for a busy file system or mount point, EROFS on a read-only mount, and
 * ENOSPC when the (small) file system is full, with the space coming back.
 * Usage: fs_mount DEVICE, a block device holding an empty MINIX file
 * system (a small one, so that filling it is quick). */
#include <limits.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include "fstest.h"

#define M "/tmp/fs_mount"

static const char *const junk[] = { M "/f", M "/g", M, NULL };

static void across(const char *dev)
{
    char buf[PATH_MAX + 1];
    struct stat root, mnt, up, st;
    struct statvfs sv;
    int fd;

    CHECK_OK(stat(M, &root));
    CHECK_OK(mount((char *) dev, M, 0, NULL, NULL));
    CHECK_OK(stat(M, &mnt));
    CHECK(mnt.st_dev != root.st_dev);           /* M is now the other root */
    CHECK(S_ISDIR(mnt.st_mode));
    CHECK_OK(stat(M "/..", &up));
    CHECK_OK(stat("/tmp", &st));
    CHECK_EQ(up.st_ino, st.st_ino);             /* ".." leaves the mount */
    CHECK_EQ(up.st_dev, st.st_dev);
    CHECK_ERR(mount((char *) dev, M, 0, NULL, NULL), EBUSY);

    put_file(M "/f", 0644, "on the other disk");
    put_file("/tmp/fs_mount_here", 0644, "here");
    CHECK_ERR(link(M "/f", "/tmp/fs_mount_link"), EXDEV);
    CHECK_ERR(rename("/tmp/fs_mount_here", M "/here"), EXDEV);
    CHECK_ERR(rename(M "/f", "/tmp/fs_mount_f"), EXDEV);
    CHECK_OK(unlink("/tmp/fs_mount_here"));
    CHECK_OK(statvfs(M, &sv));
    CHECK_EQ(sv.f_namemax, NAME_MAX);
    CHECK_ERR(rmdir(M), EBUSY);

    /* getcwd and ".." from inside. */
    CHECK_OK(chdir(M));
    CHECK(strcmp(getcwd(buf, sizeof(buf)), M) == 0);
    CHECK_OK(chdir(".."));
    CHECK(strcmp(getcwd(buf, sizeof(buf)), "/tmp") == 0);

    /* Busy: an open file or a working directory inside. */
    CHECK_OK(fd = open(M "/f", O_RDONLY));
    CHECK_ERR(umount(M), EBUSY);
    CHECK_OK(close(fd));
    CHECK_OK(chdir(M));
    CHECK_ERR(umount(M), EBUSY);
    CHECK_OK(chdir("/"));
    CHECK_OK(umount(M));
    CHECK_ERR(stat(M "/f", &st), ENOENT);       /* the covered directory again */
    CHECK_ERR2(umount(M), EINVAL, ENOTBLK);     /* not a mount point */
    CHECK_ERR(umount("/tmp/none"), ENOENT);

    /* Mounted again, the file is still there. */
    CHECK_OK(mount((char *) dev, M, 0, NULL, NULL));
    CHECK(strcmp(get_file(M "/f", buf, sizeof(buf)), "on the other disk") == 0);
    CHECK_OK(unlink(M "/f"));
    CHECK_OK(umount(M));
}

static void read_only(const char *dev)
{
    struct statvfs sv;
    char buf[64];
    int fd;

    CHECK_OK(mount((char *) dev, M, 0, NULL, NULL));
    put_file(M "/g", 0644, "kept");
    CHECK_OK(umount(M));
    CHECK_OK(mount((char *) dev, M, MS_RDONLY, NULL, NULL));
    CHECK_OK(statvfs(M, &sv));
    CHECK(sv.f_flag & ST_RDONLY);
    CHECK(strcmp(get_file(M "/g", buf, sizeof(buf)), "kept") == 0);
    CHECK_ERR(open(M "/new", O_WRONLY | O_CREAT, 0644), EROFS);
    CHECK_ERR(open(M "/g", O_WRONLY), EROFS);
    CHECK_ERR(mkdir(M "/d", 0755), EROFS);
    CHECK_ERR(unlink(M "/g"), EROFS);
    CHECK_ERR(chmod(M "/g", 0600), EROFS);
    CHECK_ERR(truncate(M "/g", 0), EROFS);
    CHECK_OK(fd = open(M "/g", O_RDONLY));
    CHECK_OK(close(fd));
    CHECK_OK(umount(M));
}

static const char *user_dev;

static void as_1000(void)
{
    CHECK_ERR(mount((char *) user_dev, M, 0, NULL, NULL), EPERM);
    CHECK_ERR(umount("/"), EPERM);
}

static void full(const char *dev)
{
    struct statvfs before, after;
    char block[4096];
    long total = 0;
    ssize_t n;
    int fd;

    CHECK_OK(mount((char *) dev, M, 0, NULL, NULL));
    CHECK_OK(unlink(M "/g"));
    CHECK_OK(statvfs(M, &before));
    CHECK(before.f_blocks * before.f_bsize <= 16L << 20);  /* small, as promised */
    memset(block, 'z', sizeof(block));
    CHECK_OK(fd = open(M "/f", O_WRONLY | O_CREAT | O_TRUNC, 0644));
    while ((n = write(fd, block, sizeof(block))) > 0)
        total += n;
    CHECK_EQ(n, -1);
    CHECK_EQ(errno, ENOSPC);
    CHECK(total > 0);
    CHECK_OK(statvfs(M, &after));
    CHECK_EQ(after.f_bfree, 0);
    CHECK_OK(close(fd));
    CHECK_OK(unlink(M "/f"));
    CHECK_OK(statvfs(M, &after));
    CHECK_EQ(after.f_bfree, before.f_bfree);
    CHECK_OK(umount(M));
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: fs_mount DEVICE\n");
        return 2;
    }
    scrub(junk);
    CHECK_OK(mkdir(M, 0755));
    across(argv[1]);
    read_only(argv[1]);
    full(argv[1]);
    user_dev = argv[1];
    as_user(as_1000);                           /* a user may not mount */
    CHECK_OK(rmdir(M));
    return fs_done("fs_mount");
}
