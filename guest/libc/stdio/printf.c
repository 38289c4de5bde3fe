/* printf, fprintf, vprintf, vfprintf to streams; dprintf, vdprintf to a
 * descriptor. Unbuffered streams borrow a stack buffer for the call, so
 * fprintf(stderr, ...) makes one write, not one per piece. */
#include "stdio_impl.h"
#include <string.h>

static void to_stream(struct __out *o, const char *s, size_t n)
{
    if (__swrite(o->f, s, n) != n)
        o->err = 1;
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
    struct __out o = { to_stream, f, NULL, 0, 0, -1, 0 };
    unsigned char tmp[512], *buf;
    int r, size;

    if ((f->_flags & (__SNBF | __SRD)) != __SNBF)
        return __vformat(&o, fmt, ap);
    if (__swsetup(f) == EOF)
        return -1;
    buf = f->_buf;
    size = f->_bufsize;
    f->_buf = f->_ptr = tmp;
    f->_bufsize = sizeof(tmp);
    f->_flags &= ~__SNBF;
    r = __vformat(&o, fmt, ap);
    if (__sflush(f) == EOF)
        r = -1;
    f->_buf = f->_ptr = buf;
    f->_bufsize = size;
    f->_flags |= __SNBF;
    return r;
}

int vprintf(const char *fmt, va_list ap)
{
    return vfprintf(stdout, fmt, ap);
}

int fprintf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vfprintf(f, fmt, ap);
    va_end(ap);
    return r;
}

int printf(const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vfprintf(stdout, fmt, ap);
    va_end(ap);
    return r;
}

/* Descriptor sinks gather output in buf (cap bytes) between writes. */
static void to_fd(struct __out *o, const char *s, size_t n)
{
    while (n > 0 && !o->err) {
        size_t k = o->cap - o->len < n ? o->cap - o->len : n;
        memcpy(o->buf + o->len, s, k);
        o->len += k;
        s += k;
        n -= k;
        if (o->len == o->cap) {
            if (__swriteall(o->fd, o->buf, o->len) < 0)
                o->err = 1;
            o->len = 0;
        }
    }
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
    char buf[256];
    struct __out o = { to_fd, NULL, buf, 0, sizeof(buf), fd, 0 };
    int r = __vformat(&o, fmt, ap);

    if (o.len > 0 && __swriteall(fd, buf, o.len) < 0)
        return -1;
    return o.err ? -1 : r;
}

int dprintf(int fd, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vdprintf(fd, fmt, ap);
    va_end(ap);
    return r;
}
