/* memcmp, memchr, memccpy: scanning and comparing byte arrays.
 * Bytes compare as unsigned char, as the C standard requires. */
#include <string.h>

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;

    for (; n > 0; n--, p++, q++)
        if (*p != *q)
            return *p < *q ? -1 : 1;
    return 0;
}

void *memchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;

    for (; n > 0; n--, p++)
        if (*p == (unsigned char) c)
            return (void *) p;
    return NULL;
}

void *memccpy(void *dst, const void *src, int c, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    while (n-- > 0)
        if ((*d++ = *s++) == (unsigned char) c)
            return d;
    return NULL;
}
