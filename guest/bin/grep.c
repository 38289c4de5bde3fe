/* grep: print lines matching a basic regular expression (. * ^ $ [] and \
 * escapes, \( \) grouping not included) or, with -F, a fixed string; -v
 * inverts, -c counts, -n numbers lines, -i ignores case, -q is quiet.
 * Exit status 0 if a line was selected, 1 if none, 2 on error. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int fixed, invert, count, number, icase, quiet, names;

/* A compiled regex: a sequence of atoms, each optionally starred. */
enum { A_CHAR, A_ANY, A_SET };
struct atom { int kind, star; unsigned char c; unsigned char set[32]; };
struct re { struct atom *a; int n; int bol, eol; };

static int fold(int c) { return icase ? tolower(c) : c; }

static int compile(const char *p, struct re *re)
{
    int cap = 16;
    re->a = malloc(cap * sizeof *re->a);
    re->n = 0;
    re->bol = re->eol = 0;
    if (*p == '^') { re->bol = 1; p++; }
    while (*p) {
        struct atom at;
        memset(&at, 0, sizeof at);
        if (*p == '$' && !p[1]) { re->eol = 1; break; }
        if (*p == '*' && re->n == 0) {       /* a leading * is literal */
            at.kind = A_CHAR; at.c = '*'; p++;
        } else if (*p == '.') {
            at.kind = A_ANY; p++;
        } else if (*p == '[') {
            int neg = 0, first = 1, i;
            p++;
            if (*p == '^') { neg = 1; p++; }
            while (*p && (first || *p != ']')) {
                int lo = (unsigned char) *p++, hi = lo;
                first = 0;
                if (*p == '-' && p[1] && p[1] != ']') { hi = (unsigned char) p[1]; p += 2; }
                for (i = lo; i <= hi; i++) {
                    at.set[i >> 3] |= 1 << (i & 7);
                    if (icase) {
                        at.set[tolower(i) >> 3] |= 1 << (tolower(i) & 7);
                        at.set[toupper(i) >> 3] |= 1 << (toupper(i) & 7);
                    }
                }
            }
            if (*p != ']') return -1;
            p++;
            if (neg) for (i = 0; i < 32; i++) at.set[i] = ~at.set[i];
            at.kind = A_SET;
        } else if (*p == '\\' && p[1]) {
            at.kind = A_CHAR; at.c = (unsigned char) p[1]; p += 2;
        } else {
            at.kind = A_CHAR; at.c = (unsigned char) *p++;
        }
        if (*p == '*') { at.star = 1; p++; }
        if (re->n == cap) re->a = realloc(re->a, (cap *= 2) * sizeof *re->a);
        re->a[re->n++] = at;
    }
    return 0;
}

static int one(const struct atom *a, int c)
{
    if (c == 0) return 0;
    if (a->kind == A_ANY) return 1;
    if (a->kind == A_SET) return a->set[c >> 3] & (1 << (c & 7));
    return fold(a->c) == fold(c);
}

static int match_here(const struct re *re, int i, const unsigned char *s)
{
    if (i == re->n)
        return !re->eol || *s == 0;
    if (re->a[i].star) {
        const unsigned char *t = s;
        while (one(&re->a[i], *t)) t++;
        for (;; t--) {
            if (match_here(re, i + 1, t)) return 1;
            if (t == s) return 0;
        }
    }
    return one(&re->a[i], *s) && match_here(re, i + 1, s + 1);
}

static int matches(const struct re *re, const char *pat, const char *line)
{
    const unsigned char *s = (const unsigned char *) line;
    if (fixed) {
        size_t n = strlen(pat);
        for (; *s || n == 0; s++) {
            size_t k;
            for (k = 0; k < n && s[k] && fold(s[k]) == fold((unsigned char) pat[k]); k++) ;
            if (k == n) return 1;
            if (!*s) break;
        }
        return 0;
    }
    if (re->bol) return match_here(re, 0, s);
    for (;; s++) {
        if (match_here(re, 0, s)) return 1;
        if (!*s) return 0;
    }
}

static int grep(FILE *f, const char *name, const struct re *re, const char *pat)
{
    char *line = NULL;
    size_t cap = 0, len = 0;
    long lineno = 0, hits = 0;
    int c;
    for (;;) {
        len = 0;
        while ((c = getc(f)) != EOF && c != '\n') {
            if (len + 2 > cap) line = realloc(line, cap = cap ? cap * 2 : 256);
            line[len++] = (char) c;
        }
        if (c == EOF && len == 0) break;
        if (!line) line = malloc(cap = 256);
        line[len] = 0;
        lineno++;
        if (matches(re, pat, line) != invert) {
            hits++;
            if (quiet) break;
            if (!count) {
                if (names) printf("%s:", name);
                if (number) printf("%ld:", lineno);
                printf("%s\n", line);
            }
        }
        if (c == EOF) break;
    }
    if (count && !quiet) {
        if (names) printf("%s:", name);
        printf("%ld\n", hits);
    }
    free(line);
    return hits > 0;
}

int main(int argc, char **argv)
{
    int c, i, found = 0, err = 0;
    const char *pat;
    struct re re;
    while ((c = getopt(argc, argv, "FvcniqeG")) != -1) {
        switch (c) {
        case 'F': fixed = 1; break;
        case 'v': invert = 1; break;
        case 'c': count = 1; break;
        case 'n': number = 1; break;
        case 'i': icase = 1; break;
        case 'q': quiet = 1; break;
        case 'G': case 'e': break;
        default: return 2;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "usage: grep [-Fvcniq] pattern [file ...]\n");
        return 2;
    }
    pat = argv[optind++];
    if (!fixed && compile(pat, &re) < 0) {
        fprintf(stderr, "grep: bad regular expression: %s\n", pat);
        return 2;
    }
    names = argc - optind > 1;
    if (optind == argc)
        found = grep(stdin, "(standard input)", &re, pat);
    for (i = optind; i < argc; i++) {
        FILE *f = strcmp(argv[i], "-") ? fopen(argv[i], "r") : stdin;
        if (!f) {
            fprintf(stderr, "grep: %s: %s\n", argv[i], strerror(errno));
            err = 1;
            continue;
        }
        found |= grep(f, argv[i], &re, pat);
        if (f != stdin) fclose(f);
        if (found && quiet) break;
    }
    return err && !(quiet && found) ? 2 : found ? 0 : 1;
}
