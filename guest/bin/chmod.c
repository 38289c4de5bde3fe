/* chmod: change file modes, octal (755) or symbolic (u+x,go-w); -R recurses. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "lib/tools.h"

static int recursive;

static int change(const char *spec, const char *path)
{
    struct stat st;
    mode_t m;
    int bad = 0;
    if (stat(path, &st) < 0) {
        fprintf(stderr, "chmod: %s: %s\n", path, strerror(errno));
        return 1;
    }
    if (parse_mode(spec, st.st_mode, S_ISDIR(st.st_mode), &m) < 0) {
        fprintf(stderr, "chmod: invalid mode: %s\n", spec);
        exit(1);
    }
    if (chmod(path, m) < 0) {
        fprintf(stderr, "chmod: %s: %s\n", path, strerror(errno));
        bad = 1;
    }
    if (recursive && S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        while (d && (e = readdir(d)) != NULL) {
            char *sub;
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            sub = malloc(strlen(path) + strlen(e->d_name) + 2);
            sprintf(sub, "%s/%s", path, e->d_name);
            bad |= change(spec, sub);
            free(sub);
        }
        if (d) closedir(d);
    }
    return bad;
}

int main(int argc, char **argv)
{
    int i = 1, st = 0;
    if (i < argc && strcmp(argv[i], "-R") == 0) {
        recursive = 1;
        i++;
    }
    if (argc - i < 2) {
        fprintf(stderr, "usage: chmod [-R] mode file ...\n");
        return 1;
    }
    {
        const char *spec = argv[i];
        for (i++; i < argc; i++)
            st |= change(spec, argv[i]);
    }
    return st;
}
