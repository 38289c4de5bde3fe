/* strlen and strnlen: the length of a NUL-terminated string.
 * strnlen never looks past maxlen bytes. */
#include <string.h>

size_t strlen(const char *s)
{
    const char *p = s;

    while (*p)
        p++;
    return (size_t) (p - s);
}

size_t strnlen(const char *s, size_t maxlen)
{
    size_t n = 0;

    while (n < maxlen && s[n])
        n++;
    return n;
}
