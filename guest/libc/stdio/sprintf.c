/* Formatting into memory: sprintf, snprintf, vsprintf, vsnprintf, and
 * asprintf/vasprintf, which malloc a buffer of the right size. All return
 * the full length the output would have, as C99 requires. */
#include "stdio_impl.h"
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

/* String sinks: keep at most cap bytes, count them all. */
static void to_string(struct __out *o, const char *s, size_t n)
{
    if (o->len < o->cap)
        memcpy(o->buf + o->len, s, o->cap - o->len < n ? o->cap - o->len : n);
    o->len += n;
}

int vsnprintf(char *s, size_t n, const char *fmt, va_list ap)
{
    struct __out o = { to_string, NULL, s, 0, n > 0 ? n - 1 : 0, -1, 0 };
    int r = __vformat(&o, fmt, ap);

    if (n > 0)
        s[o.len < o.cap ? o.len : o.cap] = '\0';
    return r;
}

int vsprintf(char *s, const char *fmt, va_list ap)
{
    return vsnprintf(s, SIZE_MAX / 2, fmt, ap);
}

int snprintf(char *s, size_t n, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vsnprintf(s, n, fmt, ap);
    va_end(ap);
    return r;
}

int sprintf(char *s, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vsnprintf(s, SIZE_MAX / 2, fmt, ap);
    va_end(ap);
    return r;
}

int vasprintf(char **sp, const char *fmt, va_list ap)
{
    va_list again;
    int n;

    va_copy(again, ap);
    n = vsnprintf(NULL, 0, fmt, again);
    va_end(again);
    *sp = NULL;
    if (n < 0 || (*sp = malloc((size_t) n + 1)) == NULL)
        return -1;
    return vsnprintf(*sp, (size_t) n + 1, fmt, ap);
}

int asprintf(char **sp, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vasprintf(sp, fmt, ap);
    va_end(ap);
    return r;
}
