/* Directories: mkdir, rmdir, unlink, link, rename (files and directories,
 * EINVAL into itself), chdir/fchdir/getcwd, chroot, opendir/readdir/
 * rewinddir/closedir and getdents, realpath; with their errors EEXIST,
 * ENOENT, ENOTDIR, ENOTEMPTY, EISDIR, EPERM, EBUSY, EINVAL. */
#include <dirent.h>
#include <limits.h>
#include "fstest.h"

#define D "/tmp/fs_dirs"

static const char *const junk[] = {
    D "/d/e/f", D "/d/e", D "/d/g", D "/d", D "/f", D "/f2", D "/hard", D "/x", D "/y/z",
    D "/y", D "/r/sub", D "/r/file", D "/r", D "/list/one", D "/list/two", D "/list/three",
    D "/list", D "/root/etc", D "/root/inside", D "/root", D, NULL
};

static void make_and_remove(void)
{
    struct stat st;

    CHECK_OK(mkdir(D "/d", 0755));
    CHECK_OK(stat(D "/d", &st));
    CHECK(S_ISDIR(st.st_mode));
    CHECK_EQ(st.st_nlink, 2);                   /* its entry and its "." */
    CHECK_OK(mkdir(D "/d/e", 0755));
    CHECK_OK(stat(D "/d", &st));
    CHECK_EQ(st.st_nlink, 3);                   /* e's ".." */
    CHECK_ERR(mkdir(D "/d", 0755), EEXIST);
    CHECK_ERR(mkdir(D "/nope/x", 0755), ENOENT);
    put_file(D "/f", 0644, "file");
    CHECK_ERR(mkdir(D "/f", 0755), EEXIST);
    CHECK_ERR(mkdir(D "/f/x", 0755), ENOTDIR);

    /* rmdir: only empty directories, never "." or "/". */
    put_file(D "/d/e/f", 0644, "x");
    CHECK_ERR(rmdir(D "/d/e"), ENOTEMPTY);
    CHECK_ERR(rmdir(D "/f"), ENOTDIR);
    CHECK_ERR(rmdir(D "/missing"), ENOENT);
    CHECK_ERR(rmdir(D "/d/e/."), EINVAL);
    CHECK_ERR2(rmdir("/"), EBUSY, EINVAL);
    /* unlink: files only. */
    CHECK_ERR(unlink(D "/d/e"), EPERM);
    CHECK_ERR(unlink(D "/d/e/missing"), ENOENT);
    CHECK_ERR(unlink(D "/f/x"), ENOTDIR);
    CHECK_OK(unlink(D "/d/e/f"));
    CHECK_ERR(stat(D "/d/e/f", &st), ENOENT);
    CHECK_OK(rmdir(D "/d/e"));
    CHECK_OK(stat(D "/d", &st));
    CHECK_EQ(st.st_nlink, 2);
}

static void hard_links(void)
{
    struct stat st, st2;
    char buf[16];

    CHECK_OK(link(D "/f", D "/hard"));
    CHECK_OK(stat(D "/f", &st));
    CHECK_OK(stat(D "/hard", &st2));
    CHECK_EQ(st.st_ino, st2.st_ino);
    CHECK_EQ(st.st_nlink, 2);
    CHECK_ERR(link(D "/f", D "/hard"), EEXIST);
    CHECK_ERR(link(D "/missing", D "/x"), ENOENT);
    CHECK_ERR(link(D "/d", D "/x"), EPERM);     /* no links to directories */
    CHECK_ERR(link(D "/f", D "/nodir/x"), ENOENT);
    CHECK_OK(unlink(D "/f"));
    CHECK(strcmp(get_file(D "/hard", buf, sizeof(buf)), "file") == 0);
    CHECK_OK(stat(D "/hard", &st2));
    CHECK_EQ(st2.st_nlink, 1);
    put_file(D "/f", 0644, "file");
}

