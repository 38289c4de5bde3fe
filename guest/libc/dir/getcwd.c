/* getcwd as MINIX 3.1.8's libc finds it (there is no call): walk up through
 * "..", "../..", ..., and in each parent find the entry whose device and
 * i-node are the child's, until "." and ".." are the same directory. Unlike
 * 3.1.8 it never changes directory: it stats through a growing "../.." path. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#define UP_MAX (3 * PATH_MAX + NAME_MAX + 8)

/* Find in directory `up` the name of the entry that is `child`; copies it to
 * name. Same device: d_ino must match first; then the entry must stat as
 * child (a mount point's d_ino is that of the directory it covers). */
static int find_name(const char *up, const struct stat *above, const struct stat *child,
                     char *name)
{
    char path[UP_MAX];
    struct dirent *e;
    struct stat st;
    size_t ulen = strlen(up);
    int pass, err = ENOENT;
    DIR *d = opendir(up);

    if (d == NULL)
        return -1;
    for (pass = above->st_dev == child->st_dev ? 0 : 1; pass < 2; pass++) {
        rewinddir(d);
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            if (pass == 0 && e->d_ino != child->st_ino)
                continue;
            if (ulen + 1 + strlen(e->d_name) >= sizeof(path)) {
                err = ENAMETOOLONG;
                continue;
            }
            memcpy(path, up, ulen);
            path[ulen] = '/';
            strcpy(path + ulen + 1, e->d_name);
            if (stat(path, &st) == 0 && st.st_ino == child->st_ino
                    && st.st_dev == child->st_dev) {
                strcpy(name, e->d_name);
                closedir(d);
                return 0;
            }
        }
    }
    closedir(d);
    errno = err;
    return -1;
}

char *getcwd(char *buf, size_t size)
{
    char up[UP_MAX], name[NAME_MAX + 1];
    struct stat cur, above;
    char *p;
    size_t n;

    if (buf == NULL || size <= 1) {
        errno = size == 1 ? ERANGE : EINVAL;
        return NULL;
    }
    p = buf + size;
    *--p = '\0';
    if (stat(".", &cur) < 0)
        return NULL;
    strcpy(up, "..");
    for (;;) {
        if (stat(up, &above) < 0)
            return NULL;
        if (above.st_dev == cur.st_dev && above.st_ino == cur.st_ino)
            break;                                  /* the root */
        if (find_name(up, &above, &cur, name) < 0)
            return NULL;
        n = strlen(name);
        if ((size_t) (p - buf) < n + 1) {
            errno = ERANGE;
            return NULL;
        }
        p -= n;
        memcpy(p, name, n);
        *--p = '/';
        if (strlen(up) + 3 >= sizeof(up) - NAME_MAX - 2) {
            errno = ENAMETOOLONG;
            return NULL;
        }
        strcat(up, "/..");
        cur = above;
    }
    if (*p == '\0') {
        if (p == buf) {
            errno = ERANGE;
            return NULL;
        }
        *--p = '/';
    }
    memmove(buf, p, strlen(p) + 1);
    return buf;
}
