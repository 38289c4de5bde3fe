/* sscanf, vsscanf, fscanf, vfscanf, scanf, vscanf: the scanf family over
 * the engine in vscan.c, reading from a string or through getc/ungetc. */
#include "stdio_impl.h"

static int str_get(struct __in *in)
{
    return *in->s ? (unsigned char) *in->s++ : EOF;
}

static void str_unget(struct __in *in, int c)
{
    (void) c;
    in->s--;
}

static int file_get(struct __in *in)
{
    return fgetc(in->f);
}

static void file_unget(struct __in *in, int c)
{
    ungetc(c, in->f);
}

int vsscanf(const char *s, const char *fmt, va_list ap)
{
    struct __in in = { str_get, str_unget, s, NULL, 0 };

    return __vscan(&in, fmt, ap);
}

int vfscanf(FILE *f, const char *fmt, va_list ap)
{
    struct __in in = { file_get, file_unget, NULL, f, 0 };

    return __vscan(&in, fmt, ap);
}

int vscanf(const char *fmt, va_list ap)
{
    return vfscanf(stdin, fmt, ap);
}

int sscanf(const char *s, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vsscanf(s, fmt, ap);
    va_end(ap);
    return r;
}

int fscanf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vfscanf(f, fmt, ap);
    va_end(ap);
    return r;
}

int scanf(const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vfscanf(stdin, fmt, ap);
    va_end(ap);
    return r;
}
