/* strtod and atof: decimal text to double, plus "inf", "infinity", "nan".
 * Up to 19 significant digits are kept and scaled by a power of ten in
 * long double (x87), which is close but not always correctly rounded. */
#include <stdlib.h>
#include <errno.h>

static int match(const char *s, const char *word)
{
    int n = 0;

    for (; word[n]; n++)
        if ((s[n] | 0x20) != word[n])
            return 0;
    return n;
}

/* 10^e for 0 <= e, by squaring. */
static long double pow10(int e)
{
    long double r = 1.0L, p = 10.0L;

    for (; e > 0; e >>= 1, p *= p)
        if (e & 1)
            r *= p;
    return r;
}

double strtod(const char *nptr, char **end)
{
    const char *s = nptr;
    unsigned long long mant = 0;
    int neg = 0, exp = 0, nd = 0, any = 0, point = 0, n;
    long double v;

    while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
        s++;
    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    if ((n = match(s, "infinity")) != 0 || (n = match(s, "inf")) != 0) {
        if (end)
            *end = (char *) s + n;
        return neg ? -__builtin_inf() : __builtin_inf();
    }
    if ((n = match(s, "nan")) != 0) {
        if (end)
            *end = (char *) s + n;
        return neg ? -__builtin_nan("") : __builtin_nan("");
    }
    for (;; s++) {
        if (*s == '.' && !point) {
            point = 1;
            continue;
        }
        if (*s < '0' || *s > '9')
            break;
        any = 1;
        if (mant == 0 && *s == '0') {
            exp -= point;
        } else if (nd < 19) {
            mant = mant * 10 + (unsigned) (*s - '0');
            nd++;
            exp -= point;
        } else if (!point) {
            exp++;                  /* a digit dropped before the point */
        }
    }
    if (!any) {                     /* no digits at all */
        if (end)
            *end = (char *) nptr;
        return 0.0;
    }
    if (*s == 'e' || *s == 'E') {
        const char *e = s + 1;
        int eneg = 0, ev = 0;
        if (*e == '-' || *e == '+')
            eneg = *e++ == '-';
        if (*e >= '0' && *e <= '9') {
            for (; *e >= '0' && *e <= '9'; e++)
                if (ev < 100000)
                    ev = ev * 10 + (*e - '0');
            exp += eneg ? -ev : ev;
            s = e;
        }
    }
    if (end)
        *end = (char *) s;
    v = (long double) mant;
    if (mant != 0) {
        if (exp < -4950 + 19) {
            v = 0.0L;
        } else if (exp < 0) {
            if (exp < -4900) {      /* keep the divisor finite */
                v /= pow10(4900);
                exp += 4900;
            }
            v /= pow10(-exp);
        } else if (exp > 0) {
            v = exp > 5000 ? __builtin_infl() : v * pow10(exp);
        }
        if (v > 1.7976931348623157e308L || v < 2.2250738585072014e-308L)
            errno = ERANGE;
    }
    return neg ? -(double) v : (double) v;
}

double atof(const char *s)
{
    return strtod(s, NULL);
}
