/* ln: make hard links, or symbolic ones with -s; -f replaces the target. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int c, sym = 0, force = 0, i, st = 0;
    struct stat sb;
    const char *dest;
    int to_dir;
    while ((c = getopt(argc, argv, "sf")) != -1) {
        if (c == 's') sym = 1;
        else if (c == 'f') force = 1;
        else return 1;
    }
    if (argc - optind < 1) {
        fprintf(stderr, "usage: ln [-sf] source [target | ... dir]\n");
        return 1;
    }
    if (argc - optind == 1) {
        dest = ".";
    } else {
        dest = argv[--argc];
    }
    to_dir = stat(dest, &sb) == 0 && S_ISDIR(sb.st_mode);
    if (argc - optind > 1 && !to_dir) {
        fprintf(stderr, "ln: %s: not a directory\n", dest);
        return 1;
    }
    for (i = optind; i < argc; i++) {
        char target[1024];
        if (to_dir) {
            const char *base = strrchr(argv[i], '/');
            snprintf(target, sizeof target, "%s/%s", dest, base ? base + 1 : argv[i]);
        } else {
            snprintf(target, sizeof target, "%s", dest);
        }
        if (force)
            unlink(target);
        if ((sym ? symlink(argv[i], target) : link(argv[i], target)) < 0) {
            fprintf(stderr, "ln: %s: %s\n", target, strerror(errno));
            st = 1;
        }
    }
    return st;
}
