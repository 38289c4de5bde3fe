/* sort: sort lines (byte order); -r reverses, -n compares leading numbers,
 * -u keeps one of each run of equal lines. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int reverse, numeric, unique;

static int compare(const void *a, const void *b)
{
    const char *x = *(char *const *) a, *y = *(char *const *) b;
    int r;
    if (numeric) {
        double u = strtod(x, NULL), v = strtod(y, NULL);
        r = u < v ? -1 : u > v;
        if (r == 0 && !unique) r = strcmp(x, y);
    } else {
        r = strcmp(x, y);
    }
    return reverse ? -r : r;
}

static void slurp(FILE *f, char ***lines, size_t *n, size_t *cap)
{
    char *line = NULL;
    size_t len = 0, lcap = 0;
    int c;
    for (;;) {
        c = getc(f);
        if (c == EOF && len == 0) break;
        if (c == EOF || c == '\n') {
            if (!line) line = malloc(1);
            line[len] = 0;
            if (*n == *cap) {
                *cap = *cap ? *cap * 2 : 256;
                *lines = realloc(*lines, *cap * sizeof **lines);
            }
            (*lines)[(*n)++] = line;
            line = NULL;
            len = lcap = 0;
            if (c == EOF) break;
            continue;
        }
        if (len + 2 > lcap) line = realloc(line, lcap = lcap ? lcap * 2 : 64);
        line[len++] = (char) c;
    }
}

int main(int argc, char **argv)
{
    int c, i;
    char **lines = NULL;
    size_t n = 0, cap = 0, k;
    while ((c = getopt(argc, argv, "rnu")) != -1) {
        if (c == 'r') reverse = 1;
        else if (c == 'n') numeric = 1;
        else if (c == 'u') unique = 1;
        else return 2;
    }
    if (optind == argc)
        slurp(stdin, &lines, &n, &cap);
    for (i = optind; i < argc; i++) {
        FILE *f = strcmp(argv[i], "-") ? fopen(argv[i], "r") : stdin;
        if (!f) {
            fprintf(stderr, "sort: %s: %s\n", argv[i], strerror(errno));
            return 2;
        }
        slurp(f, &lines, &n, &cap);
        if (f != stdin) fclose(f);
    }
    if (n) qsort(lines, n, sizeof *lines, compare);
    for (k = 0; k < n; k++) {
        if (unique && k > 0 && compare(&lines[k - 1], &lines[k]) == 0)
            continue;
        puts(lines[k]);
    }
    return 0;
}
