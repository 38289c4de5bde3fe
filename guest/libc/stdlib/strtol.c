/* strtol, strtoul, strtoll, strtoull and atoi/atol/atoll: text to integer.
 * One parser works on unsigned long long magnitudes; each wrapper supplies
 * its type's limits, so overflow clamps and sets ERANGE exactly there. */
#include <stdlib.h>
#include <limits.h>
#include <errno.h>

static int digit(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

/* The magnitude of the number at s, at most poslim (neglim after '-');
 * *neg tells the sign, and on overflow the limit comes back with ERANGE. */
static unsigned long long parse(const char *nptr, char **end, int base,
                                unsigned long long poslim, unsigned long long neglim,
                                int *neg)
{
    const char *s = nptr;
    unsigned long long acc = 0, cut, lim;
    int d, cutlim, any = 0, over = 0;

    *neg = 0;
    if (base < 0 || base == 1 || base > 36) {
        errno = EINVAL;
        if (end)
            *end = (char *) nptr;
        return 0;
    }
    while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
        s++;
    if (*s == '-' || *s == '+')
        *neg = *s++ == '-';
    if ((base == 0 || base == 16) && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')
        && digit((unsigned char) s[2]) < 16) {
        s += 2;
        base = 16;
    } else if (base == 0) {
        base = s[0] == '0' ? 8 : 10;
    }
    lim = *neg ? neglim : poslim;
    cut = lim / (unsigned) base;
    cutlim = (int) (lim % (unsigned) base);
    for (; (d = digit((unsigned char) *s)) < base; s++) {
        any = 1;
        if (over || acc > cut || (acc == cut && d > cutlim))
            over = 1;
        else
            acc = acc * (unsigned) base + (unsigned) d;
    }
    if (end)
        *end = (char *) (any ? s : nptr);
    if (over) {
        errno = ERANGE;
        return lim;
    }
    return acc;
}

long strtol(const char *s, char **end, int base)
{
    int neg;
    unsigned long long m = parse(s, end, base, LONG_MAX, (unsigned long long) LONG_MAX + 1, &neg);

    return neg && m ? -(long) (m - 1) - 1 : (long) m;
}

long long strtoll(const char *s, char **end, int base)
{
    int neg;
    unsigned long long m = parse(s, end, base, LLONG_MAX, (unsigned long long) LLONG_MAX + 1, &neg);

    return neg && m ? -(long long) (m - 1) - 1 : (long long) m;
}

unsigned long strtoul(const char *s, char **end, int base)
{
    int neg, e = errno;
    unsigned long long m;

    errno = 0;
    m = parse(s, end, base, ULONG_MAX, ULONG_MAX, &neg);
    if (errno == ERANGE)                  /* clamped: no negation */
        return ULONG_MAX;
    if (errno == 0)
        errno = e;
    return neg ? -(unsigned long) m : (unsigned long) m;
}

unsigned long long strtoull(const char *s, char **end, int base)
{
    int neg, e = errno;
    unsigned long long m;

    errno = 0;
    m = parse(s, end, base, ULLONG_MAX, ULLONG_MAX, &neg);
    if (errno == ERANGE)
        return ULLONG_MAX;
    if (errno == 0)
        errno = e;
    return neg ? -m : m;
}

int atoi(const char *s) { return (int) strtol(s, NULL, 10); }
long atol(const char *s) { return strtol(s, NULL, 10); }
long long atoll(const char *s) { return strtoll(s, NULL, 10); }
