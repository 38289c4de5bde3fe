/* mkdir: make directories; -p makes missing parents and accepts existing
 * ones; -m sets the mode. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int make_parents(char *path, mode_t mode)
{
    char *p = path;
    struct stat st;
    while (*p == '/') p++;
    for (;;) {
        char *slash = strchr(p, '/');
        if (slash) *slash = 0;
        if (mkdir(path, slash ? 0777 : mode) < 0 && errno != EEXIST) {
            if (slash) *slash = '/';
            return -1;
        }
        if (errno == EEXIST && (stat(path, &st) < 0 || !S_ISDIR(st.st_mode))) {
            errno = ENOTDIR;
            if (slash) *slash = '/';
            return -1;
        }
        if (!slash) return 0;
        *slash = '/';
        p = slash + 1;
        while (*p == '/') p++;
        if (!*p) return 0;
        errno = 0;
    }
}

int main(int argc, char **argv)
{
    int c, parents = 0, st = 0, i;
    mode_t mode = 0777;
    while ((c = getopt(argc, argv, "pm:")) != -1) {
        if (c == 'p') parents = 1;
        else if (c == 'm') mode = (mode_t) strtol(optarg, NULL, 8);
        else return 1;
    }
    for (i = optind; i < argc; i++) {
        int r;
        errno = 0;
        r = parents ? make_parents(argv[i], mode) : mkdir(argv[i], mode);
        if (r < 0) {
            fprintf(stderr, "mkdir: %s: %s\n", argv[i], strerror(errno));
            st = 1;
        } else if (mode != 0777) {
            chmod(argv[i], mode);
        }
    }
    return st;
}
