/* File-system calls from the guest, each with its success case and its errors.
 *
 * `fsops basic` (as root), `fsops perm` (root sets up, then uid 1000 is
 * denied), `fsops devices`, `fsops write FILE TEXT` / `fsops read FILE`
 * (persistence across runs), `fsops rename OLD NEW`, `fsops mount`,
 * `fsops mountdisk DEVICE`. Every check prints "ok NAME" or
 * "FAIL NAME: ..."; the exit status is the number of failures.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

static int failures;

static void check(int cond, const char *name)
{
    if (cond) {
        printf("ok %s\n", name);
    } else {
        printf("FAIL %s: errno %d (%s)\n", name, errno, strerror(errno));
        failures++;
    }
}

/* A call that must fail with `want`. */
static void fails(int r, int want, const char *name)
{
    if (r == -1 && errno == want) {
        printf("ok %s\n", name);
    } else {
        printf("FAIL %s: got %d errno %d (%s), want errno %d\n", name, r, errno,
               strerror(errno), want);
        failures++;
    }
}

static int put(const char *path, const char *text, int mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (fd < 0)
        return -1;
    if (write(fd, text, strlen(text)) != (ssize_t) strlen(text))
        return -1;
    return close(fd);
}

static int get(const char *path, char *buf, int size)
{
    int fd = open(path, O_RDONLY), n;
    if (fd < 0)
        return -1;
    n = read(fd, buf, size - 1);
    close(fd);
    if (n >= 0)
        buf[n] = 0;
    return n;
}

