/* Regular files: open/creat flags and access modes, read, write, lseek and
 * holes, dup/dup2/fcntl, truncate, sync/fsync, umask, and the errors
 * EEXIST, ENOENT, ENOTDIR, EISDIR, EBADF, EINVAL, EMFILE, ENAMETOOLONG, EFBIG. */
#include <limits.h>
#include <sys/statvfs.h>
#include "fstest.h"

#define D "/tmp/fs_files"

static const char *const junk[] = {
    D "/a", D "/b", D "/c", D "/hole", D "/big", D "/app", D "/trunc", D "/" "m", D "/dir", D, NULL
};

static void open_flags(void)
{
    char buf[64];
    int fd, fd2;

    /* O_CREAT makes, O_EXCL refuses an existing name, O_TRUNC empties. */
    CHECK_OK(fd = open(D "/a", O_WRONLY | O_CREAT | O_EXCL, 0644));
    CHECK_EQ(write(fd, "hello", 5), 5);
    CHECK_OK(close(fd));
    CHECK_ERR(open(D "/a", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
    CHECK(strcmp(get_file(D "/a", buf, sizeof(buf)), "hello") == 0);
    CHECK_OK(fd = open(D "/a", O_RDWR | O_TRUNC));
    CHECK_EQ(read(fd, buf, sizeof(buf)), 0);
    CHECK_OK(close(fd));

    /* creat is O_WRONLY | O_CREAT | O_TRUNC. */
    put_file(D "/b", 0644, "0123456789");
    CHECK_OK(fd = creat(D "/b", 0644));
    CHECK_ERR(read(fd, buf, 1), EBADF);
    CHECK_EQ(write(fd, "xy", 2), 2);
    CHECK_OK(close(fd));
    CHECK(strcmp(get_file(D "/b", buf, sizeof(buf)), "xy") == 0);

    /* Access modes. */
    CHECK_OK(fd = open(D "/b", O_RDONLY));
    CHECK_ERR(write(fd, "z", 1), EBADF);
    CHECK_OK(close(fd));
    CHECK_OK(fd = open(D "/b", O_WRONLY));
    CHECK_ERR(read(fd, buf, 1), EBADF);
    CHECK_OK(close(fd));

    /* O_APPEND: every write goes to the end, whatever the offset. */
    put_file(D "/app", 0644, "abc");
    CHECK_OK(fd = open(D "/app", O_WRONLY | O_APPEND));
    CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
    CHECK_EQ(write(fd, "def", 3), 3);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 6);
    CHECK_OK(close(fd));
    CHECK(strcmp(get_file(D "/app", buf, sizeof(buf)), "abcdef") == 0);

    /* O_NONBLOCK on a regular file changes nothing; F_GETFL shows it. */
    CHECK_OK(fd = open(D "/app", O_RDONLY | O_NONBLOCK));
    CHECK_OK(fd2 = fcntl(fd, F_GETFL));
    CHECK((fd2 & O_NONBLOCK) && (fd2 & O_ACCMODE) == O_RDONLY);
    CHECK_EQ(read(fd, buf, 3), 3);
    CHECK_OK(close(fd));

    /* Errors of the name. */
    CHECK_ERR(open(D "/missing", O_RDONLY), ENOENT);
    CHECK_ERR(open(D "/nodir/x", O_RDWR | O_CREAT, 0644), ENOENT);
    CHECK_ERR(open(D "/a/x", O_RDONLY), ENOTDIR);
    CHECK_ERR(open(D "/a/x", O_RDWR | O_CREAT, 0644), ENOTDIR);
    CHECK_ERR(open(D, O_WRONLY), EISDIR);
    CHECK_ERR(open(D, O_RDWR), EISDIR);
    CHECK_ERR(open("", O_RDONLY), ENOENT);
}

static void names_too_long(void)
{
    char name[NAME_MAX + 2 + sizeof(D) + 1], path[PATH_MAX + 10];
    int fd;

    /* A component of NAME_MAX bytes is fine; one more is ENAMETOOLONG. */
    strcpy(name, D "/");
    memset(name + strlen(name), 'n', NAME_MAX);
    name[strlen(D) + 1 + NAME_MAX] = '\0';
    CHECK_OK(fd = open(name, O_WRONLY | O_CREAT, 0644));
    CHECK_OK(close(fd));
    CHECK_OK(unlink(name));
    strcat(name, "n");
    CHECK_ERR(open(name, O_WRONLY | O_CREAT, 0644), ENAMETOOLONG);
    CHECK_ERR(stat(name, &(struct stat) {0}), ENAMETOOLONG);

    /* A path of PATH_MAX bytes or more ("/./././...") is ENAMETOOLONG. */
    strcpy(path, "/");
    while (strlen(path) < PATH_MAX + 2)
        strcat(path, "./");
    strcat(path, "tmp");
    CHECK_ERR(open(path, O_RDONLY), ENAMETOOLONG);
}

/* MINIX 3.1.8's MFS maps 7 direct zones, one indirect and one double
 * indirect block: with 1 KiB blocks a file reaches (7 + 256 + 256 * 256) KiB,
 * 64 MiB and more. Its last byte can be written (a sparse file) and read
 * back; the next one is EFBIG there, or fine where triple indirect blocks
 * are mapped too (Linux does). */
static void biggest_file(void)
{
    struct statvfs sv;
    struct stat st;
    long n, max, r;
    int fd;

    CHECK_OK(statvfs(D, &sv));
    n = (long) sv.f_bsize / 4;
    if ((7 + n + n * n) > 0x7FFFFFFFL / (long) sv.f_bsize)
        return;                                 /* 4 KiB blocks: off_t ends first */
    max = (7 + n + n * n) * (long) sv.f_bsize;
    CHECK(max >= 64L << 20);
    CHECK_OK(fd = open(D "/big", O_RDWR | O_CREAT | O_TRUNC, 0644));
    CHECK_EQ(lseek(fd, max - 1, SEEK_SET), max - 1);
    CHECK_EQ(write(fd, "L", 1), 1);
    CHECK_OK(fstat(fd, &st));
    CHECK_EQ(st.st_size, max);
    errno = 0;
    r = write(fd, "M", 1);
    CHECK(r == 1 || (r == -1 && errno == EFBIG));
    CHECK_EQ(lseek(fd, max - 1, SEEK_SET), max - 1);
    CHECK_EQ(read(fd, &st, 1), 1);
    CHECK_EQ(*(char *) &st, 'L');
    CHECK_OK(close(fd));
    CHECK_OK(unlink(D "/big"));
}

static void seek_and_holes(void)
{
    char buf[4096];
    struct stat st;
    int fd, i;

    CHECK_OK(fd = open(D "/hole", O_RDWR | O_CREAT | O_TRUNC, 0644));
    CHECK_EQ(write(fd, "start", 5), 5);
    CHECK_EQ(lseek(fd, 100000, SEEK_SET), 100000);
    CHECK_EQ(write(fd, "end", 3), 3);
    CHECK_OK(fstat(fd, &st));
    CHECK_EQ(st.st_size, 100003);
    CHECK_EQ(lseek(fd, -3, SEEK_END), 100000);
    CHECK_EQ(read(fd, buf, 10), 3);
    CHECK(memcmp(buf, "end", 3) == 0);
    CHECK_EQ(lseek(fd, 0, SEEK_END), 100003);
    CHECK_EQ(read(fd, buf, 10), 0);             /* at the end: 0 */
    CHECK_EQ(lseek(fd, 5, SEEK_SET), 5);
    CHECK_EQ(lseek(fd, 50000, SEEK_CUR), 50005);
    CHECK_EQ(read(fd, buf, sizeof(buf)), sizeof(buf));
    for (i = 0; i < (int) sizeof(buf); i++)      /* a hole reads as zeros */
        if (buf[i] != 0)
            break;
    CHECK_EQ(i, sizeof(buf));
    CHECK_ERR(lseek(fd, -1, SEEK_SET), EINVAL);
    CHECK_ERR(lseek(fd, 0, 42), EINVAL);
    CHECK_ERR(lseek(99, 0, SEEK_SET), EBADF);

    /* A byte at the largest offset would make the size 2^31, which off_t
     * cannot hold (and no MINIX file system maps): EFBIG, nothing written. */
    CHECK_EQ(lseek(fd, 0x7FFFFFFF, SEEK_SET), 0x7FFFFFFF);
    CHECK_ERR(write(fd, "x", 1), EFBIG);
    CHECK_OK(fstat(fd, &st));
    CHECK_EQ(st.st_size, 100003);
    CHECK_OK(close(fd));
    biggest_file();
}

static void descriptors(void)
{
    char buf[16];
    int fd, fd2, fd3, flags, i, fds[OPEN_MAX + 1], n, before;

    put_file(D "/c", 0644, "0123456789");
    CHECK_OK(fd = open(D "/c", O_RDONLY));
    /* dup shares the offset. */
    CHECK_OK(fd2 = dup(fd));
    CHECK(fd2 != fd);
    CHECK_EQ(read(fd, buf, 4), 4);
    CHECK_EQ(lseek(fd2, 0, SEEK_CUR), 4);
    /* dup2 closes its target first; dup2(fd, fd) is fd. */
    CHECK_OK(fd3 = open(D "/a", O_RDONLY));
    CHECK_EQ(dup2(fd, fd3), fd3);
    CHECK_EQ(read(fd3, buf, 2), 2);
    CHECK(memcmp(buf, "45", 2) == 0);
    CHECK_EQ(dup2(fd, fd), fd);
    CHECK_ERR(dup2(fd, -1), EBADF);
    CHECK_ERR(dup2(99, fd3), EBADF);
    CHECK_ERR(dup(99), EBADF);
    /* fcntl: F_DUPFD takes the lowest free at or above its argument. */
    CHECK_EQ(fcntl(fd, F_DUPFD, 20), 20);
    CHECK_OK(close(20));
    CHECK_EQ(fcntl(fd, F_GETFD), 0);
    CHECK_OK(fcntl(fd, F_SETFD, FD_CLOEXEC));
    CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
    CHECK_EQ(fcntl(fd2, F_GETFD), 0);           /* the flag is per descriptor */
    CHECK_OK(flags = fcntl(fd, F_GETFL));
    CHECK_EQ(flags & O_ACCMODE, O_RDONLY);
    CHECK_ERR(fcntl(99, F_GETFD), EBADF);
    CHECK_ERR(fcntl(fd, 9999), EINVAL);
    CHECK_OK(close(fd));
    CHECK_OK(close(fd2));
    CHECK_OK(close(fd3));
    CHECK_ERR(close(fd3), EBADF);
    CHECK_ERR(close(-1), EBADF);
    CHECK_ERR(read(fd3, buf, 1), EBADF);
    CHECK_ERR(write(fd3, buf, 1), EBADF);

    /* O_APPEND set later with F_SETFL. */
    CHECK_OK(fd = open(D "/c", O_WRONLY));
    CHECK_OK(fcntl(fd, F_SETFL, O_APPEND));
    CHECK(fcntl(fd, F_GETFL) & O_APPEND);
    CHECK_EQ(write(fd, "ab", 2), 2);
    CHECK_OK(close(fd));
    CHECK(strcmp(get_file(D "/c", buf, sizeof(buf)), "0123456789ab") == 0);

    /* EMFILE: a process has OPEN_MAX descriptors. */
    before = open_fds();
    n = 0;
    for (i = 0; i <= OPEN_MAX; i++) {
        fds[i] = open(D "/c", O_RDONLY);
        if (fds[i] < 0)
            break;
        n++;
    }
    CHECK_EQ(errno, EMFILE);
    CHECK_EQ(n + before, OPEN_MAX);
    CHECK_ERR(dup(0), EMFILE);
    for (i = 0; i < n; i++)
        CHECK_OK(close(fds[i]));
    CHECK_OK(fd = open(D "/c", O_RDONLY));
    CHECK_OK(close(fd));
}

static void truncation_and_sync(void)
{
    char buf[64];
    struct stat st;
    int fd, i;

    put_file(D "/trunc", 0644, "0123456789");
    CHECK_OK(truncate(D "/trunc", 4));
    CHECK(strcmp(get_file(D "/trunc", buf, sizeof(buf)), "0123") == 0);
    CHECK_OK(truncate(D "/trunc", 8));          /* growing adds zeros */
    CHECK_OK(fd = open(D "/trunc", O_RDWR));
    CHECK_EQ(read(fd, buf, sizeof(buf)), 8);
    CHECK(memcmp(buf, "0123\0\0\0\0", 8) == 0);
    CHECK_OK(ftruncate(fd, 2));
    CHECK_OK(fstat(fd, &st));
    CHECK_EQ(st.st_size, 2);
    CHECK_OK(ftruncate(fd, 3000));
    CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
    CHECK_EQ(read(fd, buf, 4), 4);
    CHECK(memcmp(buf, "01\0\0", 4) == 0);
    CHECK_OK(fsync(fd));
    CHECK_OK(close(fd));
    CHECK_OK(fd = open(D "/trunc", O_RDONLY));
    CHECK_ERR2(ftruncate(fd, 0), EBADF, EINVAL);    /* not open for writing */
    CHECK_OK(close(fd));
    CHECK_ERR(truncate(D "/missing", 0), ENOENT);
    CHECK_ERR2(truncate(D, 0), EISDIR, EINVAL);     /* POSIX: EISDIR; 3.1.8: EINVAL */
    CHECK_ERR(ftruncate(99, 0), EBADF);
    CHECK_ERR(fsync(99), EBADF);
    CHECK_OK(sync());
    for (i = 0; i < 2; i++)
        CHECK_OK(sync());
}

static void mask(void)
{
    struct stat st;
    mode_t old;

    old = umask(022);
    CHECK_EQ(umask(077), 022);
    put_file(D "/m", 0666, "x");
    CHECK_OK(stat(D "/m", &st));
    CHECK_EQ(st.st_mode & 0777, 0600);
    CHECK_OK(mkdir(D "/dir", 0777));
    CHECK_OK(stat(D "/dir", &st));
    CHECK_EQ(st.st_mode & 0777, 0700);
    CHECK_EQ(umask(old), 077);
}

int main(void)
{
    scrub(junk);
    CHECK_OK(mkdir(D, 0755));
    open_flags();
    names_too_long();
    seek_and_holes();
    descriptors();
    truncation_and_sync();
    mask();
    scrub(junk);
    return fs_done("fs_files");
}
