/* getdelim and getline: read a whole line (or up to any delimiter) into
 * a malloc'd buffer that grows as needed; return its length or -1. */
#include "stdio_impl.h"
#include <stdlib.h>
#include <errno.h>

ssize_t getdelim(char **lineptr, size_t *n, int delim, FILE *f)
{
    size_t len = 0;
    char *p;
    int c;

    if (lineptr == NULL || n == NULL) {
        errno = EINVAL;
        return -1;
    }
    if (*lineptr == NULL)
        *n = 0;
    for (;;) {
        if (len + 2 > *n) {                /* room for c and the NUL */
            size_t want = *n < 64 ? 128 : *n * 2;
            if ((p = realloc(*lineptr, want)) == NULL)
                return -1;
            *lineptr = p;
            *n = want;
        }
        if ((c = fgetc(f)) == EOF)
            break;
        (*lineptr)[len++] = (char) c;
        if (c == delim)
            break;
    }
    (*lineptr)[len] = '\0';
    return len == 0 || ferror(f) ? -1 : (ssize_t) len;
}

ssize_t getline(char **lineptr, size_t *n, FILE *f)
{
    return getdelim(lineptr, n, '\n', f);
}
