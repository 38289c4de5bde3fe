/* malloc, free, calloc, realloc: a boundary-tag allocator over sbrk. Free
 * neighbours coalesce both ways; free chunks sit in size-class lists (first
 * fit). malloc(0) and realloc(p, 0) return a unique minimum-size block. */
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <errno.h>
#include <unistd.h>

typedef struct chunk {
    size_t prev;                /* size of the chunk to the left, 0 if none */
    size_t head;                /* this chunk's size (header included) | INUSE */
    struct chunk *next, *back;  /* free-list links; overlap the payload */
} chunk;

typedef struct segment {        /* payload of the dummy chunk opening a segment */
    struct segment *next;
} segment;

#define HDR (2 * sizeof(size_t))          /* also the alignment: 8 on i386 */
#define ALIGN HDR
#define INUSE ((size_t) 1)
#define MINCHUNK ((sizeof(chunk) + ALIGN - 1) & ~(ALIGN - 1))
#define GROW_MIN ((size_t) 32 * 1024)
#define NBINS (8 * sizeof(size_t))

#define SIZE(c) ((c)->head & ~INUSE)
#define RIGHT(c) ((chunk *) ((char *) (c) + SIZE(c)))
#define LEFT(c) ((chunk *) ((char *) (c) - (c)->prev))
#define MEM(c) ((void *) ((char *) (c) + HDR))
#define CHUNK(p) ((chunk *) ((char *) (p) - HDR))

static chunk *bins[NBINS];      /* free chunks, by floor(log2(size)) */
static segment *segments;       /* every sbrk'd region, newest first */
static chunk *top;              /* end sentinel of the newest segment */

static unsigned bin_of(size_t size)
{
    unsigned b = 0;

    while (size >>= 1)
        b++;
    return b;
}

static void link_free(chunk *c)
{
    unsigned b = bin_of(SIZE(c));

    c->head &= ~INUSE;
    c->back = NULL;
    c->next = bins[b];
    if (c->next)
        c->next->back = c;
    bins[b] = c;
}

static void unlink_free(chunk *c)
{
    if (c->back)
        c->back->next = c->next;
    else
        bins[bin_of(SIZE(c))] = c->next;
    if (c->next)
        c->next->back = c->back;
}

static void set_size(chunk *c, size_t size, size_t inuse)
{
    c->head = size | inuse;
    RIGHT(c)->prev = size;
}

/* Merge free chunk c (not on a list) with free neighbours; list the result. */
static chunk *coalesce(chunk *c)
{
    chunk *r = RIGHT(c), *l;
    size_t size = SIZE(c);

    if (!(r->head & INUSE)) {
        unlink_free(r);
        size += SIZE(r);
    }
    l = LEFT(c);
    if (!(l->head & INUSE)) {     /* a segment's first chunk is always in use */
        unlink_free(l);
        size += SIZE(l);
        c = l;
    }
    set_size(c, size, 0);
    link_free(c);
    return c;
}

/* Get at least need more bytes from sbrk; returns the resulting free chunk
 * (merged with a free chunk at the old top when the new memory is adjacent). */
static chunk *grow(size_t need)
{
    char *brk0 = sbrk(0), *p;
    size_t incr, pad = 0;
    chunk *c;
    int fresh = top == NULL || brk0 != (char *) top + HDR;

    if (brk0 == (char *) -1)
        return NULL;
    if (fresh)
        pad = (ALIGN - (uintptr_t) brk0 % ALIGN) % ALIGN + MINCHUNK + HDR;
    incr = need < GROW_MIN ? GROW_MIN : need;
    if (incr > (size_t) INTPTR_MAX - pad)
        return NULL;
    p = sbrk((intptr_t) (incr + pad));
    if (p == (char *) -1) {
        if (incr == need)
            return NULL;
        incr = need;                          /* the generous size failed */
        if ((p = sbrk((intptr_t) (incr + pad))) == (char *) -1)
            return NULL;
    }
    if (fresh) {                              /* dummy, free chunk, sentinel */
        chunk *dummy = (chunk *) (p + (ALIGN - (uintptr_t) p % ALIGN) % ALIGN);
        segment *s = MEM(dummy);
        dummy->prev = 0;
        dummy->head = MINCHUNK | INUSE;
        s->next = segments;
        segments = s;
        c = RIGHT(dummy);
        c->prev = MINCHUNK;
    } else {
        c = top;                              /* old sentinel becomes a header */
    }
    c->head = incr;                           /* placeholder until set_size */
    top = RIGHT(c);
    top->head = INUSE;                        /* size 0 */
    set_size(c, incr, 0);
    return coalesce(c);
}

