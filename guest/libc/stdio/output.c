/* Writing to streams: fputc, putc, putchar, fputs, puts, fwrite.
 * All output funnels through __swrite, which buffers per the stream's mode
 * and hands full buffers (or lines, or everything if unbuffered) to write. */
#include "stdio_impl.h"
#include <string.h>
#include <unistd.h>
#include <errno.h>

int __swsetup(FILE *f)
{
    if (f->_flags & __SWR)
        return 0;
    if (!(f->_flags & __SCANWR)) {
        f->_flags |= __SERR;
        errno = EBADF;
        return EOF;
    }
    if ((f->_flags & __SRD) && f->_end > f->_ptr)  /* give back unread input */
        lseek(f->_fd, f->_ptr - f->_end, SEEK_CUR);
    __sbuffer(f);
    f->_flags = (f->_flags & ~__SRD) | __SWR;
    f->_ptr = f->_buf;
    __stdio_cleanup = __sflushall;         /* exit() must flush from now on */
    return 0;
}

size_t __swrite(FILE *f, const char *s, size_t n)
{
    size_t done = 0, room, k;

    if (__swsetup(f) == EOF)
        return 0;
    while (done < n) {
        room = (size_t) (f->_buf + f->_bufsize - f->_ptr);
        if (room == 0) {
            if (__sflush(f) == EOF)
                return done;
            continue;
        }
        if (f->_ptr == f->_buf && n - done >= (size_t) f->_bufsize) {
            k = n - done;                  /* big and buffer empty: go direct */
            if (__swriteall(f->_fd, s + done, k) < 0) {
                f->_flags |= __SERR;
                return done;
            }
            return n;
        }
        k = n - done < room ? n - done : room;
        memcpy(f->_ptr, s + done, k);
        f->_ptr += k;
        done += k;
    }
    if ((f->_flags & __SNBF) || f->_ptr == f->_buf + f->_bufsize
        || ((f->_flags & __SLBF) && memchr(s, '\n', n) != NULL)) {
        if (__sflush(f) == EOF)
            return 0;
    }
    return n;
}

int fputc(int c, FILE *f)
{
    unsigned char ch = (unsigned char) c;

    if ((f->_flags & (__SWR | __SLBF | __SNBF)) == __SWR
        && f->_ptr < f->_buf + f->_bufsize - 1) {
        *f->_ptr++ = ch;                   /* the fast path */
        return ch;
    }
    return __swrite(f, (const char *) &ch, 1) == 1 ? ch : EOF;
}

int putc(int c, FILE *f) { return fputc(c, f); }
int putchar(int c) { return fputc(c, stdout); }

int fputs(const char *s, FILE *f)
{
    size_t n = strlen(s);

    return __swrite(f, s, n) == n ? 0 : EOF;
}

int puts(const char *s)
{
    if (fputs(s, stdout) == EOF)
        return EOF;
    return fputc('\n', stdout) == EOF ? EOF : 0;
}

size_t fwrite(const void *p, size_t size, size_t nmemb, FILE *f)
{
    size_t n;

    if (size == 0 || nmemb == 0)
        return 0;
    if (nmemb > (size_t) -1 / size) {
        errno = EINVAL;
        return 0;
    }
    n = __swrite(f, p, size * nmemb);
    return n / size;
}
