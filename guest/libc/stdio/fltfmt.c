/* %e %f %g for printf: the double is expanded exactly into decimal digits
 * (a bignum in base 10^9, integers only), then rounded half-to-even at the
 * requested place, so output matches correctly rounded C libraries. */
#include "stdio_impl.h"
#include <stdint.h>
#include <string.h>

#define LIMBS 96                 /* 2^53 * 5^1074 has 767 digits: 86 limbs */
#define BASE 1000000000U
#define EXPTEXT 1000             /* where in the work area the exponent goes */

struct dec {
    char *d;                     /* significant digits, '0'..'9' */
    int len;                     /* how many; 0 means the value is zero */
    int exp;                     /* decimal exponent of d[0] */
};

static const uint32_t pow5[14] = {
    1, 5, 25, 125, 625, 3125, 15625, 78125, 390625, 1953125, 9765625,
    48828125, 244140625, 1220703125,
};

/* x = x * m, where x has *n limbs, least significant first. */
static void mul(uint32_t *x, int *n, uint32_t m)
{
    uint64_t carry = 0;
    int i;

    for (i = 0; i < *n; i++) {
        carry += (uint64_t) x[i] * m;
        x[i] = (uint32_t) (carry % BASE);
        carry /= BASE;
    }
    for (; carry != 0; carry /= BASE)
        x[(*n)++] = (uint32_t) (carry % BASE);
}

/* The exact decimal digits of the finite double with these bits. */
static void expand(uint64_t bits, char *buf, struct dec *out)
{
    uint32_t x[LIMBS];
    int n = 0, e = (int) ((bits >> 52) & 0x7ff), k, i, j;
    uint64_t m = bits & ((1ULL << 52) - 1);
    char *p = buf, t[9];

    out->d = buf;
    out->len = out->exp = 0;
    if (e != 0)
        m |= 1ULL << 52;
    e = (e != 0 ? e : 1) - 1075;           /* the value is m * 2^e */
    if (m == 0)
        return;
    for (; (m & 1) == 0 && e < 0; m >>= 1)
        e++;
    for (; m != 0; m /= BASE)
        x[n++] = (uint32_t) (m % BASE);
    for (i = e; i > 0; i -= 29)
        mul(x, &n, (uint32_t) 1 << (i < 29 ? i : 29));
    k = e < 0 ? -e : 0;                    /* m / 2^k = m * 5^k / 10^k */
    for (i = k; i > 0; i -= 13)
        mul(x, &n, pow5[i < 13 ? i : 13]);
    for (i = n - 1; i >= 0; i--) {
        uint32_t w = x[i];
        for (j = 8; j >= 0; j--, w /= 10)
            t[j] = (char) ('0' + w % 10);
        for (j = 0; i == n - 1 && t[j] == '0'; j++)
            ;                              /* no leading zeros */
        memcpy(p, t + j, (size_t) (9 - j));
        p += 9 - j;
    }
    out->len = (int) (p - buf);
    out->exp = out->len - 1 - k;
}

/* Keep the first keep digits, rounding half to even on the exact rest. */
static void round_to(struct dec *v, long long keep)
{
    int i, up, tail = 0;

    if (keep >= v->len)
        return;
    if (keep < 0) {
        v->len = 0;
        return;
    }
    for (i = (int) keep + 1; i < v->len; i++)
        tail |= v->d[i] != '0';
    up = v->d[keep] > '5' || (v->d[keep] == '5'
                              && (tail || (keep > 0 && (v->d[keep - 1] & 1))));
    v->len = (int) keep;
    if (!up)
        return;
    for (i = (int) keep - 1; i >= 0 && v->d[i] == '9'; i--)
        v->d[i] = '0';
    if (i >= 0) {
        v->d[i]++;
    } else {                               /* 99.9 -> 100: one more place */
        v->d[0] = '1';
        v->len = keep > 0 ? (int) keep : 1;
        v->exp++;
    }
}

#define PIECE(str, cnt) (pc[n].s = (str), pc[n].n = (cnt), n++)

static int fixed(struct dec *x, int prec, int alt, struct __piece *pc)
{
    int n = 0, e = x->len ? x->exp : -1, intd, z, avail, start;

    if (e < 0) {
        PIECE("0", 1);
    } else {
        intd = x->len < e + 1 ? x->len : e + 1;
        PIECE(x->d, intd);
        PIECE(NULL, e + 1 - intd);
    }
    if (prec > 0 || alt)
        PIECE(".", 1);
    z = e < -1 ? (-e - 1 < prec ? -e - 1 : prec) : 0;
    start = e >= 0 ? e + 1 : 0;
    avail = x->len - start > 0 ? x->len - start : 0;
    if (avail > prec - z)
        avail = prec - z;
    PIECE(NULL, z);
    PIECE(x->d + start, avail);
    PIECE(NULL, prec - z - avail);
    return n;
}

static int expo(struct dec *x, int prec, int alt, int upper, char *text, struct __piece *pc)
{
    int n = 0, e = x->len ? x->exp : 0, avail = x->len - 1, i = 0;
    unsigned u = (unsigned) (e < 0 ? -e : e);

    PIECE(x->len ? x->d : "0", 1);
    if (prec > 0 || alt)
        PIECE(".", 1);
    if (avail < 0)
        avail = 0;
    if (avail > prec)
        avail = prec;
    PIECE(x->d + 1, avail);
    PIECE(NULL, prec - avail);
    text[i++] = upper ? 'E' : 'e';
    text[i++] = e < 0 ? '-' : '+';
    if (u >= 100)
        text[i++] = (char) ('0' + u / 100);
    text[i++] = (char) ('0' + u / 10 % 10);
    text[i++] = (char) ('0' + u % 10);
    PIECE(text, i);
    return n;
}

int __fmtfloat(double v, int conv, int prec, int alt, char *w,
               struct __piece *pc, int *neg)
{
    union { double d; uint64_t u; } b;
    int upper = conv >= 'A' && conv <= 'Z', lc = conv | 0x20, p, x10;
    struct dec x;

    b.d = v;
    *neg = (int) (b.u >> 63);
    if (((b.u >> 52) & 0x7ff) == 0x7ff) {  /* inf and nan */
        *neg |= 2;
        pc[0].s = b.u << 12 ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
        pc[0].n = 3;
        return 1;
    }
    expand(b.u, w, &x);
    if (lc == 'g') {
        p = prec == 0 ? 1 : prec;
        round_to(&x, p);
        x10 = x.len ? x.exp : 0;
        if (!alt)
            while (x.len > 0 && x.d[x.len - 1] == '0')
                x.len--;
        if (x10 < -4 || x10 >= p) {
            lc = 'e';
            prec = alt ? p - 1 : (x.len > 1 ? x.len - 1 : 0);
        } else {
            lc = 'f';
            prec = alt ? p - 1 - x10 : (x.len - 1 - x10 > 0 ? x.len - 1 - x10 : 0);
        }
    }
    if (lc == 'f') {
        round_to(&x, (long long) x.exp + prec + 1);
        return fixed(&x, prec, alt, pc);
    }
    round_to(&x, (long long) prec + 1);    /* e, and a (not done as hex) */
    return expo(&x, prec, alt, upper, w + EXPTEXT, pc);
}
