/* Permissions as uid 1000 (a child of this root process): owner/group/other
 * bits on files, write and search permission on directories and on every
 * directory of a path, what only an owner or root may do (EPERM), access()
 * with real ids; and the rules of setuid/setgid/seteuid/setegid/setgroups/
 * getgroups. */
#include <limits.h>
#include <utime.h>
#include "fstest.h"

#define D "/tmp/fs_perms"

static const char *const junk[] = {
    D "/secret", D "/public", D "/readonly", D "/locked/inner/file", D "/locked/inner",
    D "/locked", D "/closed/f", D "/closed", D "/open/mine", D "/open/minedir", D "/open/root",
    D "/open/made", D "/open/m2", D "/open/dev", D "/open", D "/noexec/f", D "/noexec", D "/group", D, NULL
};

static void setup(void)
{
    umask(0);
    CHECK_OK(mkdir(D, 0755));
    put_file(D "/secret", 0600, "secret");              /* root only */
    put_file(D "/public", 0644, "public");              /* anyone reads */
    put_file(D "/readonly", 0444, "ro");
    put_file(D "/group", 0060, "group");                /* group rw, nothing else */
    CHECK_OK(chown(D "/group", 0, USER_GID));
    CHECK_OK(mkdir(D "/locked", 0700));                 /* no search for others */
    CHECK_OK(mkdir(D "/locked/inner", 0777));
    put_file(D "/locked/inner/file", 0666, "deep");
    CHECK_OK(mkdir(D "/closed", 0755));                 /* no write for others */
    put_file(D "/closed/f", 0666, "f");
    CHECK_OK(mkdir(D "/open", 0777));                   /* anyone creates */
    put_file(D "/open/root", 0666, "root's");
    CHECK_OK(mkdir(D "/noexec", 0644));                 /* read but no search */
    put_file(D "/noexec/f", 0644, "f");
}

static void ids_as_user(void)
{
    gid_t groups[NGROUPS_MAX];

    /* A user may set its ids only to its own real (or saved) ids. */
    CHECK_ERR(setuid(0), EPERM);
    CHECK_ERR(seteuid(0), EPERM);
    CHECK_ERR(setgid(0), EPERM);
    CHECK_ERR(setegid(0), EPERM);
    CHECK_OK(setuid(getuid()));
    CHECK_OK(seteuid(getuid()));
    CHECK_OK(setgid(getgid()));
    CHECK_OK(setegid(getgid()));
    groups[0] = getgid();
    CHECK_ERR(setgroups(1, groups), EPERM);
    CHECK_OK(getgroups(0, groups));
}

