/* qsort: quicksort with median-of-three pivots, insertion sort for short
 * runs, and heapsort once recursion gets too deep (so never O(n^2)). */
#include <stdlib.h>
#include <stdint.h>

typedef int (*cmp_t)(const void *, const void *);

static void swap(char *a, char *b, size_t size)
{
    char t;

    if (((uintptr_t) a | (uintptr_t) b | size) % sizeof(int) == 0) {
        for (; size > 0; size -= sizeof(int), a += sizeof(int), b += sizeof(int)) {
            int w = *(int *) a;
            *(int *) a = *(int *) b;
            *(int *) b = w;
        }
        return;
    }
    for (; size > 0; size--, a++, b++) {
        t = *a;
        *a = *b;
        *b = t;
    }
}

static void insertion(char *base, size_t n, size_t size, cmp_t cmp)
{
    size_t i, j;

    for (i = 1; i < n; i++)
        for (j = i; j > 0 && cmp(base + (j - 1) * size, base + j * size) > 0; j--)
            swap(base + (j - 1) * size, base + j * size, size);
}

static void sift(char *base, size_t root, size_t n, size_t size, cmp_t cmp)
{
    size_t child;

    while ((child = 2 * root + 1) < n) {
        if (child + 1 < n && cmp(base + child * size, base + (child + 1) * size) < 0)
            child++;
        if (cmp(base + root * size, base + child * size) >= 0)
            return;
        swap(base + root * size, base + child * size, size);
        root = child;
    }
}

static void heapsort_(char *base, size_t n, size_t size, cmp_t cmp)
{
    size_t i;

    for (i = n / 2; i > 0; i--)
        sift(base, i - 1, n, size, cmp);
    for (i = n - 1; i > 0; i--) {
        swap(base, base + i * size, size);
        sift(base, 0, i, size, cmp);
    }
}

static void sort(char *base, size_t n, size_t size, cmp_t cmp, int depth)
{
    while (n > 12) {
        char *lo = base, *mid = base + (n / 2) * size, *hi = base + (n - 1) * size;
        size_t i, j;

        if (depth-- == 0) {
            heapsort_(base, n, size, cmp);
            return;
        }
        /* order lo <= mid <= hi, then park the pivot at lo */
        if (cmp(mid, lo) < 0) swap(mid, lo, size);
        if (cmp(hi, mid) < 0) swap(hi, mid, size);
        if (cmp(mid, lo) < 0) swap(mid, lo, size);
        swap(lo, mid, size);
        /* Hoare partition around *lo */
        i = 0;
        j = n;
        for (;;) {
            do i++; while (i < n && cmp(base + i * size, lo) < 0);
            do j--; while (cmp(base + j * size, lo) > 0);
            if (i >= j)
                break;
            swap(base + i * size, base + j * size, size);
        }
        swap(lo, base + j * size, size);
        /* recurse into the smaller side, loop on the larger */
        if (j < n - j - 1) {
            sort(base, j, size, cmp, depth);
            base += (j + 1) * size;
            n -= j + 1;
        } else {
            sort(base + (j + 1) * size, n - j - 1, size, cmp, depth);
            n = j;
        }
    }
    insertion(base, n, size, cmp);
}

void qsort(void *base, size_t nmemb, size_t size, cmp_t cmp)
{
    int depth = 0;
    size_t n;

    if (nmemb < 2 || size == 0)
        return;
    for (n = nmemb; n > 1; n >>= 1)
        depth += 2;
    sort(base, nmemb, size, cmp, depth);
}
