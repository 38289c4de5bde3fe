/* Opening and closing streams: fopen, fdopen, freopen, fclose.
 * Files are created with mode 0666 (less the umask), as C expects. */
#include "stdio_impl.h"
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>

FILE *fopen(const char *path, const char *mode)
{
    int oflags, fd, flags = __smode(mode, &oflags);
    FILE *f;

    if (flags == 0) {
        errno = EINVAL;
        return NULL;
    }
    if ((fd = open(path, oflags, 0666)) < 0)
        return NULL;
    if ((f = __snew(fd, flags)) == NULL)
        close(fd);
    return f;
}

FILE *fdopen(int fd, const char *mode)
{
    int oflags, flags = __smode(mode, &oflags);

    if (flags == 0) {
        errno = EINVAL;
        return NULL;
    }
    return __snew(fd, flags);
}

/* Flush f, give back its buffer and descriptor; f itself stays. */
static int release(FILE *f)
{
    int r = __sflush(f);

    if (close(f->_fd) < 0)
        r = EOF;
    if (f->_flags & __SMBF)
        free(f->_buf);
    f->_buf = f->_ptr = f->_end = NULL;
    f->_bufsize = 0;
    f->_flags &= __SSTAT;
    return r;
}

FILE *freopen(const char *path, const char *mode, FILE *f)
{
    int oflags, fd, flags = __smode(mode, &oflags);

    release(f);
    if (flags == 0 || path == NULL) {
        errno = EINVAL;
        return NULL;
    }
    if ((fd = open(path, oflags, 0666)) < 0)
        return NULL;
    f->_fd = fd;
    f->_flags |= flags;
    if (f == stdout)
        f->_flags |= __SLBF;
    else if (f == stderr)
        f->_flags |= __SNBF;
    return f;
}

int fclose(FILE *f)
{
    FILE **pp;
    int r = release(f);

    if (f->_flags & __SSTAT)
        return r;
    for (pp = &__sfiles; *pp != NULL; pp = &(*pp)->_next)
        if (*pp == f) {
            *pp = f->_next;
            break;
        }
    free(f);
    return r;
}