static void renames(void)
{
    struct stat st, st2;
    char buf[16];

    /* A file to a new name, then over an existing file. */
    CHECK_OK(stat(D "/f", &st));
    CHECK_OK(rename(D "/f", D "/x"));
    CHECK_ERR(stat(D "/f", &st2), ENOENT);
    CHECK_OK(stat(D "/x", &st2));
    CHECK_EQ(st.st_ino, st2.st_ino);
    put_file(D "/f2", 0644, "other");
    CHECK_OK(rename(D "/f2", D "/x"));
    CHECK(strcmp(get_file(D "/x", buf, sizeof(buf)), "other") == 0);
    CHECK_OK(rename(D "/x", D "/x"));           /* to itself: nothing happens */
    CHECK_ERR(rename(D "/missing", D "/y"), ENOENT);

    /* A directory moves with its contents; ".." follows it. */
    CHECK_OK(mkdir(D "/r", 0755));
    CHECK_OK(mkdir(D "/r/sub", 0755));
    put_file(D "/r/file", 0644, "in r");
    CHECK_OK(mkdir(D "/y", 0755));
    CHECK_OK(rename(D "/r/sub", D "/y/z"));
    CHECK_OK(stat(D "/y/z/..", &st));
    CHECK_OK(stat(D "/y", &st2));
    CHECK_EQ(st.st_ino, st2.st_ino);
    CHECK_OK(stat(D "/r", &st));
    CHECK_EQ(st.st_nlink, 2);

    /* Errors: into itself, type clashes, a non-empty target. */
    CHECK_ERR(rename(D "/y", D "/y/z/w"), EINVAL);
    CHECK_ERR(rename(D "/y", D "/y/w"), EINVAL);
    CHECK_ERR(rename(D "/y", D "/x"), ENOTDIR);   /* directory over a file */
    CHECK_ERR(rename(D "/x", D "/y"), EISDIR);    /* file over a directory */
    CHECK_ERR2(rename(D "/r", D "/y"), ENOTEMPTY, EEXIST);  /* y holds z */
    CHECK_ERR(rename(D "/x", D "/nodir/x"), ENOENT);
    CHECK_ERR(rename(D "/x/a", D "/q"), ENOTDIR);
    CHECK_ERR2(rename(D "/y/.", D "/q"), EINVAL, EBUSY);
    /* Over an empty directory: allowed. */
    CHECK_OK(rmdir(D "/y/z"));
    CHECK_OK(rename(D "/r", D "/y"));
    CHECK_ERR(stat(D "/r", &st), ENOENT);
    CHECK(strcmp(get_file(D "/y/file", buf, sizeof(buf)), "in r") == 0);
    CHECK_OK(unlink(D "/y/file"));
}

static void working_directory(void)
{
    char buf[PATH_MAX + 1], small[4];
    struct stat st, st2;
    int fd;

    CHECK_OK(mkdir(D "/d/e", 0755));
    CHECK_OK(chdir(D "/d/e"));
    CHECK(getcwd(buf, sizeof(buf)) == buf);
    CHECK(strcmp(buf, D "/d/e") == 0);
    CHECK(getcwd(small, sizeof(small)) == NULL && errno == ERANGE);
    CHECK(getcwd(buf, 0) == NULL && errno == EINVAL);
    put_file("rel", 0644, "relative");          /* relative names start here */
    CHECK_OK(stat(D "/d/e/rel", &st));
    CHECK_OK(unlink("rel"));
    CHECK_OK(chdir(".."));
    CHECK(strcmp(getcwd(buf, sizeof(buf)), D "/d") == 0);
    CHECK_ERR(chdir("missing"), ENOENT);
    CHECK_ERR(chdir(D "/x"), ENOTDIR);
    CHECK_OK(fd = open(D "/d/e", O_RDONLY));
    CHECK_OK(chdir("/"));
    CHECK(strcmp(getcwd(buf, sizeof(buf)), "/") == 0);
    CHECK_OK(fchdir(fd));
    CHECK(strcmp(getcwd(buf, sizeof(buf)), D "/d/e") == 0);
    CHECK_OK(close(fd));
    CHECK_OK(fd = open(D "/x", O_RDONLY));
    CHECK_ERR(fchdir(fd), ENOTDIR);
    CHECK_OK(close(fd));
    CHECK_ERR(fchdir(99), EBADF);
    /* ".." of "/" is "/". */
    CHECK_OK(stat("/..", &st));
    CHECK_OK(stat("/", &st2));
    CHECK_EQ(st.st_ino, st2.st_ino);
    CHECK_OK(chdir("/"));
    CHECK_OK(rmdir(D "/d/e"));
}

