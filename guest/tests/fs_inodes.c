/* I-node calls: symlink/readlink/lstat (ELOOP, dangling links), mknod and
 * mkfifo, stat/fstat fields, utime, chmod/fchmod, chown/fchown, access,
 * statvfs/fstatvfs; as root (the permission side is fs_perms). */
#include <limits.h>
#include <time.h>
#include <utime.h>
#include <sys/statvfs.h>
#include "fstest.h"

#define D "/tmp/fs_inodes"

static const char *const junk[] = {
    D "/f", D "/l", D "/l2", D "/dl", D "/loop1", D "/loop2", D "/dir/in", D "/dir",
    D "/ld", D "/abs", D "/fifo", D "/fifo2", D "/chr", D "/blk", D "/big", D, NULL
};

static void symlinks(void)
{
    char buf[PATH_MAX + 1];
    struct stat st, lst;
    int fd;

    put_file(D "/f", 0644, "target");
    CHECK_OK(symlink("f", D "/l"));              /* relative to the link's directory */
    CHECK_OK(lstat(D "/l", &lst));
    CHECK(S_ISLNK(lst.st_mode));
    CHECK_EQ(lst.st_size, 1);
    CHECK_OK(stat(D "/l", &st));
    CHECK(S_ISREG(st.st_mode));
    CHECK_EQ(st.st_size, 6);
    CHECK(st.st_ino != lst.st_ino);
    CHECK(strcmp(get_file(D "/l", buf, sizeof(buf)), "target") == 0);
    CHECK_EQ(readlink(D "/l", buf, sizeof(buf)), 1);
    CHECK_EQ(buf[0], 'f');
    CHECK_OK(symlink(D "/f", D "/abs"));
    CHECK_EQ(readlink(D "/abs", buf, 5), 5);     /* truncated, no NUL */
    CHECK(memcmp(buf, D, 5) == 0);
    CHECK_ERR(readlink(D "/f", buf, sizeof(buf)), EINVAL);
    CHECK_ERR(readlink(D "/missing", buf, sizeof(buf)), ENOENT);
    CHECK_ERR(symlink("f", D "/l"), EEXIST);
    CHECK_ERR(symlink("f", D "/nodir/l"), ENOENT);

    /* A link to a link, a link to a directory, a dangling link. */
    CHECK_OK(symlink("l", D "/l2"));
    CHECK(strcmp(get_file(D "/l2", buf, sizeof(buf)), "target") == 0);
    CHECK_OK(mkdir(D "/dir", 0755));
    CHECK_OK(symlink("dir", D "/ld"));
    put_file(D "/ld/in", 0644, "via link");
    CHECK(strcmp(get_file(D "/dir/in", buf, sizeof(buf)), "via link") == 0);
    CHECK_OK(symlink("nothing", D "/dl"));
    CHECK_ERR(stat(D "/dl", &st), ENOENT);
    CHECK_OK(lstat(D "/dl", &st));
    CHECK_ERR(open(D "/dl", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);  /* never followed */
    CHECK_ERR(stat(D "/nothing", &st), ENOENT);
    CHECK_OK(fd = open(D "/dl", O_WRONLY | O_CREAT, 0644));  /* creates the target */
    CHECK_OK(close(fd));
    CHECK_OK(stat(D "/nothing", &st));
    CHECK_OK(unlink(D "/nothing"));

    /* A loop is ELOOP; unlink removes the link, not its target. */
    CHECK_OK(symlink("loop2", D "/loop1"));
    CHECK_OK(symlink("loop1", D "/loop2"));
    CHECK_ERR(stat(D "/loop1", &st), ELOOP);
    CHECK_ERR(open(D "/loop1", O_RDONLY), ELOOP);
    CHECK_ERR(stat(D "/loop1/x", &st), ELOOP);
    CHECK(realpath(D "/loop1", buf) == NULL && errno == ELOOP);
    CHECK(strcmp(realpath(D "/ld/in", buf), D "/dir/in") == 0);
    CHECK(strcmp(realpath(D "/l2", buf), D "/f") == 0);
    CHECK_OK(unlink(D "/l2"));
    CHECK_OK(stat(D "/l", &st));
}

static void special_files(void)
{
    struct stat st;

    CHECK_OK(mkfifo(D "/fifo", 0600));
    CHECK_OK(stat(D "/fifo", &st));
    CHECK(S_ISFIFO(st.st_mode));
    CHECK_EQ(st.st_mode & 07777, 0600);
    CHECK_OK(mknod(D "/fifo2", S_IFIFO | 0644, 0));
    CHECK_OK(mknod(D "/chr", S_IFCHR | 0666, makedev(1, 3)));
    CHECK_OK(stat(D "/chr", &st));
    CHECK(S_ISCHR(st.st_mode));
    CHECK_EQ(st.st_rdev, makedev(1, 3));
    CHECK_OK(mknod(D "/blk", S_IFBLK | 0600, makedev(3, 1)));
    CHECK_OK(lstat(D "/blk", &st));
    CHECK(S_ISBLK(st.st_mode));
    CHECK_EQ(st.st_rdev, makedev(3, 1));
    CHECK_ERR(mknod(D "/fifo", S_IFIFO | 0600, 0), EEXIST);
    CHECK_ERR(mkfifo(D "/nodir/x", 0600), ENOENT);
}

static void attributes(void)
{
    struct utimbuf times = { 1000000, 2000000 };
    struct stat st, st2;
    time_t before;
    int fd;

    CHECK_OK(stat(D "/f", &st));
    CHECK(S_ISREG(st.st_mode));
    CHECK_EQ(st.st_uid, 0);
    CHECK_EQ(st.st_nlink, 1);
    CHECK_OK(fd = open(D "/f", O_RDWR));
    CHECK_OK(fstat(fd, &st2));
    CHECK_EQ(st2.st_ino, st.st_ino);
    CHECK_EQ(st2.st_dev, st.st_dev);
    CHECK_EQ(st2.st_size, 6);
    CHECK_ERR(fstat(99, &st2), EBADF);

    /* utime: given times, or now. */
    CHECK_OK(utime(D "/f", &times));
    CHECK_OK(stat(D "/f", &st));
    CHECK_EQ(st.st_atime, 1000000);
    CHECK_EQ(st.st_mtime, 2000000);
    before = time(NULL);
    CHECK_OK(utime(D "/f", NULL));
    CHECK_OK(stat(D "/f", &st));
    CHECK(st.st_mtime >= before && st.st_mtime <= time(NULL) + 1);
    CHECK(st.st_atime >= before);
    CHECK_ERR(utime(D "/missing", NULL), ENOENT);
    /* A write moves mtime forward. */
    CHECK_OK(utime(D "/f", &times));
    CHECK_EQ(write(fd, "T", 1), 1);
    CHECK_OK(fstat(fd, &st));
    CHECK(st.st_mtime >= before);

    /* chmod/fchmod keep the type bits; chown/fchown as root. */
    CHECK_OK(chmod(D "/f", 04711));
    CHECK_OK(stat(D "/f", &st));
    CHECK_EQ(st.st_mode, S_IFREG | 04711);
    CHECK_OK(fchmod(fd, 0640));
    CHECK_OK(fstat(fd, &st));
    CHECK_EQ(st.st_mode, S_IFREG | 0640);
    CHECK_OK(chown(D "/f", USER_UID, USER_GID));
    CHECK_OK(stat(D "/f", &st));
    CHECK_EQ(st.st_uid, USER_UID);
    CHECK_EQ(st.st_gid, USER_GID);
    CHECK_OK(fchown(fd, 0, 0));
    CHECK_OK(fstat(fd, &st));
    CHECK_EQ(st.st_uid, 0);
    CHECK_EQ(st.st_gid, 0);
    CHECK_ERR(chmod(D "/missing", 0644), ENOENT);
    CHECK_ERR(chown(D "/missing", 0, 0), ENOENT);
    CHECK_ERR(fchmod(99, 0644), EBADF);
    CHECK_ERR(fchown(99, 0, 0), EBADF);
    CHECK_OK(close(fd));
    /* chmod follows a link; lstat shows the link unchanged. */
    CHECK_OK(chmod(D "/l", 0600));
    CHECK_OK(stat(D "/f", &st));
    CHECK_EQ(st.st_mode & 07777, 0600);

    /* access: root may read and write anything, execute only if some x bit. */
    CHECK_OK(access(D "/f", F_OK));
    CHECK_OK(access(D "/f", R_OK | W_OK));
    CHECK_ERR(access(D "/f", X_OK), EACCES);
    CHECK_OK(chmod(D "/f", 0100));
    CHECK_OK(access(D "/f", X_OK | R_OK));
    CHECK_ERR(access(D "/missing", F_OK), ENOENT);
    CHECK_ERR(access(D "/f/x", F_OK), ENOTDIR);
    CHECK_ERR(access(D "/f", 0100), EINVAL);
    CHECK_OK(chmod(D "/f", 0644));
}

static void file_system_stats(void)
{
    struct statvfs sv, sv2;
    char block[4096];
    int fd, i;

    CHECK_OK(statvfs("/", &sv));
    CHECK(sv.f_bsize == 1024 || sv.f_bsize == 4096);
    CHECK_EQ(sv.f_namemax, NAME_MAX);
    CHECK(sv.f_blocks > 0 && sv.f_bfree <= sv.f_blocks && sv.f_bavail <= sv.f_bfree);
    CHECK(sv.f_files > 0 && sv.f_ffree < sv.f_files);
    CHECK_EQ(sv.f_flag & ST_RDONLY, 0);
    CHECK_OK(fd = open(D "/big", O_WRONLY | O_CREAT | O_TRUNC, 0644));
    CHECK_OK(fstatvfs(fd, &sv2));
    CHECK_EQ(sv2.f_ffree, sv.f_ffree - 1);      /* the new i-node */
    memset(block, 'b', sizeof(block));
    for (i = 0; i < 64; i++)
        CHECK_EQ(write(fd, block, sizeof(block)), sizeof(block));
    CHECK_OK(fsync(fd));
    CHECK_OK(fstatvfs(fd, &sv2));
    CHECK(sv2.f_bfree + 256 * 1024 / sv.f_bsize <= sv.f_bfree);
    CHECK_OK(close(fd));
    CHECK_OK(unlink(D "/big"));
    CHECK_OK(statvfs("/", &sv2));
    CHECK_EQ(sv2.f_bfree, sv.f_bfree);
    CHECK_EQ(sv2.f_ffree, sv.f_ffree);
    CHECK_ERR(statvfs(D "/missing", &sv), ENOENT);
    CHECK_ERR(fstatvfs(99, &sv), EBADF);
}

int main(void)
{
    scrub(junk);
    umask(0);
    CHECK_OK(mkdir(D, 0755));
    symlinks();
    special_files();
    attributes();
    file_system_stats();
    scrub(junk);
    return fs_done("fs_inodes");
}
