/* rm: remove files; -r removes directories and their contents, -f ignores
 * missing files and asks nothing. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int force, recursive;

static int remove_path(const char *path)
{
    struct stat st;
    if (lstat(path, &st) < 0) {
        if (force && errno == ENOENT)
            return 0;
        fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
        return 1;
    }
    if (S_ISDIR(st.st_mode)) {
        DIR *d;
        struct dirent *e;
        int bad = 0;
        if (!recursive) {
            fprintf(stderr, "rm: %s: is a directory\n", path);
            return 1;
        }
        d = opendir(path);
        if (!d) {
            fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
            return 1;
        }
        while ((e = readdir(d)) != NULL) {
            char *sub;
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            sub = malloc(strlen(path) + strlen(e->d_name) + 2);
            sprintf(sub, "%s/%s", path, e->d_name);
            bad |= remove_path(sub);
            free(sub);
        }
        closedir(d);
        if (rmdir(path) < 0) {
            fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
            return 1;
        }
        return bad;
    }
    if (unlink(path) < 0) {
        fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    int c, i, st = 0;
    while ((c = getopt(argc, argv, "rRfi")) != -1) {
        if (c == 'r' || c == 'R') recursive = 1;
        else if (c == 'f') force = 1;
        else if (c == 'i') force = 0;
        else return 1;
    }
    if (optind >= argc && !force) {
        fprintf(stderr, "usage: rm [-fr] file ...\n");
        return 1;
    }
    for (i = optind; i < argc; i++)
        st |= remove_path(argv[i]);
    return st;
}
