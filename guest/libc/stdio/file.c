/* The standard streams, the list of open streams, buffers, and flushing.
 * stdin is fully buffered, stdout line buffered, stderr unbuffered; the
 * first two use static buffers so printf works without malloc. */
#include "stdio_impl.h"
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>

static unsigned char inbuf[BUFSIZ], outbuf[BUFSIZ];

FILE __stderr = { 2, __SCANWR | __SNBF | __SSTAT, NULL, 0, NULL, NULL, {0}, NULL };
FILE __stdout = { 1, __SCANWR | __SLBF | __SSTAT, outbuf, BUFSIZ, outbuf, outbuf, {0}, &__stderr };
FILE __stdin = { 0, __SCANRD | __SSTAT, inbuf, BUFSIZ, inbuf, inbuf, {0}, &__stdout };
FILE *__sfiles = &__stdin;

int __sbuffer(FILE *f)
{
    if (f->_buf != NULL)
        return 0;
    if (!(f->_flags & __SNBF)) {
        if (f->_bufsize <= 0)
            f->_bufsize = BUFSIZ;
        if ((f->_buf = malloc((size_t) f->_bufsize)) != NULL)
            f->_flags |= __SMBF;
    }
    if (f->_buf == NULL) {                 /* unbuffered, or out of memory */
        f->_flags |= __SNBF;
        f->_buf = f->_nbuf;
        f->_bufsize = 1;
    }
    f->_ptr = f->_end = f->_buf;
    return 0;
}

/* Stream flags for an fopen mode string ("r", "w+", "ab", ...), and the
 * matching open(2) flags in *oflags; 0 for a bad mode. */
int __smode(const char *mode, int *oflags)
{
    int flags, o;

    switch (*mode++) {
    case 'r': flags = __SCANRD; o = O_RDONLY; break;
    case 'w': flags = __SCANWR; o = O_WRONLY | O_CREAT | O_TRUNC; break;
    case 'a': flags = __SCANWR | __SAPP; o = O_WRONLY | O_CREAT | O_APPEND; break;
    default: return 0;
    }
    for (; *mode; mode++) {
        if (*mode == '+') {
            flags |= __SCANRD | __SCANWR;
            o = (o & ~O_ACCMODE) | O_RDWR;
        } else if (*mode == 'x') {
            o |= O_EXCL;
        }                                  /* 'b' and others: ignored */
    }
    *oflags = o;
    return flags;
}

FILE *__snew(int fd, int flags)
{
    FILE *f = calloc(1, sizeof(FILE));

    if (f == NULL)
        return NULL;
    f->_fd = fd;
    f->_flags = flags;
    f->_next = __sfiles;
    __sfiles = f;
    return f;
}

int __swriteall(int fd, const void *p, size_t n)
{
    const char *s = p;
    ssize_t r;

    while (n > 0) {
        r = write(fd, s, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        s += r;
        n -= (size_t) r;
    }
    return 0;
}

int __sflush(FILE *f)
{
    size_t n;

    if (!(f->_flags & __SWR))
        return 0;
    n = (size_t) (f->_ptr - f->_buf);
    f->_ptr = f->_buf;
    if (n > 0 && __swriteall(f->_fd, f->_buf, n) < 0) {
        f->_flags |= __SERR;
        return EOF;
    }
    return 0;
}

void __sflushall(void)
{
    FILE *f;

    for (f = __sfiles; f != NULL; f = f->_next)
        __sflush(f);
}

int fflush(FILE *f)
{
    int r = 0;

    if (f == NULL) {
        for (f = __sfiles; f != NULL; f = f->_next)
            if (__sflush(f) == EOF)
                r = EOF;
        return r;
    }
    if (f->_flags & __SWR)
        return __sflush(f);
    if ((f->_flags & __SRD) && lseek(f->_fd, f->_ptr - f->_end, SEEK_CUR) >= 0) {
        f->_flags &= ~__SRD;               /* input: hand back the unread part */
        f->_ptr = f->_end = f->_buf;
    }
    return 0;
}