static void basic(void)
{
    char buf[512], name[300];
    struct stat st;
    struct statvfs sv;
    struct utimbuf ut;
    int fd, fd2, i, n, found;
    DIR *d;
    struct dirent *e;

    mkdir("/tmp/b", 0755);
    check(chdir("/tmp/b") == 0, "chdir");
    fd = open("f1", O_RDWR | O_CREAT | O_EXCL, 0644);
    check(fd >= 0, "open O_CREAT|O_EXCL");
    check(write(fd, "hello world", 11) == 11, "write");
    check(lseek(fd, 0, SEEK_SET) == 0, "lseek SEEK_SET");
    n = read(fd, buf, sizeof buf);
    check(n == 11 && memcmp(buf, "hello world", 11) == 0, "read back");
    check(lseek(fd, 0, SEEK_END) == 11, "lseek SEEK_END");
    check(lseek(fd, 5000, SEEK_SET) == 5000 && write(fd, "X", 1) == 1, "write past end");
    check(lseek(fd, 100, SEEK_SET) == 100 && read(fd, buf, 100) == 100, "read a hole");
    for (i = 0, found = 0; i < 100; i++)
        found |= buf[i];
    check(found == 0, "hole reads as zeros");
    check(fstat(fd, &st) == 0 && st.st_size == 5001 && S_ISREG(st.st_mode)
          && (st.st_mode & 0777) == 0644, "fstat size and mode");
    fails(lseek(fd, -1, SEEK_SET), EINVAL, "lseek negative EINVAL");
    fd2 = dup(fd);
    check(fd2 == fd + 1 && lseek(fd2, 0, SEEK_CUR) == lseek(fd, 0, SEEK_CUR), "dup shares offset");
    check(dup2(fd, 10) == 10 && fcntl(10, F_GETFD) == 0, "dup2");
    check(fcntl(10, F_SETFD, FD_CLOEXEC) == 0 && fcntl(10, F_GETFD) == FD_CLOEXEC, "FD_CLOEXEC");
    check(fcntl(fd, F_GETFL) == O_RDWR, "F_GETFL");
    close(10);
    close(fd2);
    close(fd);
    fails(open("f1", O_RDWR | O_CREAT | O_EXCL, 0644), EEXIST, "O_EXCL EEXIST");
    fails(open("nothere", O_RDONLY), ENOENT, "open ENOENT");
    fails(open("f1/x", O_RDONLY), ENOTDIR, "open ENOTDIR");
    fails(open(".", O_WRONLY), EISDIR, "open dir for writing EISDIR");
    fails(open("f1", 3), EINVAL, "open bad access mode EINVAL");
    fd = open("f1", O_WRONLY | O_APPEND);
    check(fd >= 0 && write(fd, "Z", 1) == 1 && lseek(fd, 0, SEEK_CUR) == 5002, "O_APPEND");
    close(fd);
    fd = open("f1", O_WRONLY | O_TRUNC);
    check(fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 0, "O_TRUNC");
    fails(read(fd, buf, 1), EBADF, "read on O_WRONLY EBADF");
    close(fd);
    fails(close(fd), EBADF, "close twice EBADF");
    check(put("f2", "0123456789", 0600) == 0, "creat via O_CREAT|O_TRUNC");
    check(truncate("f2", 4) == 0 && stat("f2", &st) == 0 && st.st_size == 4, "truncate");
    fd = open("f2", O_RDWR);
    check(ftruncate(fd, 2) == 0 && fstat(fd, &st) == 0 && st.st_size == 2, "ftruncate");
    check(fsync(fd) == 0, "fsync");
    close(fd);
    fd = open("f2", O_RDONLY);
    fails(ftruncate(fd, 0), EBADF, "ftruncate read-only EBADF");
    close(fd);
    fails(truncate(".", 0), EISDIR, "truncate dir EISDIR");
    check(link("f2", "f2link") == 0 && stat("f2", &st) == 0 && st.st_nlink == 2, "link");
    fails(link("f2", "f2link"), EEXIST, "link EEXIST");
    fails(link(".", "dirlink"), EPERM, "link dir EPERM");
    check(unlink("f2link") == 0 && stat("f2", &st) == 0 && st.st_nlink == 1, "unlink");
    fails(unlink("f2link"), ENOENT, "unlink ENOENT");
    check(symlink("f2", "sl") == 0, "symlink");
    check(lstat("sl", &st) == 0 && S_ISLNK(st.st_mode), "lstat symlink");
    check(stat("sl", &st) == 0 && S_ISREG(st.st_mode), "stat follows symlink");
    n = readlink("sl", buf, sizeof buf);
    check(n == 2 && memcmp(buf, "f2", 2) == 0, "readlink");
    fails(readlink("f2", buf, sizeof buf), EINVAL, "readlink non-link EINVAL");
    check(symlink("loop2", "loop1") == 0 && symlink("loop1", "loop2") == 0, "symlink loop");
    fails(open("loop1", O_RDONLY), ELOOP, "symlink loop ELOOP");
    check(symlink("/tmp/b/f2", "abs") == 0 && get("abs", buf, sizeof buf) == 2, "absolute symlink");
    check(mkdir("d", 0755) == 0 && stat("d", &st) == 0 && S_ISDIR(st.st_mode), "mkdir");
    fails(mkdir("d", 0755), EEXIST, "mkdir EEXIST");
    check(put("d/inner", "x", 0644) == 0, "file in dir");
    fails(rmdir("d"), ENOTEMPTY, "rmdir ENOTEMPTY");
    fails(rmdir("f2"), ENOTDIR, "rmdir file ENOTDIR");
    fails(unlink("d"), EPERM, "unlink dir EPERM");
    check(rename("d/inner", "moved") == 0 && access("moved", F_OK) == 0
          && access("d/inner", F_OK) == -1, "rename file");
    check(rename("d", "d2") == 0 && stat("d2", &st) == 0, "rename dir");
    check(mkdir("d2/sub", 0755) == 0, "mkdir sub");
    fails(rename("d2", "d2/sub/x"), EINVAL, "rename into itself EINVAL");
    check(chdir("d2/sub") == 0 && get("../../moved", buf, sizeof buf) == 1, "dotdot");
    check(chdir("/tmp/b") == 0, "chdir back");
    check(rmdir("d2/sub") == 0 && rmdir("d2") == 0, "rmdir");
    fails(chdir("f2"), ENOTDIR, "chdir file ENOTDIR");
    memset(name, 'a', 61);
    name[61] = 0;
    fails(open(name, O_RDONLY | O_CREAT, 0644), ENAMETOOLONG, "NAME_MAX ENAMETOOLONG");
    memset(name, 'b', 290);
    name[290] = 0;
    fails(open(name, O_RDONLY), ENAMETOOLONG, "PATH_MAX ENAMETOOLONG");
    fails(open("", O_RDONLY), ENOENT, "empty path ENOENT");
    d = opendir(".");
    found = 0;
    while (d && (e = readdir(d)) != NULL)
        found += strcmp(e->d_name, "f2") == 0 || strcmp(e->d_name, "moved") == 0
                 || strcmp(e->d_name, "..") == 0;
    check(d != NULL && found == 3, "getdents via readdir");
    if (d)
        closedir(d);
    ut.actime = 1000000;
    ut.modtime = 2000000;
    check(utime("f2", &ut) == 0 && stat("f2", &st) == 0 && st.st_mtime == 2000000
          && st.st_atime == 1000000, "utime");
    check(utime("f2", NULL) == 0 && stat("f2", &st) == 0 && st.st_mtime > 2000000, "utime NULL");
    check(chmod("f2", 0640) == 0 && stat("f2", &st) == 0 && (st.st_mode & 07777) == 0640, "chmod");
    fd = open("f2", O_RDONLY);
    check(fchmod(fd, 0604) == 0 && fstat(fd, &st) == 0 && (st.st_mode & 07777) == 0604, "fchmod");
    check(fchown(fd, 1000, 0) == 0 && fstat(fd, &st) == 0 && st.st_uid == 1000, "fchown");
    check(fchdir(fd) == -1 && errno == ENOTDIR, "fchdir file ENOTDIR");
    close(fd);
    check(chown("f2", 0, 0) == 0 && stat("f2", &st) == 0 && st.st_uid == 0, "chown");
    i = umask(077);
    check(put("masked", "m", 0666) == 0 && stat("masked", &st) == 0
          && (st.st_mode & 0777) == 0600, "umask");
    umask(i);
    check(statvfs("/", &sv) == 0 && sv.f_bsize > 0 && sv.f_blocks > sv.f_bfree, "statvfs");
    check(mknod("fifo", S_IFIFO | 0644, 0) == 0 && stat("fifo", &st) == 0
          && S_ISFIFO(st.st_mode), "mknod fifo");
    check(sync() == 0, "sync");
    fd = open("/tmp/b", O_RDONLY);
    check(fd >= 0 && chdir("/") == 0 && fchdir(fd) == 0 && access("f2", F_OK) == 0, "fchdir");
    close(fd);
    unlink("f1"); unlink("f2"); unlink("sl"); unlink("loop1"); unlink("loop2");
    unlink("abs"); unlink("moved"); unlink("masked"); unlink("fifo");
    check(chdir("/tmp") == 0 && rmdir("b") == 0, "clean up");
}

