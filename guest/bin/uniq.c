/* uniq: drop adjacent repeated lines; -c prefixes each with its count. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *get_line(FILE *f)
{
    char *line = NULL;
    size_t len = 0, cap = 0;
    int c;
    while ((c = getc(f)) != EOF && c != '\n') {
        if (len + 2 > cap) line = realloc(line, cap = cap ? cap * 2 : 64);
        line[len++] = (char) c;
    }
    if (c == EOF && len == 0) { free(line); return NULL; }
    if (!line) line = malloc(1);
    line[len] = 0;
    return line;
}

int main(int argc, char **argv)
{
    int c, counts = 0, dups = 0, singles = 0;
    FILE *in = stdin;
    char *prev = NULL, *line;
    long n = 0;
    while ((c = getopt(argc, argv, "cdu")) != -1) {
        if (c == 'c') counts = 1;
        else if (c == 'd') dups = 1;
        else if (c == 'u') singles = 1;
        else return 1;
    }
    if (optind < argc && strcmp(argv[optind], "-") && !(in = fopen(argv[optind], "r"))) {
        fprintf(stderr, "uniq: %s: %s\n", argv[optind], strerror(errno));
        return 1;
    }
    for (;;) {
        line = get_line(in);
        if (prev && (!line || strcmp(line, prev))) {
            if ((!dups || n > 1) && (!singles || n == 1)) {
                if (counts) printf("%7ld %s\n", n, prev);
                else puts(prev);
            }
            free(prev);
            prev = NULL;
        }
        if (!line) break;
        if (prev) { n++; free(line); }
        else { prev = line; n = 1; }
    }
    return 0;
}
