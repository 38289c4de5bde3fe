/* The BSD string functions of <strings.h>: bzero, bcopy, bcmp, index,
 * rindex and ffs, each a thin cousin of a standard one. */
#include <strings.h>
#include <string.h>

void bzero(void *s, size_t n)
{
    memset(s, 0, n);
}

void bcopy(const void *src, void *dst, size_t n)
{
    memmove(dst, src, n);
}

int bcmp(const void *a, const void *b, size_t n)
{
    return memcmp(a, b, n) != 0;
}

char *index(const char *s, int c)
{
    return strchr(s, c);
}

char *rindex(const char *s, int c)
{
    return strrchr(s, c);
}

int ffs(int i)
{
    unsigned int u = (unsigned int) i;
    int bit = 1;

    if (u == 0)
        return 0;
    while ((u & 1) == 0) {
        u >>= 1;
        bit++;
    }
    return bit;
}