static void devices(void)
{
    char buf[64];
    int fd, i, nz;

    fd = open("/dev/null", O_RDWR);
    check(fd >= 0 && write(fd, "abc", 3) == 3 && read(fd, buf, sizeof buf) == 0, "/dev/null");
    close(fd);
    fd = open("/dev/zero", O_RDONLY);
    memset(buf, 7, sizeof buf);
    check(fd >= 0 && read(fd, buf, sizeof buf) == sizeof buf, "/dev/zero read");
    for (i = 0, nz = 0; i < (int) sizeof buf; i++)
        nz |= buf[i];
    check(nz == 0, "/dev/zero gives zeros");
    close(fd);
    fd = open("/dev/tty", O_WRONLY);
    check(fd >= 0 && write(fd, "tty ok\n", 7) == 7, "/dev/tty write");
    close(fd);
    fd = open("/dev/c0d0p0", O_RDONLY);
    check(fd >= 0 && lseek(fd, 1024 + 24, SEEK_SET) == 1048 && read(fd, buf, 2) == 2
          && (unsigned char) buf[0] == 0x5A && (unsigned char) buf[1] == 0x4D,
          "block device read: super block magic");
    close(fd);
}

/* Bytes written to a partition's boot block (unused by the file system)
 * through the block device, unaligned, and read back around them. */
static void blockwrite(const char *dev)
{
    unsigned char before[32], after[32];
    int fd = open(dev, O_RDWR), i, same = 1;

    check(fd >= 0, "open a partition read-write");
    check(lseek(fd, 96, SEEK_SET) == 96 && read(fd, before, 32) == 32, "read 32 bytes at 96");
    check(lseek(fd, 100, SEEK_SET) == 100 && write(fd, "abc", 3) == 3, "write 3 bytes at 100");
    check(lseek(fd, 96, SEEK_SET) == 96 && read(fd, after, 32) == 32, "read them back");
    for (i = 0; i < 32; i++)
        if (i < 4 || i >= 7)
            same &= before[i] == after[i];
    check(same && memcmp(after + 4, "abc", 3) == 0, "only those 3 bytes changed");
    close(fd);
}

