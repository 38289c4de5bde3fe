/* The printf engine: parses conversion specifications and sends the
 * formatted text to a sink (stream, string or descriptor). Integers use
 * no floating point; %e/%f/%g are handed to fltfmt.c. */
#include "stdio_impl.h"
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include <limits.h>
#include <errno.h>

#define LEFT  0x01
#define ZERO  0x02
#define PLUS  0x04
#define SPACE 0x08
#define ALT   0x10

enum { L_NONE, L_HH, L_H, L_L, L_LL, L_J, L_Z, L_T, L_LD };

/* k copies of the character that fills the 16-byte string run. */
static void repeat(struct __out *o, const char *run, size_t k)
{
    for (; k > 16; k -= 16)
        o->put(o, run, 16);
    if (k > 0)
        o->put(o, run, k);
}

/* Emit the pieces, padded with spaces to width (on the right if left). */
static size_t field(struct __out *o, const struct __piece *pc, int n, int width, int left)
{
    size_t len = 0, pad;
    int i;

    for (i = 0; i < n; i++)
        len += (size_t) pc[i].n;
    pad = width > 0 && (size_t) width > len ? (size_t) width - len : 0;
    if (!left)
        repeat(o, "                ", pad);
    for (i = 0; i < n; i++) {
        if (pc[i].s != NULL)
            o->put(o, pc[i].s, (size_t) pc[i].n);
        else
            repeat(o, "0000000000000000", (size_t) pc[i].n);
    }
    if (left)
        repeat(o, "                ", pad);
    return len + pad;
}

/* The conversions d i u o x X p, given the magnitude v and its sign. */
static size_t integer(struct __out *o, unsigned long long v, int neg, int conv,
                      int flags, int width, int prec)
{
    const char *xdigits = conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    unsigned base = conv == 'o' ? 8 : conv == 'x' || conv == 'X' || conv == 'p' ? 16 : 10;
    char buf[24], *d = buf + sizeof(buf), pre[3];
    int nd, npre = 0, zeros, given = prec >= 0;
    unsigned int u;
    struct __piece pc[3];

    if (neg)
        pre[npre++] = '-';
    else if ((conv == 'd' || conv == 'i') && (flags & (PLUS | SPACE)))
        pre[npre++] = flags & PLUS ? '+' : ' ';
    if (conv == 'p' || (v != 0 && (flags & ALT) && base == 16)) {
        pre[npre++] = '0';
        pre[npre++] = conv == 'X' ? 'X' : 'x';
    }
    for (; v > UINT_MAX; v /= base)        /* 64-bit steps only when needed */
        *--d = xdigits[v % base];
    for (u = (unsigned int) v; u != 0; u /= base)
        *--d = xdigits[u % base];
    if (d == buf + sizeof(buf) && prec < 0)
        *--d = '0';                        /* zero, no precision: one digit */
    nd = (int) (buf + sizeof(buf) - d);
    if ((flags & ALT) && base == 8 && (nd == 0 || *d != '0') && prec <= nd)
        prec = nd + 1;                     /* '#' forces a leading 0 */
    zeros = prec > nd ? prec - nd : 0;
    if ((flags & (ZERO | LEFT)) == ZERO && !given && width > npre + nd)
        zeros = width - npre - nd;         /* '0' pads only without a precision */
    pc[0].s = pre;
    pc[0].n = npre;
    pc[1].s = NULL;
    pc[1].n = zeros;
    pc[2].s = d;
    pc[2].n = nd;
    return field(o, pc, 3, width, flags & LEFT);
}

static size_t floating(struct __out *o, double v, int conv, int flags, int width, int prec)
{
    char work[__FLTWORK], sign;
    struct __piece pc[10];
    int n, neg, i;
    size_t len = 0;

    n = __fmtfloat(v, conv, prec < 0 ? 6 : prec, flags & ALT, work, pc + 2, &neg);
    sign = neg & 1 ? '-' : flags & PLUS ? '+' : ' ';
    pc[0].s = &sign;
    pc[0].n = (neg & 1) || (flags & (PLUS | SPACE));
    pc[1].s = NULL;
    pc[1].n = 0;
    for (i = 0; i < n + 2; i++)
        len += (size_t) pc[i].n;
    if ((flags & (ZERO | LEFT)) == ZERO && !(neg & 2) && (size_t) width > len)
        pc[1].n = width - (int) len;
    return field(o, pc, n + 2, width, flags & LEFT);
}

static void store_count(void *p, int len, size_t total)
{
    switch (len) {
    case L_HH: *(signed char *) p = (signed char) total; break;
    case L_H: *(short *) p = (short) total; break;
    case L_L: *(long *) p = (long) total; break;
    case L_LL: *(long long *) p = (long long) total; break;
    case L_J: *(intmax_t *) p = (intmax_t) total; break;
    case L_Z: *(size_t *) p = total; break;
    case L_T: *(ptrdiff_t *) p = (ptrdiff_t) total; break;
    default: *(int *) p = (int) total; break;
    }
}

