/* Reading from streams: fgetc, getc, getchar, ungetc, fgets, gets, fread.
 * __srefill fetches the next bufferful with read(2); before it reads, line
 * buffered output (stdout) is flushed so prompts appear. */
#include "stdio_impl.h"
#include <string.h>
#include <unistd.h>
#include <errno.h>

int __srefill(FILE *f)
{
    FILE *g;
    ssize_t n;

    if (!(f->_flags & __SCANRD)) {
        f->_flags |= __SERR;
        errno = EBADF;
        return EOF;
    }
    if ((f->_flags & __SWR) && __sflush(f) == EOF)
        return EOF;
    f->_flags &= ~__SWR;
    for (g = __sfiles; g != NULL; g = g->_next)
        if ((g->_flags & (__SLBF | __SWR)) == (__SLBF | __SWR))
            __sflush(g);
    __sbuffer(f);
    do
        n = read(f->_fd, f->_buf, (size_t) f->_bufsize);
    while (n < 0 && errno == EINTR);
    f->_ptr = f->_buf;
    f->_end = f->_buf + (n > 0 ? n : 0);
    f->_flags |= __SRD;
    if (n > 0)
        return 0;
    f->_flags |= n == 0 ? __SEOF : __SERR;
    return EOF;
}

int fgetc(FILE *f)
{
    if ((f->_flags & __SRD) && f->_ptr < f->_end)
        return *f->_ptr++;
    if (__srefill(f) == EOF)
        return EOF;
    return *f->_ptr++;
}

int getc(FILE *f) { return fgetc(f); }
int getchar(void) { return fgetc(stdin); }

int ungetc(int c, FILE *f)
{
    if (c == EOF || !(f->_flags & __SCANRD))
        return EOF;
    if (f->_flags & __SWR) {
        if (__sflush(f) == EOF)
            return EOF;
        f->_flags &= ~__SWR;
    }
    __sbuffer(f);
    if (!(f->_flags & __SRD) || f->_ptr == f->_end) {
        f->_flags |= __SRD;                /* empty: put c at the very end */
        f->_ptr = f->_end = f->_buf + f->_bufsize;
    }
    if (f->_ptr == f->_buf)
        return EOF;
    *--f->_ptr = (unsigned char) c;
    f->_flags &= ~__SEOF;
    return (unsigned char) c;
}

char *fgets(char *s, int size, FILE *f)
{
    char *p = s;
    unsigned char *nl;
    size_t k;

    if (size <= 0)
        return NULL;
    while (size > 1) {
        if (!((f->_flags & __SRD) && f->_ptr < f->_end) && __srefill(f) == EOF) {
            if (p == s || (f->_flags & __SERR))
                return NULL;
            break;
        }
        k = (size_t) (f->_end - f->_ptr);
        if (k > (size_t) size - 1)
            k = (size_t) size - 1;
        if ((nl = memchr(f->_ptr, '\n', k)) != NULL)
            k = (size_t) (nl - f->_ptr) + 1;
        memcpy(p, f->_ptr, k);
        f->_ptr += k;
        p += k;
        size -= (int) k;
        if (nl != NULL)
            break;
    }
    *p = '\0';
    return s;
}

char *gets(char *s)
{
    char *p = s;
    int c;

    while ((c = getchar()) != EOF && c != '\n')
        *p++ = (char) c;
    if (c == EOF && (p == s || ferror(stdin)))
        return NULL;
    *p = '\0';
    return s;
}

size_t fread(void *ptr, size_t size, size_t nmemb, FILE *f)
{
    char *p = ptr;
    size_t want, done = 0, k;
    ssize_t n;

    if (size == 0 || nmemb == 0 || nmemb > (size_t) -1 / size)
        return 0;
    want = size * nmemb;
    while (done < want) {
        if ((f->_flags & __SRD) && f->_ptr < f->_end) {
            k = (size_t) (f->_end - f->_ptr);
            if (k > want - done)
                k = want - done;
            memcpy(p + done, f->_ptr, k);
            f->_ptr += k;
            done += k;
        } else if (want - done >= (size_t) f->_bufsize && f->_bufsize > 1
                   && (f->_flags & (__SRD | __SCANRD)) == (__SRD | __SCANRD)) {
            n = read(f->_fd, p + done, want - done);   /* big: skip the buffer */
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                f->_flags |= n == 0 ? __SEOF : __SERR;
                break;
            }
            done += (size_t) n;
        } else if (__srefill(f) == EOF) {
            break;
        }
    }
    return done / size;
}
