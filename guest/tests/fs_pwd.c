/* The password and group files: getpwnam/getpwuid/getpwent and
 * getgrnam/getgrgid/getgrent over the image's /etc/passwd and /etc/group
 * (root and the user 1000), then over files of our own with bad lines. */
#include <grp.h>
#include <pwd.h>
#include "fstest.h"

#define D "/tmp/fs_pwd"

static const char *const junk[] = { D "/passwd", D "/group", D, NULL };

static void system_files(void)
{
    struct passwd *pw;
    struct group *gr;
    char name[64];
    struct stat st;
    int n, root_seen = 0, user_seen = 0;

    CHECK((pw = getpwnam("root")) != NULL);
    CHECK_EQ(pw->pw_uid, 0);
    CHECK_EQ(pw->pw_gid, 0);
    CHECK(pw->pw_dir[0] == '/' && pw->pw_shell != NULL);
    CHECK((pw = getpwuid(0)) != NULL && strcmp(pw->pw_name, "root") == 0);
    CHECK((pw = getpwuid(USER_UID)) != NULL);
    snprintf(name, sizeof(name), "%s", pw->pw_name);
    CHECK_OK(stat(pw->pw_dir, &st));                 /* the user's home is theirs */
    CHECK(S_ISDIR(st.st_mode));
    CHECK_EQ(st.st_uid, USER_UID);
    CHECK((pw = getpwnam(name)) != NULL && pw->pw_uid == USER_UID);
    CHECK(getpwnam("no-such-user") == NULL);
    CHECK(getpwuid(4242) == NULL);

    /* Walking the file sees both; setpwent starts over. */
    for (n = 0; (pw = getpwent()) != NULL; n++) {
        root_seen += pw->pw_uid == 0 && strcmp(pw->pw_name, "root") == 0;
        user_seen += pw->pw_uid == USER_UID;
    }
    CHECK_EQ(root_seen, 1);
    CHECK_EQ(user_seen, 1);
    setpwent();
    CHECK(getpwent() != NULL);
    setpwent();
    for (root_seen = 0; getpwent() != NULL; root_seen++)
        ;
    CHECK_EQ(root_seen, n);
    endpwent();

    CHECK((gr = getgrgid(0)) != NULL);
    snprintf(name, sizeof(name), "%s", gr->gr_name);
    CHECK((gr = getgrnam(name)) != NULL && gr->gr_gid == 0);
    CHECK(getgrnam("no-such-group") == NULL);
    for (n = 0; getgrent() != NULL; n++)
        ;
    CHECK(n >= 1);
    endgrent();
}

static void own_files(void)
{
    struct passwd *pw;
    struct group *gr;
    int n;

    put_file(D "/passwd", 0644,
             "alice:x:10:3:Alice A.:/home/alice:/bin/sh\n"
             "broken line without colons\n"
             "bob:x:notanumber:3:Bob:/home/bob:/bin/sh\n"
             "too:many:1:2:3:4:5:6\n"
             "carol::11:4::/:\n"
             ":x:12:4:no name:/:/bin/sh\n"
             "dave:*:32767:127:Dave:/home/dave:/bin/sh");    /* no final newline */
    CHECK_OK(setpwfile(D "/passwd"));
    CHECK((pw = getpwnam("alice")) != NULL);
    CHECK_EQ(pw->pw_uid, 10);
    CHECK_EQ(pw->pw_gid, 3);
    CHECK(strcmp(pw->pw_gecos, "Alice A.") == 0 && strcmp(pw->pw_dir, "/home/alice") == 0);
    CHECK(strcmp(pw->pw_shell, "/bin/sh") == 0 && strcmp(pw->pw_passwd, "x") == 0);
    CHECK(getpwnam("bob") == NULL);
    CHECK(getpwnam("too") == NULL);
    CHECK((pw = getpwuid(11)) != NULL && strcmp(pw->pw_name, "carol") == 0);
    CHECK(pw->pw_passwd[0] == '\0' && pw->pw_shell[0] == '\0');
    CHECK(getpwuid(12) == NULL);
    CHECK((pw = getpwnam("dave")) != NULL && pw->pw_uid == 32767 && pw->pw_gid == 127);
    for (n = 0; getpwent() != NULL; n++)
        ;
    CHECK_EQ(n, 3);
    endpwent();

    put_file(D "/group", 0644,
             "wheel:*:0:root,alice\n"
             "staff:x:3:\n"
             "bad:x:x:\n"
             "many:x:4:a,b,c,d\n");
    CHECK_OK(setgrfile(D "/group"));
    CHECK((gr = getgrnam("wheel")) != NULL && gr->gr_gid == 0);
    CHECK(gr->gr_mem[0] && strcmp(gr->gr_mem[0], "root") == 0);
    CHECK(gr->gr_mem[1] && strcmp(gr->gr_mem[1], "alice") == 0 && gr->gr_mem[2] == NULL);
    CHECK((gr = getgrgid(3)) != NULL && strcmp(gr->gr_name, "staff") == 0);
    CHECK(gr->gr_mem[0] == NULL);
    CHECK(getgrnam("bad") == NULL);
    CHECK((gr = getgrgid(4)) != NULL && gr->gr_mem[3] && strcmp(gr->gr_mem[3], "d") == 0);
    CHECK(gr->gr_mem[4] == NULL);
    setpwfile("/etc/passwd");
    setgrfile("/etc/group");
}

int main(void)
{
    scrub(junk);
    CHECK_OK(mkdir(D, 0755));
    system_files();
    own_files();
    scrub(junk);
    return fs_done("fs_pwd");
}
