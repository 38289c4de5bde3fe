/* su: become another user (root only, as there are no passwords here):
 * set the groups and ids from /etc/passwd, then run the user's shell, or
 * `sh -c CMD` with -c. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    const char *name = "root", *cmd = NULL, *shell;
    struct passwd *pw;
    int i;
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-c") && i + 1 < argc) cmd = argv[++i];
        else if (!strcmp(argv[i], "-")) continue;
        else name = argv[i];
    }
    pw = getpwnam(name);
    if (!pw) {
        fprintf(stderr, "su: unknown user %s\n", name);
        return 1;
    }
    if (geteuid() != 0 && pw->pw_uid != getuid()) {
        fprintf(stderr, "su: only root may become another user\n");
        return 1;
    }
    if (setgroups(1, &pw->pw_gid) < 0 && geteuid() == 0) {
        fprintf(stderr, "su: setgroups: %s\n", strerror(errno));
        return 1;
    }
    if (setgid(pw->pw_gid) < 0 || setuid(pw->pw_uid) < 0) {
        fprintf(stderr, "su: %s\n", strerror(errno));
        return 1;
    }
    setenv("USER", pw->pw_name, 1);
    setenv("HOME", pw->pw_dir, 1);
    shell = pw->pw_shell && *pw->pw_shell ? pw->pw_shell : "/bin/sh";
    setenv("SHELL", shell, 1);
    if (cmd) execl(shell, "sh", "-c", cmd, (char *) NULL);
    else execl(shell, "sh", (char *) NULL);
    fprintf(stderr, "su: %s: %s\n", shell, strerror(errno));
    return 1;
}