/* Cut c (in use, not listed) down to size, freeing any usable remainder. */
static void trim(chunk *c, size_t size)
{
    size_t total = SIZE(c);
    chunk *rest;

    if (total - size < MINCHUNK)
        return;
    set_size(c, size, INUSE);
    rest = RIGHT(c);
    rest->head = 0;
    set_size(rest, total - size, 0);
    coalesce(rest);
}

/* The chunk size serving a request of n bytes, or 0 if n is absurd. */
static size_t request(size_t n)
{
    if (n > SIZE_MAX / 2)
        return 0;
    n = (n + HDR + ALIGN - 1) & ~(ALIGN - 1);
    return n < MINCHUNK ? MINCHUNK : n;
}

void *malloc(size_t n)
{
    size_t size = request(n);
    unsigned b;
    chunk *c = NULL;

    if (size == 0) {
        errno = ENOMEM;
        return NULL;
    }
    for (b = bin_of(size); b < NBINS && c == NULL; b++)
        for (c = bins[b]; c != NULL && SIZE(c) < size; c = c->next)
            ;
    if (c == NULL && (c = grow(size)) == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    unlink_free(c);
    set_size(c, SIZE(c), INUSE);
    trim(c, size);
    return MEM(c);
}

void free(void *p)
{
    chunk *c;

    if (p == NULL)
        return;
    c = CHUNK(p);
    if (!(c->head & INUSE))                   /* double free: ignore it */
        return;
    c->head &= ~INUSE;
    coalesce(c);
}

void *calloc(size_t nmemb, size_t size)
{
    void *p;

    if (size != 0 && nmemb > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    if ((p = malloc(nmemb * size)) != NULL)
        memset(p, 0, nmemb * size);
    return p;
}

void *realloc(void *p, size_t n)
{
    size_t size = request(n);
    chunk *c, *r;
    void *q;

    if (p == NULL)
        return malloc(n);
    if (size == 0) {
        errno = ENOMEM;
        return NULL;
    }
    c = CHUNK(p);
    r = RIGHT(c);
    if (SIZE(c) < size && r == top && grow(size - SIZE(c)) == RIGHT(c))
        r = RIGHT(c);                         /* heap grew right after us */
    if (SIZE(c) < size && !(r->head & INUSE) && SIZE(c) + SIZE(r) >= size) {
        unlink_free(r);                       /* absorb the free right neighbour */
        set_size(c, SIZE(c) + SIZE(r), INUSE);
    }
    if (SIZE(c) >= size) {
        trim(c, size);
        return p;
    }
    if (!(r->head & INUSE) && RIGHT(r) == top && grow(size - SIZE(c) - SIZE(r)) == r)
        return realloc(p, n);                 /* free tail grew: absorb it now */
    if ((q = malloc(n)) == NULL)
        return NULL;
    memcpy(q, p, SIZE(c) - HDR);
    free(p);
    return q;
}

/* Walk every segment and check the chunk invariants; 0 if all is well.
 * For tests and debugging only. */
int __malloc_verify(void)
{
    segment *s;
    chunk *c;
    unsigned b;

    for (s = segments; s != NULL; s = s->next) {
        c = CHUNK(s);
        if (c->prev != 0 || c->head != (MINCHUNK | INUSE))
            return 1;
        for (; SIZE(c) != 0; c = RIGHT(c)) {
            if (SIZE(c) % ALIGN || SIZE(c) < MINCHUNK || RIGHT(c)->prev != SIZE(c))
                return 2;
            if (!(c->head & INUSE) && !(RIGHT(c)->head & INUSE))
                return 3;                     /* two free neighbours unmerged */
        }
    }
    for (b = 0; b < NBINS; b++)
        for (c = bins[b]; c != NULL; c = c->next)
            if ((c->head & INUSE) || bin_of(SIZE(c)) != b || (c->next && c->next->back != c))
                return 4;
    return 0;
}