static void perm(void)
{
    char buf[64];
    struct stat st;
    int fd;

    /* as root: set the scene */
    mkdir("/tmp/p", 0755);
    put("/tmp/p/secret", "s", 0600);
    put("/tmp/p/public", "p", 0644);
    put("/tmp/p/rootexec", "x", 0644);
    mkdir("/tmp/p/locked", 0700);
    put("/tmp/p/locked/inside", "i", 0644);
    check(access("/tmp/p/secret", R_OK | W_OK) == 0, "root reads and writes a 0600 file");
    fails(access("/tmp/p/rootexec", X_OK), EACCES, "root needs an x bit to execute");
    check(setgid(1000) == 0 && setuid(1000) == 0 && getuid() == 1000, "become uid 1000");
    fails(open("/tmp/p/secret", O_RDONLY), EACCES, "uid 1000 read 0600 EACCES");
    fails(open("/tmp/p/public", O_WRONLY), EACCES, "uid 1000 write 0644 EACCES");
    check(get("/tmp/p/public", buf, sizeof buf) == 1, "uid 1000 reads 0644");
    fails(open("/tmp/p/locked/inside", O_RDONLY), EACCES, "search permission EACCES");
    fails(stat("/tmp/p/locked/inside", &st), EACCES, "stat through 0700 dir EACCES");
    fails(open("/tmp/p/new", O_WRONLY | O_CREAT, 0644), EACCES, "create in 0755 root dir EACCES");
    fails(unlink("/tmp/p/public"), EACCES, "unlink in root's dir EACCES");
    fails(mkdir("/tmp/p/dir", 0755), EACCES, "mkdir in root's dir EACCES");
    fails(chmod("/tmp/p/public", 0777), EPERM, "chmod another's file EPERM");
    fails(chown("/tmp/p/public", 1000, 1000), EPERM, "chown EPERM");
    fails(mknod("/tmp/cdev", S_IFCHR | 0644, 0x0103), EPERM, "mknod device EPERM");
    fails(chroot("/tmp"), EPERM, "chroot EPERM");
    fails(setuid(0), EPERM, "setuid(0) EPERM");
    fails(access("/tmp/p/secret", R_OK), EACCES, "access EACCES");
    fd = open("/tmp/mine", O_WRONLY | O_CREAT | O_TRUNC, 0600);
    check(fd >= 0 && fstat(fd, &st) == 0 && st.st_uid == 1000, "create in sticky /tmp as 1000");
    close(fd);
    check(chmod("/tmp/mine", 0644) == 0, "chmod own file");
    fails(unlink("/tmp/p/secret"), EACCES, "unlink without dir write EACCES");
    check(unlink("/tmp/mine") == 0, "unlink own file in /tmp");
}

static void mounts(void)
{
    char buf[64];
    struct stat st, root, mnt;
    int fd;

    fails(mount("/etc/passwd", "/mnt", 0, NULL, NULL), ENOTBLK, "mount a file ENOTBLK");
    fails(mount("/dev/c0d0p1", "/etc/passwd", 0, NULL, NULL), ENOTDIR, "mount on a file ENOTDIR");
    check(mount("/dev/c0d0p1", "/mnt", 0, NULL, NULL) == 0, "mount");
    fails(mount("/dev/c0d0p1", "/tmp", 0, NULL, NULL), EBUSY, "mount it twice EBUSY");
    check(get("/mnt/hello", buf, sizeof buf) > 0 && strcmp(buf, "from the second partition\n") == 0,
          "read a file of the mounted file system");
    check(stat("/", &root) == 0 && stat("/mnt", &mnt) == 0 && root.st_dev != mnt.st_dev,
          "a mounted root is another device");
    check(stat("/mnt/sub/../..", &st) == 0 && st.st_ino == root.st_ino && st.st_dev == root.st_dev,
          "dotdot leaves the mount");
    check(chdir("/mnt/sub") == 0 && stat("../../etc/passwd", &st) == 0 && chdir("/") == 0,
          "relative dotdot across the mount");
    check(put("/mnt/new", "new file", 0644) == 0, "write on the mounted file system");
    fails(rename("/mnt/new", "/tmp/new"), EXDEV, "rename across file systems EXDEV");
    fails(link("/mnt/new", "/tmp/new"), EXDEV, "link across file systems EXDEV");
    fails(rmdir("/mnt"), EBUSY, "rmdir a mount point EBUSY");
    fd = open("/mnt/hello", O_RDONLY);
    fails(umount("/dev/c0d0p1"), EBUSY, "umount with an open file EBUSY");
    close(fd);
    check(umount("/dev/c0d0p1") == 0, "umount");
    check(stat("/mnt/hello", &st) == -1 && errno == ENOENT, "the mount point is bare again");
    check(mount("/dev/c0d0p1", "/mnt", MS_RDONLY, NULL, NULL) == 0, "mount read-only");
    check(get("/mnt/new", buf, sizeof buf) == 8, "the write survived the umount");
    fails(open("/mnt/other", O_WRONLY | O_CREAT, 0644), EROFS, "create on read-only EROFS");
    fails(unlink("/mnt/new"), EROFS, "unlink on read-only EROFS");
    check(umount("/mnt") == 0, "umount by mount point");
    if (fork() == 0) {
        setuid(1000);
        fails(mount("/dev/c0d0p1", "/mnt", 0, NULL, NULL), EPERM, "mount as uid 1000 EPERM");
        fails(umount("/"), EPERM, "umount as uid 1000 EPERM");
        exit(failures);
    }
    wait(&fd);
    failures += WEXITSTATUS(fd);
    fails(umount("/dev/c0d0p0"), EBUSY, "umount the root EBUSY");
}