/* Run as uid 1000, gid USER_GID. */
static void as_1000(void)
{
    struct utimbuf times = { 5, 6 };
    char buf[64];
    struct stat st;
    int fd;

    CHECK_EQ(getuid(), USER_UID);
    CHECK_EQ(geteuid(), USER_UID);
    CHECK_EQ(getgid(), USER_GID);

    /* Files: the other bits. */
    CHECK_ERR(open(D "/secret", O_RDONLY), EACCES);
    CHECK(strcmp(get_file(D "/public", buf, sizeof(buf)), "public") == 0);
    CHECK_ERR(open(D "/public", O_WRONLY), EACCES);
    CHECK_ERR(open(D "/public", O_RDWR), EACCES);
    CHECK_ERR(open(D "/public", O_WRONLY | O_TRUNC), EACCES);
    CHECK_ERR(open(D "/readonly", O_RDWR), EACCES);
    CHECK_ERR(truncate(D "/public", 0), EACCES);
    CHECK_ERR(access(D "/secret", R_OK), EACCES);
    CHECK_OK(access(D "/public", R_OK));
    CHECK_ERR(access(D "/public", W_OK), EACCES);
    CHECK_ERR(access(D "/public", X_OK), EACCES);
    CHECK_OK(access(D "/secret", F_OK));            /* existence needs only search */
    /* The group bits apply to the group, even when other has none. */
    CHECK_OK(fd = open(D "/group", O_RDWR));
    CHECK_OK(close(fd));
    /* stat needs no permission on the file itself. */
    CHECK_OK(stat(D "/secret", &st));
    CHECK_EQ(st.st_mode & 0777, 0600);

    /* Directories: search permission on every component. */
    CHECK_ERR(stat(D "/locked/inner/file", &st), EACCES);
    CHECK_ERR(open(D "/locked/inner/file", O_RDONLY), EACCES);
    CHECK_ERR(chdir(D "/locked"), EACCES);
    CHECK_ERR(chdir(D "/locked/inner"), EACCES);
    CHECK_ERR(open(D "/locked", O_RDONLY), EACCES);  /* and no read */
    CHECK_ERR(stat(D "/noexec/f", &st), EACCES);     /* read but not search */
    CHECK_OK(fd = open(D "/noexec", O_RDONLY));      /* listing is allowed */
    CHECK_OK(close(fd));
    CHECK_ERR(mkdir(D "/locked/inner/x", 0777), EACCES);

    /* Directories: write permission to create, remove, rename. */
    CHECK_ERR(open(D "/closed/new", O_WRONLY | O_CREAT, 0644), EACCES);
    CHECK_ERR(mkdir(D "/closed/d", 0755), EACCES);
    CHECK_ERR(unlink(D "/closed/f"), EACCES);
    CHECK_ERR(rename(D "/closed/f", D "/open/f"), EACCES);
    CHECK_ERR(link(D "/closed/f", D "/closed/g"), EACCES);
    CHECK_ERR(symlink("x", D "/closed/s"), EACCES);
    CHECK_ERR(mkfifo(D "/closed/p", 0644), EACCES);
    CHECK_OK(fd = open(D "/closed/f", O_RDWR));      /* the file itself is 0666 */
    CHECK_EQ(write(fd, "F", 1), 1);
    CHECK_OK(close(fd));

    /* Own files in a world-writable directory: owner uid 1000. */
    CHECK_OK(fd = open(D "/open/mine", O_WRONLY | O_CREAT | O_EXCL, 0600));
    CHECK_OK(close(fd));
    CHECK_OK(stat(D "/open/mine", &st));
    CHECK_EQ(st.st_uid, USER_UID);
    CHECK_EQ(st.st_gid, USER_GID);
    CHECK_OK(mkdir(D "/open/minedir", 0700));
    CHECK_OK(chmod(D "/open/mine", 0640));           /* the owner may chmod */
    CHECK_OK(utime(D "/open/mine", &times));         /* and set times */
    CHECK_OK(rename(D "/open/mine", D "/open/made"));

    /* Only the owner (or root) changes modes, owners and explicit times. */
    CHECK_ERR(chmod(D "/open/root", 0777), EPERM);
    CHECK_ERR(chmod(D "/public", 0666), EPERM);
    CHECK_ERR(chown(D "/open/made", 0, 0), EPERM);   /* giving away: no */
    CHECK_ERR(chown(D "/public", USER_UID, USER_GID), EPERM);
    CHECK_OK(fd = open(D "/public", O_RDONLY));
    CHECK_ERR(fchmod(fd, 0777), EPERM);
    CHECK_ERR(fchown(fd, USER_UID, USER_GID), EPERM);
    CHECK_OK(close(fd));
    CHECK_ERR(utime(D "/public", &times), EPERM);
    CHECK_OK(utime(D "/open/root", NULL));           /* "now" needs only write access */
    CHECK_ERR(utime(D "/public", NULL), EACCES);
    /* Neither may a user make device nodes, chroot, or set groups. */
    CHECK_ERR(mknod(D "/open/dev", S_IFCHR | 0666, makedev(1, 3)), EPERM);
    CHECK_ERR(chroot(D "/open"), EPERM);
    /* A user's umask applies too. */
    umask(077);
    CHECK_OK(fd = open(D "/open/m2", O_WRONLY | O_CREAT, 0666));
    CHECK_OK(close(fd));
    CHECK_OK(stat(D "/open/m2", &st));
    CHECK_EQ(st.st_mode & 0777, 0600);
    CHECK_OK(unlink(D "/open/m2"));
    ids_as_user();
}

static void ids_as_root(void)
{
    gid_t groups[NGROUPS_MAX + 1], got[NGROUPS_MAX + 1];
    int status, i;
    pid_t pid;

    fflush(stdout);
    CHECK_OK(pid = fork());
    if (pid == 0) {
        /* Root: seteuid changes only the effective id and can come back. */
        CHECK_OK(seteuid(USER_UID));
        CHECK_EQ(geteuid(), USER_UID);
        CHECK_EQ(getuid(), 0);
        CHECK_ERR(open(D "/secret", O_RDONLY), EACCES);   /* permission: effective */
        CHECK_OK(access(D "/secret", R_OK));              /* access: real */
        CHECK_OK(seteuid(0));
        CHECK_EQ(geteuid(), 0);
        CHECK_OK(setegid(USER_GID));
        CHECK_EQ(getegid(), USER_GID);
        CHECK_EQ(getgid(), 0);
        CHECK_OK(setegid(0));

        /* Supplementary groups: set, read back, count, errors. */
        for (i = 0; i < 3; i++)
            groups[i] = (gid_t) (10 + i);
        CHECK_OK(setgroups(3, groups));
        CHECK_EQ(getgroups(0, got), 3);
        CHECK_EQ(getgroups(NGROUPS_MAX, got), 3);
        for (i = 0; i < 3; i++)
            CHECK_EQ(got[i], 10 + i);
        CHECK_ERR(getgroups(1, got), EINVAL);
        CHECK_ERR(setgroups(NGROUPS_MAX + 1, groups), EINVAL);
        CHECK_ERR(setgroups(-1, groups), EINVAL);
        CHECK_OK(setgroups(0, groups));
        CHECK_EQ(getgroups(NGROUPS_MAX, got), 0);

        /* A supplementary group grants its bits. */
        groups[0] = USER_GID;
        CHECK_OK(setgroups(1, groups));
        CHECK_OK(setgid(1));
        CHECK_OK(setuid(USER_UID));             /* root's setuid sets all the uids */
        CHECK_EQ(getuid(), USER_UID);
        CHECK_EQ(geteuid(), USER_UID);
        CHECK_OK(i = open(D "/group", O_RDWR));
        CHECK_OK(close(i));
        CHECK_ERR(setuid(0), EPERM);            /* and there is no way back */
        ids_as_user();
        exit(0);
    }
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

int main(void)
{
    scrub(junk);
    CHECK_EQ(getuid(), 0);
    setup();
    as_user(as_1000);
    ids_as_root();
    scrub(junk);
    return fs_done("fs_perms");
}
