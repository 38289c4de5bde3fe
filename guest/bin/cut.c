/* cut: select fields (-f with -d DELIM, default tab; -s drops lines without
 * one) or characters (-c) by lists like 1,3-5,7-. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static unsigned char want[1025];    /* want[i]: position i selected; want[1024]: and beyond */

static int parse_list(const char *s)
{
    while (*s) {
        long lo = 1, hi;
        char *end;
        if (*s != '-') {
            lo = strtol(s, &end, 10);
            if (end == s || lo < 1) return -1;
            s = end;
        }
        hi = lo;
        if (*s == '-') {
            s++;
            if (*s >= '0' && *s <= '9') { hi = strtol(s, &end, 10); s = end; }
            else hi = 1024;
        }
        if (hi < lo) return -1;
        for (; lo <= hi && lo <= 1024; lo++) want[lo] = 1;
        if (*s == ',') s++;
        else if (*s) return -1;
    }
    return 0;
}

static int selected(long i) { return i >= 1024 ? want[1024] : want[i]; }

int main(int argc, char **argv)
{
    int c, fields = 0, chars = 0, suppress = 0;
    char delim = '\t';
    FILE *in = stdin;
    char *line = NULL;
    size_t cap = 0, len;
    while ((c = getopt(argc, argv, "f:c:b:d:s")) != -1) {
        switch (c) {
        case 'f': fields = 1; if (parse_list(optarg) < 0) goto bad; break;
        case 'c': case 'b': chars = 1; if (parse_list(optarg) < 0) goto bad; break;
        case 'd': delim = optarg[0]; break;
        case 's': suppress = 1; break;
        default: return 1;
        }
    }
    if (fields == chars) {
        fprintf(stderr, "usage: cut -f list [-d delim] [-s] | -c list [file]\n");
        return 1;
    }
    if (optind < argc && !(in = fopen(argv[optind], "r"))) {
        fprintf(stderr, "cut: %s: %s\n", argv[optind], strerror(errno));
        return 1;
    }
    for (;;) {
        int ch;
        len = 0;
        while ((ch = getc(in)) != EOF && ch != '\n') {
            if (len + 2 > cap) line = realloc(line, cap = cap ? cap * 2 : 256);
            line[len++] = (char) ch;
        }
        if (ch == EOF && len == 0) break;
        if (!line) line = malloc(cap = 256);
        line[len] = 0;
        if (chars) {
            size_t i;
            for (i = 0; i < len; i++)
                if (selected(i + 1)) putchar(line[i]);
        } else if (!strchr(line, delim)) {
            if (!suppress) fputs(line, stdout);
            else { if (ch == EOF) break; continue; }
        } else {
            long f = 1;
            int first = 1;
            char *p = line;
            for (;;) {
                char *e = strchr(p, delim);
                size_t n = e ? (size_t) (e - p) : strlen(p);
                if (selected(f)) {
                    if (!first) putchar(delim);
                    fwrite(p, 1, n, stdout);
                    first = 0;
                }
                if (!e) break;
                p = e + 1;
                f++;
            }
        }
        putchar('\n');
        if (ch == EOF) break;
    }
    return 0;
bad:
    fprintf(stderr, "cut: bad list\n");
    return 1;
}
