/* env: print the environment, or run a command with NAME=value added
 * (-i: starting from an empty one). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
    int i = 1;
    char **e;
    if (i < argc && (strcmp(argv[i], "-i") == 0 || strcmp(argv[i], "-") == 0)) {
        static char *empty[1];
        environ = empty;
        i++;
    }
    for (; i < argc && strchr(argv[i], '='); i++)
        putenv(argv[i]);
    if (i >= argc) {
        for (e = environ; *e; e++)
            puts(*e);
        return 0;
    }
    execvp(argv[i], argv + i);
    fprintf(stderr, "env: %s: %s\n", argv[i], strerror(errno));
    return errno == ENOENT ? 127 : 126;
}
