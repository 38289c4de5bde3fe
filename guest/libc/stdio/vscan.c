/* The scanf engine: matches a format against characters pulled from an
 * input source (string or stream). Numbers are gathered into a small
 * buffer honouring the field width, then converted with strto*. */
#include "stdio_impl.h"
#include <stdlib.h>
#include <stdint.h>
#include <stddef.h>
#include <string.h>

enum { L_NONE, L_HH, L_H, L_L, L_LL, L_J, L_Z, L_T, L_LD };

static int space(int c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static int digit(int c, int base)
{
    int d = c >= '0' && c <= '9' ? c - '0'
          : c >= 'a' && c <= 'z' ? c - 'a' + 10
          : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : 99;
    return d < base;
}

static int next(struct __in *in)
{
    int c = in->get(in);

    if (c != EOF)
        in->count++;
    return c;
}

static void back(struct __in *in, int c)
{
    if (c != EOF) {
        in->unget(in, c);
        in->count--;
    }
}

static int skip_space(struct __in *in)
{
    int c;

    while (space(c = next(in)))
        ;
    back(in, c);
    return c;
}

/* Gather an integer of at most width chars; *base is resolved for base 0.
 * Returns the number of characters, 0 if none form a number. */
static int gather_int(struct __in *in, char *buf, int width, int *base)
{
    int n = 0, digits = 0, c = next(in);

    if ((c == '+' || c == '-') && n < width) {
        buf[n++] = (char) c;
        c = next(in);
    }
    if ((*base == 0 || *base == 16) && c == '0' && n < width) {
        buf[n++] = (char) c;
        digits++;
        c = next(in);
        if ((c == 'x' || c == 'X') && n < width) {
            buf[n++] = (char) c;
            c = next(in);
            *base = 16;
        } else if (*base == 0) {
            *base = 8;
        }
    }
    if (*base == 0)
        *base = 10;
    for (; n < width && digit(c, *base); c = next(in), digits++)
        buf[n++] = (char) c;
    back(in, c);
    buf[n] = '\0';
    return digits ? n : 0;
}

/* Gather a decimal floating-point number of at most width chars. */
static int gather_float(struct __in *in, char *buf, int width)
{
    int n = 0, digits = 0, c = next(in), point = 0;

    if ((c == '+' || c == '-') && n < width) {
        buf[n++] = (char) c;
        c = next(in);
    }
    for (; n < width; c = next(in)) {
        if (c >= '0' && c <= '9')
            digits++;
        else if (c == '.' && !point)
            point = 1;
        else
            break;
        buf[n++] = (char) c;
    }
    if (digits && n < width && (c == 'e' || c == 'E')) {
        buf[n++] = (char) c;
        c = next(in);
        if ((c == '+' || c == '-') && n < width) {
            buf[n++] = (char) c;
            c = next(in);
        }
        for (; n < width && c >= '0' && c <= '9'; c = next(in))
            buf[n++] = (char) c;
    }
    back(in, c);
    buf[n] = '\0';
    return digits ? n : 0;
}

static void store_int(void *p, int len, unsigned long long v)
{
    switch (len) {
    case L_HH: *(char *) p = (char) v; break;
    case L_H: *(short *) p = (short) v; break;
    case L_L: *(long *) p = (long) v; break;
    case L_LL: case L_LD: *(long long *) p = (long long) v; break;
    case L_J: *(intmax_t *) p = (intmax_t) v; break;
    case L_Z: *(size_t *) p = (size_t) v; break;
    case L_T: *(ptrdiff_t *) p = (ptrdiff_t) v; break;
    default: *(int *) p = (int) v; break;
    }
}

/* Parse the scanset after '[' into set; returns the format after ']'. */
static const char *scanset(const char *fmt, unsigned char set[256])
{
    int neg = 0, i, c;

    if (*fmt == '^') {
        neg = 1;
        fmt++;
    }
    memset(set, 0, 256);
    if (*fmt == ']')
        set[(unsigned char) *fmt++] = 1;
    for (; *fmt && *fmt != ']'; fmt++) {
        c = (unsigned char) *fmt;
        if (fmt[1] == '-' && fmt[2] && fmt[2] != ']' && (unsigned char) fmt[2] >= c) {
            for (i = c; i <= (unsigned char) fmt[2]; i++)
                set[i] = 1;
            fmt += 2;
        } else {
            set[c] = 1;
        }
    }
    if (neg)
        for (i = 0; i < 256; i++)
            set[i] = !set[i];
    return *fmt ? fmt + 1 : fmt;
}

int __vscan(struct __in *in, const char *fmt, va_list ap0)
{
    va_list ap;
    int assigned = 0, done = 0, c;
    unsigned char set[256];
    char buf[80];

    va_copy(ap, ap0);
    while (*fmt) {
        int suppress = 0, width = 0, len = L_NONE, conv, base, n;
        void *dst = NULL;

        if (space((unsigned char) *fmt)) {
            skip_space(in);
            fmt++;
            continue;
        }
        if (*fmt != '%' || fmt[1] == '%') {
            if (*fmt == '%') {
                fmt++;
                skip_space(in);
            }
            if ((c = next(in)) != (unsigned char) *fmt) {
                back(in, c);
                if (c == EOF)
                    goto input_failure;
                break;
            }
            fmt++;
            continue;
        }
        fmt++;
        if (*fmt == '*') {
            suppress = 1;
            fmt++;
        }
        for (; *fmt >= '0' && *fmt <= '9'; fmt++)
            width = width * 10 + (*fmt - '0');
        switch (*fmt) {
        case 'h': len = fmt[1] == 'h' ? L_HH : L_H; fmt += len == L_HH ? 2 : 1; break;
        case 'l': len = fmt[1] == 'l' ? L_LL : L_L; fmt += len == L_LL ? 2 : 1; break;
        case 'q': len = L_LL; fmt++; break;
        case 'j': len = L_J; fmt++; break;
        case 'z': len = L_Z; fmt++; break;
        case 't': len = L_T; fmt++; break;
        case 'L': len = L_LD; fmt++; break;
        }
        if ((conv = (unsigned char) *fmt++) == '\0')
            break;
        if (!suppress && conv != '%')
            dst = va_arg(ap, void *);
        if (conv == 'n') {
            if (dst)
                store_int(dst, len, (unsigned long long) in->count);
            continue;
        }
        if (conv != 'c' && conv != '[' && skip_space(in) == EOF)
            goto input_failure;
        switch (conv) {
        case 'c':
            if (width == 0)
                width = 1;
            for (n = 0; n < width && (c = next(in)) != EOF; n++)
                if (dst)
                    ((char *) dst)[n] = (char) c;
            if (n == 0)
                goto input_failure;
            if (n < width)
                goto out;
            break;
        case 's':
        case '[':
            if (conv == '[')
                fmt = scanset(fmt, set);
            for (n = 0; width == 0 || n < width; n++) {
                c = next(in);
                if (c == EOF || (conv == 's' ? space(c) : !set[c])) {
                    back(in, c);
                    break;
                }
                if (dst)
                    ((char *) dst)[n] = (char) c;
            }
            if (n == 0) {
                if (c == EOF)
                    goto input_failure;
                goto out;
            }
            if (dst)
                ((char *) dst)[n] = '\0';
            break;
        case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'p':
            base = conv == 'd' || conv == 'u' ? 10 : conv == 'o' ? 8 : conv == 'i' ? 0 : 16;
            if (gather_int(in, buf, width > 0 && width < 79 ? width : 79, &base) == 0)
                goto out;
            if (dst == NULL)
                break;
            if (conv == 'p')
                *(void **) dst = (void *) (uintptr_t) strtoull(buf, NULL, 16);
            else if (conv == 'd' || conv == 'i')
                store_int(dst, len, (unsigned long long) strtoll(buf, NULL, base));
            else
                store_int(dst, len, strtoull(buf, NULL, base));
            break;
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A':
            if (gather_float(in, buf, width > 0 && width < 79 ? width : 79) == 0)
                goto out;
            if (dst == NULL)
                break;
            if (len == L_LD)
                *(long double *) dst = strtod(buf, NULL);
            else if (len == L_L)
                *(double *) dst = strtod(buf, NULL);
            else
                *(float *) dst = (float) strtod(buf, NULL);
            break;
        default:
            goto out;
        }
        done++;
        if (dst)
            assigned++;
    }
out:
    va_end(ap);
    return assigned;
input_failure:
    va_end(ap);
    return done == 0 && assigned == 0 ? EOF : assigned;
}