int __vformat(struct __out *o, const char *fmt, va_list ap0)
{
    va_list ap;
    size_t total = 0;

    va_copy(ap, ap0);
    while (*fmt) {
        const char *spec = fmt, *s;
        char ch;
        int flags = 0, width = 0, prec = -1, len = L_NONE, conv;
        long long sv;
        unsigned long long uv;
        struct __piece pc;

        if (*fmt != '%') {
            while (*fmt && *fmt != '%')
                fmt++;
            o->put(o, spec, (size_t) (fmt - spec));
            total += (size_t) (fmt - spec);
            continue;
        }
        for (fmt++;; fmt++) {
            if (*fmt == '-') flags |= LEFT;
            else if (*fmt == '0') flags |= ZERO;
            else if (*fmt == '+') flags |= PLUS;
            else if (*fmt == ' ') flags |= SPACE;
            else if (*fmt == '#') flags |= ALT;
            else if (*fmt != '\'') break;
        }
        if (*fmt == '*') {
            width = va_arg(ap, int);
            if (width < 0) {
                flags |= LEFT;
                width = width == INT_MIN ? INT_MAX : -width;
            }
            fmt++;
        }
        for (; *fmt >= '0' && *fmt <= '9'; fmt++)
            width = width < INT_MAX / 10 ? width * 10 + (*fmt - '0') : INT_MAX;
        if (*fmt == '.') {
            prec = 0;
            if (*++fmt == '*') {
                prec = va_arg(ap, int);
                if (prec < 0)
                    prec = -1;
                fmt++;
            }
            for (; *fmt >= '0' && *fmt <= '9'; fmt++)
                prec = prec < INT_MAX / 10 ? prec * 10 + (*fmt - '0') : INT_MAX;
        }
        switch (*fmt) {
        case 'h': len = fmt[1] == 'h' ? L_HH : L_H; fmt += len == L_HH ? 2 : 1; break;
        case 'l': len = fmt[1] == 'l' ? L_LL : L_L; fmt += len == L_LL ? 2 : 1; break;
        case 'q': len = L_LL; fmt++; break;
        case 'j': len = L_J; fmt++; break;
        case 'z': len = L_Z; fmt++; break;
        case 't': len = L_T; fmt++; break;
        case 'L': len = L_LD; fmt++; break;
        }
        if (*fmt == '\0') {                /* a truncated specification */
            o->put(o, spec, (size_t) (fmt - spec));
            total += (size_t) (fmt - spec);
            break;
        }
        switch (conv = *fmt++) {
        case 'd':
        case 'i':
            switch (len) {
            case L_HH: sv = (signed char) va_arg(ap, int); break;
            case L_H: sv = (short) va_arg(ap, int); break;
            case L_L: sv = va_arg(ap, long); break;
            case L_LL: case L_LD: sv = va_arg(ap, long long); break;
            case L_J: sv = va_arg(ap, intmax_t); break;
            case L_Z: sv = (intptr_t) va_arg(ap, size_t); break;
            case L_T: sv = va_arg(ap, ptrdiff_t); break;
            default: sv = va_arg(ap, int); break;
            }
            uv = sv < 0 ? 0 - (unsigned long long) sv : (unsigned long long) sv;
            total += integer(o, uv, sv < 0, conv, flags, width, prec);
            break;
        case 'u':
        case 'o':
        case 'x':
        case 'X':
            switch (len) {
            case L_HH: uv = (unsigned char) va_arg(ap, unsigned int); break;
            case L_H: uv = (unsigned short) va_arg(ap, unsigned int); break;
            case L_L: uv = va_arg(ap, unsigned long); break;
            case L_LL: case L_LD: uv = va_arg(ap, unsigned long long); break;
            case L_J: uv = va_arg(ap, uintmax_t); break;
            case L_Z: uv = va_arg(ap, size_t); break;
            case L_T: uv = (uintptr_t) va_arg(ap, ptrdiff_t); break;
            default: uv = va_arg(ap, unsigned int); break;
            }
            total += integer(o, uv, 0, conv, flags, width, prec);
            break;
        case 'p':
            uv = (uintptr_t) va_arg(ap, void *);
            total += integer(o, uv, 0, 'p', flags & ~ALT, width, prec);
            break;
        case 'c':
            ch = (char) va_arg(ap, int);
            pc.s = &ch;
            pc.n = 1;
            total += field(o, &pc, 1, width, flags & LEFT);
            break;
        case 's':
            if ((s = va_arg(ap, const char *)) == NULL)
                s = "(null)";
            pc.s = s;
            pc.n = (int) (prec >= 0 ? strnlen(s, (size_t) prec) : strlen(s));
            total += field(o, &pc, 1, width, flags & LEFT);
            break;
        case 'n':
            store_count(va_arg(ap, void *), len, total);
            break;
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A':
            total += floating(o, len == L_LD ? (double) va_arg(ap, long double)
                                             : va_arg(ap, double),
                              conv, flags, width, prec);
            break;
        case '%':
            o->put(o, "%", 1);
            total++;
            break;
        default:                           /* unknown: print it as it stands */
            o->put(o, spec, (size_t) (fmt - spec));
            total += (size_t) (fmt - spec);
            break;
        }
    }
    va_end(ap);
    if (total > INT_MAX) {
        errno = EOVERFLOW;
        return -1;
    }
    return o->err ? -1 : (int) total;
}
