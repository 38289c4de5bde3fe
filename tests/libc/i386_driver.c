/* Test driver run as a 32-bit program over i386_shim.c: reads requests
 * from stdin (through the guest stdio) and prints what the guest libc
 * makes of them, so the host test can check ILP32 behaviour. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

static int cmp_int(const void *a, const void *b)
{
    return (*(const int *) a > *(const int *) b) - (*(const int *) a < *(const int *) b);
}

static void bye(void) { printf("atexit 1\n"); }
static void bye2(void) { printf("atexit 2\n"); }

/* Allocate, check and free with a fixed pattern; report any breakage. */
static void malloc_check(void)
{
    static char *p[512];
    static size_t n[512];
    unsigned seed = 42, i, j, bad = 0;

    for (i = 0; i < 20000; i++) {
        j = (unsigned) rand_r(&seed) % 512;
        if (p[j]) {
            for (size_t k = 0; k < n[j]; k++)
                bad += p[j][k] != (char) (j + k);
            if (i % 3 == 0) {
                free(p[j]);
                p[j] = NULL;
                continue;
            }
        }
        n[j] = (size_t) rand_r(&seed) % (i % 7 == 0 ? 20000 : 300);
        p[j] = p[j] ? realloc(p[j], n[j]) : malloc(n[j]);
        bad += p[j] == NULL || ((unsigned) p[j] & 7) != 0;
        for (size_t k = 0; p[j] && k < n[j]; k++)
            p[j][k] = (char) (j + k);
    }
    printf("malloc bad=%u\n", bad);
}

int main(void)
{
    char line[512], out[1024], *tab, *fmt, *arg, *end;
    int arr[1000], i;
    unsigned long long bits;
    double v;

    atexit(bye);
    atexit(bye2);
    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if ((tab = strchr(line, '\t')) == NULL)
            continue;
        *tab = '\0';
        fmt = tab + 1;
        arg = strchr(fmt, '\t');
        *arg++ = '\0';
        errno = 0;
        switch (line[0]) {
        case 'i': i = snprintf(out, sizeof out, fmt, (int) strtoll(arg, NULL, 0)); break;
        case 'l': i = snprintf(out, sizeof out, fmt, (long) strtoll(arg, NULL, 0)); break;
        case 'q': i = snprintf(out, sizeof out, fmt, strtoll(arg, NULL, 0)); break;
        case 'Q': i = snprintf(out, sizeof out, fmt, strtoull(arg, NULL, 0)); break;
        case 'z': i = snprintf(out, sizeof out, fmt, (size_t) strtoull(arg, NULL, 0)); break;
        case 'D':                          /* a double, sent as its bits */
            bits = strtoull(arg, NULL, 0);
            memcpy(&v, &bits, sizeof v);
            i = snprintf(out, sizeof out, fmt, v);
            break;
        case 's': i = snprintf(out, sizeof out, fmt, arg); break;
        case 'T':                          /* strtol/strtoul: fmt holds the base */
            errno = 0;
            if (line[1] == 'l')
                i = snprintf(out, sizeof out, "%ld", strtol(arg, &end, atoi(fmt)));
            else
                i = snprintf(out, sizeof out, "%lu", strtoul(arg, &end, atoi(fmt)));
            i += snprintf(out + i, sizeof out - i, " %d %d", errno, (int) (end - arg));
            break;
        default: continue;
        }
        printf("%d|%s\n", i, out);
    }
    printf("sizes %u %u %u %u\n", (unsigned) sizeof(long), (unsigned) sizeof(size_t),
           (unsigned) sizeof(void *), (unsigned) sizeof(long double));
    malloc_check();
    for (i = 0; i < 1000; i++)
        arr[i] = (i * 7919) % 1000 - 500;
    qsort(arr, 1000, sizeof(int), cmp_int);
    for (i = 1; i < 1000 && arr[i - 1] <= arr[i]; i++)
        ;
    printf("qsort %s\n", i == 1000 ? "sorted" : "BROKEN");
    fprintf(stderr, "to stderr %d\n", 7);
    printf("no newline at exit");
    return 3;
}
