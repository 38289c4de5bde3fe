/* chown: change owner (and group, with user:group), by name or number. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lib/tools.h"

int main(int argc, char **argv)
{
    char *spec, *colon;
    uid_t uid;
    gid_t gid = (gid_t) -1;
    int i, st = 0;
    if (argc < 3) {
        fprintf(stderr, "usage: chown user[:group] file ...\n");
        return 1;
    }
    spec = argv[1];
    colon = strchr(spec, ':');
    if (!colon) colon = strchr(spec, '.');
    if (colon) {
        *colon = 0;
        if (colon[1] && lookup_group(colon + 1, &gid) < 0) {
            fprintf(stderr, "chown: %s: unknown group\n", colon + 1);
            return 1;
        }
    }
    if (lookup_user(spec, &uid, NULL) < 0) {
        fprintf(stderr, "chown: %s: unknown user\n", spec);
        return 1;
    }
    for (i = 2; i < argc; i++) {
        struct stat sb;
        gid_t g = gid;
        if (stat(argv[i], &sb) < 0) {
            fprintf(stderr, "chown: %s: %s\n", argv[i], strerror(errno));
            st = 1;
            continue;
        }
        if (g == (gid_t) -1) g = sb.st_gid;
        if (chown(argv[i], uid, g) < 0) {
            fprintf(stderr, "chown: %s: %s\n", argv[i], strerror(errno));
            st = 1;
        }
    }
    return st;
}
