/* Started by fs_exec through execve and friends: reports what it got.
 *   exec_child args A B ...    prints argc and each argv, then environ
 *   exec_child fds N M         checks fd N is open and fd M is closed
 *   exec_child ids R E         checks real uid R and effective uid E
 * Exits 0 when the check holds, 3 when it does not. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
    int i;

    if (argc >= 2 && strcmp(argv[1], "args") == 0) {
        printf("argc=%d\n", argc);
        for (i = 0; i < argc; i++)
            printf("argv[%d]=%s\n", i, argv[i]);
        for (i = 0; environ[i] != NULL; i++)
            printf("env=%s\n", environ[i]);
        return argv[argc] == NULL ? 0 : 3;
    }
    if (argc == 4 && strcmp(argv[1], "fds") == 0) {
        int open_fd = atoi(argv[2]), closed_fd = atoi(argv[3]);
        char c;
        if (fcntl(open_fd, F_GETFD) < 0 || read(open_fd, &c, 1) != 1 || c != 'k')
            return 3;
        return fcntl(closed_fd, F_GETFD) < 0 ? 0 : 3;
    }
    if (argc == 4 && strcmp(argv[1], "ids") == 0) {
        printf("uid=%d euid=%d\n", (int) getuid(), (int) geteuid());
        return (int) getuid() == atoi(argv[2]) && (int) geteuid() == atoi(argv[3]) ? 0 : 3;
    }
    fprintf(stderr, "exec_child: bad arguments\n");
    return 2;
}
