/* cp: copy files; into a directory when the last operand is one; -r copies
 * directory trees (symbolic links copied as links under -r). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int recursive;

static int copy_file(const char *from, const char *to, mode_t mode)
{
    char buf[8192];
    ssize_t n;
    int in = open(from, O_RDONLY), out;
    if (in < 0) {
        fprintf(stderr, "cp: %s: %s\n", from, strerror(errno));
        return 1;
    }
    out = open(to, O_WRONLY | O_CREAT | O_TRUNC, mode & 0777);
    if (out < 0) {
        fprintf(stderr, "cp: %s: %s\n", to, strerror(errno));
        close(in);
        return 1;
    }
    while ((n = read(in, buf, sizeof buf)) > 0) {
        if (write(out, buf, n) != n) {
            fprintf(stderr, "cp: %s: %s\n", to, strerror(errno));
            close(in);
            close(out);
            return 1;
        }
    }
    close(in);
    close(out);
    return n < 0;
}

static int copy(const char *from, const char *to)
{
    struct stat st;
    if ((recursive ? lstat(from, &st) : stat(from, &st)) < 0) {
        fprintf(stderr, "cp: %s: %s\n", from, strerror(errno));
        return 1;
    }
    if (S_ISDIR(st.st_mode)) {
        DIR *d;
        struct dirent *e;
        int bad = 0;
        if (!recursive) {
            fprintf(stderr, "cp: %s: is a directory (not copied)\n", from);
            return 1;
        }
        if (mkdir(to, st.st_mode & 07777) < 0 && errno != EEXIST) {
            fprintf(stderr, "cp: %s: %s\n", to, strerror(errno));
            return 1;
        }
        d = opendir(from);
        if (!d) {
            fprintf(stderr, "cp: %s: %s\n", from, strerror(errno));
            return 1;
        }
        while ((e = readdir(d)) != NULL) {
            char *a, *b;
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            a = malloc(strlen(from) + strlen(e->d_name) + 2);
            b = malloc(strlen(to) + strlen(e->d_name) + 2);
            sprintf(a, "%s/%s", from, e->d_name);
            sprintf(b, "%s/%s", to, e->d_name);
            bad |= copy(a, b);
            free(a);
            free(b);
        }
        closedir(d);
        return bad;
    }
    if (S_ISLNK(st.st_mode)) {
        char target[1024];
        ssize_t n = readlink(from, target, sizeof target - 1);
        if (n < 0) return 1;
        target[n] = 0;
        unlink(to);
        if (symlink(target, to) < 0) {
            fprintf(stderr, "cp: %s: %s\n", to, strerror(errno));
            return 1;
        }
        return 0;
    }
    return copy_file(from, to, st.st_mode);
}

int main(int argc, char **argv)
{
    int c, i, st = 0, to_dir;
    struct stat sb;
    const char *dest;
    while ((c = getopt(argc, argv, "rRpf")) != -1) {
        if (c == 'r' || c == 'R') recursive = 1;
        else if (c != 'p' && c != 'f') return 1;
    }
    if (argc - optind < 2) {
        fprintf(stderr, "usage: cp [-r] source ... target\n");
        return 1;
    }
    dest = argv[argc - 1];
    to_dir = stat(dest, &sb) == 0 && S_ISDIR(sb.st_mode);
    if (argc - optind > 2 && !to_dir) {
        fprintf(stderr, "cp: %s: not a directory\n", dest);
        return 1;
    }
    for (i = optind; i < argc - 1; i++) {
        char target[1024];
        if (to_dir) {
            const char *base = strrchr(argv[i], '/');
            snprintf(target, sizeof target, "%s/%s", dest, base && base[1] ? base + 1 : argv[i]);
        } else {
            snprintf(target, sizeof target, "%s", dest);
        }
        st |= copy(argv[i], target);
    }
    return st;
}