static void change_root(void)
{
    char buf[PATH_MAX + 1];
    struct stat st;
    int status;
    pid_t pid;

    CHECK_OK(mkdir(D "/root", 0755));
    CHECK_OK(mkdir(D "/root/etc", 0755));
    put_file(D "/root/inside", 0644, "inside");
    CHECK_ERR(chroot(D "/missing"), ENOENT);
    CHECK_ERR(chroot(D "/x"), ENOTDIR);
    fflush(stdout);
    CHECK_OK(pid = fork());
    if (pid == 0) {
        /* The child's root is D/root: "/inside" is there, ".." stays. */
        CHECK_OK(chroot(D "/root"));
        CHECK_OK(chdir("/"));
        CHECK(strcmp(get_file("/inside", buf, sizeof(buf)), "inside") == 0);
        CHECK(strcmp(get_file("/../../inside", buf, sizeof(buf)), "inside") == 0);
        CHECK_OK(stat("/etc", &st));
        CHECK(S_ISDIR(st.st_mode));
        CHECK_ERR(stat("/tmp", &st), ENOENT);
        CHECK(strcmp(getcwd(buf, sizeof(buf)), "/") == 0);
        CHECK_OK(chdir("/etc"));
        CHECK(strcmp(getcwd(buf, sizeof(buf)), "/etc") == 0);
        exit(0);
    }
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK_OK(stat("/tmp", &st));                /* the parent's root is unchanged */
}

static void listing(void)
{
    const char *names[] = { ".", "..", "one", "two", "three" };
    int seen[5] = { 0 }, i, n, fd, total;
    struct dirent *e;
    char buf[1024];
    ssize_t got;
    DIR *d;

    CHECK_OK(mkdir(D "/list", 0755));
    put_file(D "/list/one", 0644, "1");
    put_file(D "/list/two", 0644, "2");
    CHECK_OK(mkdir(D "/list/three", 0755));
    CHECK((d = opendir(D "/list")) != NULL);
    CHECK(fcntl(dirfd(d), F_GETFD) & FD_CLOEXEC);
    for (n = 0; (e = readdir(d)) != NULL; n++) {
        for (i = 0; i < 5; i++)
            if (strcmp(e->d_name, names[i]) == 0)
                seen[i]++;
        CHECK(e->d_ino != 0);
    }
    CHECK_EQ(n, 5);
    for (i = 0; i < 5; i++)
        CHECK_EQ(seen[i], 1);
    rewinddir(d);
    for (n = 0; readdir(d) != NULL; n++)
        ;
    CHECK_EQ(n, 5);
    CHECK_OK(closedir(d));
    CHECK(opendir(D "/missing") == NULL && errno == ENOENT);
    CHECK(opendir(D "/list/one") == NULL && errno == ENOTDIR);

    /* getdents itself: records 4-byte aligned, names NUL-terminated; a
     * buffer too small for one record is EINVAL. */
    CHECK_OK(fd = open(D "/list", O_RDONLY));
    total = 0;
    while ((got = getdents(fd, (struct dirent *) buf, sizeof(buf))) > 0) {
        for (i = 0; i < got; i += e->d_reclen) {
            e = (struct dirent *) (buf + i);
            CHECK(e->d_reclen % 4 == 0 && e->d_reclen >= 12);
            CHECK(strlen(e->d_name) < (size_t) e->d_reclen - 10);
            total++;
        }
        CHECK_EQ(i, got);
    }
    CHECK_EQ(got, 0);
    CHECK_EQ(total, 5);
    CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
    CHECK_ERR(getdents(fd, (struct dirent *) buf, 8), EINVAL);
    CHECK_OK(close(fd));
    CHECK_OK(fd = open(D "/list/one", O_RDONLY));
    CHECK_ERR2(getdents(fd, (struct dirent *) buf, sizeof(buf)), ENOTDIR, EBADF);
    CHECK_OK(close(fd));
}

static void real_paths(void)
{
    char buf[PATH_MAX + 1], *p;

    CHECK(realpath(D "/list/../list/./one", buf) == buf);
    CHECK(strcmp(buf, D "/list/one") == 0);
    CHECK_OK(chdir(D "/list/three"));
    CHECK(strcmp(realpath("../two", buf), D "/list/two") == 0);
    CHECK(strcmp(realpath(".", buf), D "/list/three") == 0);
    CHECK(strcmp(realpath("/../..//tmp/", buf), "/tmp") == 0);
    CHECK((p = realpath("../one", NULL)) != NULL && strcmp(p, D "/list/one") == 0);
    free(p);
    CHECK(realpath("missing", buf) == NULL && errno == ENOENT);
    CHECK(realpath("../one/x", buf) == NULL && errno == ENOTDIR);
    CHECK_OK(chdir("/"));
}

int main(void)
{
    scrub(junk);
    CHECK_OK(mkdir(D, 0755));
    make_and_remove();
    hard_links();
    renames();
    working_directory();
    change_root();
    listing();
    real_paths();
    scrub(junk);
    return fs_done("fs_dirs");
}
