/* Comparing strings: strcmp, strncmp, the C-locale strcoll/strxfrm, and the
 * case-blind strcasecmp/strncasecmp. Characters compare as unsigned. */
#include <string.h>
#include <strings.h>

static int lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int strcmp(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *) a, *q = (const unsigned char *) b;

    while (*p && *p == *q)
        p++, q++;
    return (*p > *q) - (*p < *q);
}

int strncmp(const char *a, const char *b, size_t n)
{
    const unsigned char *p = (const unsigned char *) a, *q = (const unsigned char *) b;

    for (; n > 0; n--, p++, q++) {
        if (*p != *q)
            return *p < *q ? -1 : 1;
        if (*p == '\0')
            break;
    }
    return 0;
}

int strcoll(const char *a, const char *b)
{
    return strcmp(a, b);
}

size_t strxfrm(char *dst, const char *src, size_t n)
{
    size_t len = strlen(src);

    if (n > 0)
        strlcpy(dst, src, n);
    return len;
}

int strcasecmp(const char *a, const char *b)
{
    return strncasecmp(a, b, (size_t) -1);
}

int strncasecmp(const char *a, const char *b, size_t n)
{
    const unsigned char *p = (const unsigned char *) a, *q = (const unsigned char *) b;
    int d;

    for (; n > 0; n--, p++, q++) {
        if ((d = lower(*p) - lower(*q)) != 0)
            return d;
        if (*p == '\0')
            break;
    }
    return 0;
}
