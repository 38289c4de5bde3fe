/* realpath: the absolute name of a file with no ".", ".." or symbolic link
 * in it. Walks the path a component at a time with lstat, splicing each
 * link's contents in front of what remains (at most SYMLOOP_MAX links). */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

char *realpath(const char *path, char *resolved)
{
    char out[PATH_MAX + 1], rest[PATH_MAX + 1], link[PATH_MAX + 1];
    size_t olen, clen, rlen, parent;
    struct stat st;
    char *comp, *next;
    int links = 0;
    ssize_t n;

    if (path == NULL) {
        errno = EINVAL;
        return NULL;
    }
    if (*path == '\0') {
        errno = ENOENT;
        return NULL;
    }
    if (strlen(path) > PATH_MAX) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    strcpy(rest, path);
    if (path[0] == '/') {
        strcpy(out, "/");
    } else if (getcwd(out, sizeof(out)) == NULL) {
        return NULL;
    }
    olen = strlen(out);

    comp = rest;
    while (*comp != '\0') {
        while (*comp == '/')
            comp++;
        if (*comp == '\0')
            break;
        next = strchr(comp, '/');
        clen = next ? (size_t) (next - comp) : strlen(comp);
        next = comp + clen;                 /* at '/' or the end */
        if (clen == 1 && comp[0] == '.') {
            comp = next;
            continue;
        }
        if (clen == 2 && comp[0] == '.' && comp[1] == '.') {
            while (olen > 1 && out[olen - 1] != '/')
                olen--;
            if (olen > 1)
                olen--;                     /* the slash before it */
            out[olen] = '\0';
            comp = next;
            continue;
        }
        if (clen > NAME_MAX || olen + 1 + clen > PATH_MAX) {
            errno = ENAMETOOLONG;
            return NULL;
        }
        parent = olen;
        if (olen > 1)
            out[olen++] = '/';
        memcpy(out + olen, comp, clen);
        out[olen + clen] = '\0';
        if (lstat(out, &st) < 0)
            return NULL;
        if (S_ISLNK(st.st_mode)) {
            if (++links > SYMLOOP_MAX) {
                errno = ELOOP;
                return NULL;
            }
            n = readlink(out, link, sizeof(link) - 1);
            if (n < 0)
                return NULL;
            link[n] = '\0';
            rlen = strlen(next);
            if ((size_t) n + rlen > PATH_MAX) {
                errno = ENAMETOOLONG;
                return NULL;
            }
            /* rest := the link's contents + what followed the component;
             * out goes back to the link's directory, or to "/". */
            memmove(rest + n, next, rlen + 1);
            memcpy(rest, link, (size_t) n);
            comp = rest;
            olen = link[0] == '/' ? 1 : parent;
            out[olen] = '\0';
            continue;
        }
        olen += clen;
        if (*next != '\0' && !S_ISDIR(st.st_mode)) {
            errno = ENOTDIR;
            return NULL;
        }
        comp = next;
    }
    if (resolved == NULL) {
        resolved = malloc(olen + 1);
        if (resolved == NULL)
            return NULL;
    }
    memcpy(resolved, out, olen + 1);
    return resolved;
}