/* `fsops mountdisk DEVICE`: another disk (-hdb) mounted on /mnt is read
 * (every name, and /mnt/hello if it is there), takes a file, a directory and
 * 64 KiB of data, and keeps them across a umount and a read-only mount. */
static void mountdisk(const char *dev)
{
    static char big[65536], back[65536];
    char buf[64];
    DIR *d;
    struct dirent *e;
    int fd, i, n = 0;

    check(mount((char *) dev, "/mnt", 0, NULL, NULL) == 0, "mount the other disk");
    d = opendir("/mnt");
    check(d != NULL, "opendir its root");
    while (d != NULL && (e = readdir(d)) != NULL) {
        printf("name %s\n", e->d_name);
        n++;
    }
    if (d != NULL)
        closedir(d);
    check(n >= 2, "its root lists . and ..");
    if (get("/mnt/hello", buf, sizeof buf) >= 0)
        printf("hello %s", buf);
    check(put("/mnt/written", "written by minixemu\n", 0644) == 0, "create a file on it");
    check(mkdir("/mnt/newdir", 0755) == 0, "mkdir on it");
    for (i = 0; i < (int) sizeof big; i++)
        big[i] = (char) (i * 7 + 3);
    fd = open("/mnt/newdir/big", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    check(fd >= 0 && write(fd, big, sizeof big) == (ssize_t) sizeof big && close(fd) == 0,
          "write 64 KiB on it");
    check(umount(dev) == 0, "umount it");
    check(mount((char *) dev, "/mnt", MS_RDONLY, NULL, NULL) == 0, "mount it again read-only");
    check(get("/mnt/written", buf, sizeof buf) == 20 && strcmp(buf, "written by minixemu\n") == 0,
          "the file is there after the umount");
    fd = open("/mnt/newdir/big", O_RDONLY);
    check(fd >= 0 && read(fd, back, sizeof back) == (ssize_t) sizeof back
          && memcmp(big, back, sizeof big) == 0, "the 64 KiB read back");
    if (fd >= 0)
        close(fd);
    fails(open("/mnt/other", O_WRONLY | O_CREAT, 0644), EROFS, "create on read-only EROFS");
    check(umount("/mnt") == 0, "umount it again");
}

static void groups(void)
{
    char buf[16];
    gid_t list[2] = {50, 60}, got[8];
    pid_t pid;
    int status;

    mkdir("/tmp/g", 0750);
    check(chown("/tmp/g", 0, 50) == 0, "a directory of group 50, mode 0750");
    put("/tmp/g/f", "g", 0640);
    chown("/tmp/g/f", 0, 60);
    pid = fork();
    if (pid == 0) {
        check(setgroups(2, list) == 0, "setgroups as root");
        check(getgroups(0, got) == 2 && getgroups(8, got) == 2 && got[0] == 50 && got[1] == 60,
              "getgroups");
        check(setgid(1000) == 0 && setuid(1000) == 0, "become uid 1000 in groups 50 and 60");
        fails(setgroups(1, list), EPERM, "setgroups as uid 1000 EPERM");
        check(get("/tmp/g/f", buf, sizeof buf) == 1, "supplementary groups search and read");
        fails(open("/tmp/g/f", O_WRONLY), EACCES, "group has no write bit EACCES");
        exit(failures);
    }
    waitpid(pid, &status, 0);
    failures += WEXITSTATUS(status);
    pid = fork();
    if (pid == 0) {
        setgroups(0, list);
        setgid(1000);
        setuid(1000);
        fails(open("/tmp/g/f", O_RDONLY), EACCES, "without the groups EACCES");
        exit(failures);
    }
    waitpid(pid, &status, 0);
    failures += WEXITSTATUS(status);
    unlink("/tmp/g/f");
    rmdir("/tmp/g");
}

/* Open /dev/null until it fails; how many opened, errno left as the failure's. */
static int open_all(void)
{
    int n = 0;
    while (open("/dev/null", O_RDONLY) >= 0)
        n++;
    return n;
}

static void close_from(int fd)
{
    for (; fd < 255; fd++)
        close(fd);
}

/* OPEN_MAX descriptors a process, NR_FILPS (512) open files in the system:
 * 3 console files inherited from init, then 252 + 252 + 5 here. */
static void limits(void)
{
    pid_t a, b;
    int status, n;

    n = open_all();
    check(n == 252 && errno == EMFILE, "EMFILE after 255 descriptors");
    a = fork();
    if (a == 0) {
        close_from(3);                  /* the parent still holds those files */
        n = open_all();
        check(n == 252 && errno == EMFILE, "a child opens its own 252");
        b = fork();
        if (b == 0) {
            close_from(3);
            n = open_all();
            printf("%d more\n", n);
            check(n == 5 && errno == ENFILE, "ENFILE when the 512 open files are used");
            exit(failures);
        }
        waitpid(b, &status, 0);
        exit(failures + WEXITSTATUS(status));
    }
    waitpid(a, &status, 0);
    failures += WEXITSTATUS(status);
    close_from(3);
    check(open("/dev/null", O_RDONLY) == 3, "descriptors and files free again");
}

static void perm_cleanup(void)
{
    unlink("/tmp/p/secret"); unlink("/tmp/p/public"); unlink("/tmp/p/rootexec");
    unlink("/tmp/p/locked/inside"); rmdir("/tmp/p/locked");
    check(rmdir("/tmp/p") == 0, "perm clean up");
}

int main(int argc, char **argv)
{
    char buf[4096];
    int n;

    if (argc >= 2 && strcmp(argv[1], "basic") == 0) {
        basic();
    } else if (argc == 3 && strcmp(argv[1], "blockwrite") == 0) {
        blockwrite(argv[2]);
    } else if (argc >= 2 && strcmp(argv[1], "limits") == 0) {
        limits();
    } else if (argc >= 2 && strcmp(argv[1], "mount") == 0) {
        mounts();
    } else if (argc == 4 && strcmp(argv[1], "rename") == 0) {
        check(rename(argv[2], argv[3]) == 0, "rename");
    } else if (argc == 3 && strcmp(argv[1], "mountdisk") == 0) {
        mountdisk(argv[2]);
    } else if (argc >= 2 && strcmp(argv[1], "devices") == 0) {
        devices();
    } else if (argc >= 2 && strcmp(argv[1], "perm") == 0) {
        pid_t pid = fork();
        int status;
        if (pid == 0) {
            perm();
            exit(failures);
        }
        waitpid(pid, &status, 0);
        failures += WEXITSTATUS(status);
        perm_cleanup();
        groups();
    } else if (argc == 4 && strcmp(argv[1], "write") == 0) {
        check(put(argv[2], argv[3], 0644) == 0, "write file");
    } else if (argc == 3 && strcmp(argv[1], "read") == 0) {
        n = get(argv[2], buf, sizeof buf);
        check(n >= 0, "read file");
        if (n >= 0)
            printf("%s\n", buf);
    } else {
        fprintf(stderr, "usage: fsops basic|devices|perm|mount|mountdisk DEV|rename OLD NEW|write FILE TEXT|read FILE\n");
        return 100;
    }
    return failures;
}
