/* memcpy, memmove, memset: the bulk byte movers.
 * Aligned middles go a machine word at a time; the rest byte by byte. */
#include <string.h>
#include <stdint.h>

typedef size_t __attribute__((__may_alias__)) word_t;
#define WSIZE sizeof(word_t)
#define ALIGNED(p) (((uintptr_t) (p) & (WSIZE - 1)) == 0)

void *memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if (ALIGNED(d) && ALIGNED(s)) {
        for (; n >= WSIZE; n -= WSIZE, d += WSIZE, s += WSIZE)
            *(word_t *) d = *(const word_t *) s;
    }
    while (n--)
        *d++ = *s++;
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if (d == s || n == 0)
        return dst;
    if ((uintptr_t) d - (uintptr_t) s >= n)   /* no harmful overlap: forward */
        return memcpy(dst, src, n);
    d += n;                                   /* dst overlaps src's tail: backward */
    s += n;
    if (ALIGNED(d) && ALIGNED(s)) {
        for (; n >= WSIZE; n -= WSIZE) {
            d -= WSIZE;
            s -= WSIZE;
            *(word_t *) d = *(const word_t *) s;
        }
    }
    while (n--)
        *--d = *--s;
    return dst;
}

void *memset(void *s, int c, size_t n)
{
    unsigned char *p = s;
    unsigned char b = (unsigned char) c;
    word_t w;

    while (n > 0 && !ALIGNED(p)) {
        *p++ = b;
        n--;
    }
    if (n >= WSIZE) {
        w = (word_t) -1 / 255 * b;            /* b repeated in every byte */
        for (; n >= WSIZE; n -= WSIZE, p += WSIZE)
            *(word_t *) p = w;
    }
    while (n--)
        *p++ = b;
    return s;
}
