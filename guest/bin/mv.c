/* mv: rename files, or move them into a directory. Across file systems
 * (EXDEV) a plain file is copied and then removed. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int move_by_copy(const char *from, const char *to)
{
    char buf[8192];
    ssize_t n;
    struct stat st;
    int in, out;
    if (stat(from, &st) < 0 || !S_ISREG(st.st_mode)) {
        fprintf(stderr, "mv: %s: cannot move across file systems\n", from);
        return 1;
    }
    in = open(from, O_RDONLY);
    out = open(to, O_WRONLY | O_CREAT | O_TRUNC, st.st_mode & 07777);
    if (in < 0 || out < 0) {
        fprintf(stderr, "mv: %s: %s\n", in < 0 ? from : to, strerror(errno));
        return 1;
    }
    while ((n = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, n) != n)
            return 1;
    close(in);
    close(out);
    return unlink(from) < 0;
}

int main(int argc, char **argv)
{
    int i, st = 0, to_dir, first = 1;
    struct stat sb;
    const char *dest;
    if (argc > 1 && strcmp(argv[1], "-f") == 0)
        first = 2;
    if (argc - first < 2) {
        fprintf(stderr, "usage: mv source ... target\n");
        return 1;
    }
    dest = argv[argc - 1];
    to_dir = stat(dest, &sb) == 0 && S_ISDIR(sb.st_mode);
    if (argc - first > 2 && !to_dir) {
        fprintf(stderr, "mv: %s: not a directory\n", dest);
        return 1;
    }
    for (i = first; i < argc - 1; i++) {
        char target[1024];
        if (to_dir) {
            const char *base = strrchr(argv[i], '/');
            snprintf(target, sizeof target, "%s/%s", dest, base ? base + 1 : argv[i]);
        } else {
            snprintf(target, sizeof target, "%s", dest);
        }
        if (rename(argv[i], target) < 0) {
            if (errno == EXDEV) {
                st |= move_by_copy(argv[i], target);
                continue;
            }
            fprintf(stderr, "mv: %s: %s\n", argv[i], strerror(errno));
            st = 1;
        }
    }
    return st;
}
