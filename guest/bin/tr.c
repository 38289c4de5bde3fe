/* tr: translate (tr a-z A-Z), delete (-d) or squeeze (-s) characters; sets
 * take ranges, backslash escapes and -c (the complement of the first set). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int expand(const char *s, unsigned char *out)
{
    int n = 0;
    while (*s && n < 4096) {
        int c = (unsigned char) *s++;
        if (c == '\\' && *s) {
            c = (unsigned char) *s++;
            if (c == 'n') c = '\n';
            else if (c == 't') c = '\t';
            else if (c == 'r') c = '\r';
            else if (c >= '0' && c <= '7') {
                int v = c - '0', k;
                for (k = 0; k < 2 && *s >= '0' && *s <= '7'; k++) v = v * 8 + (*s++ - '0');
                c = v;
            }
        }
        if (*s == '-' && s[1]) {
            int hi = (unsigned char) s[1], i;
            s += 2;
            for (i = c; i <= hi && n < 4096; i++) out[n++] = (unsigned char) i;
            continue;
        }
        out[n++] = (unsigned char) c;
    }
    return n;
}

int main(int argc, char **argv)
{
    int c, del = 0, squeeze = 0, comp = 0, n1, n2 = 0, i, last = -1;
    static unsigned char s1[4096], s2[4096];
    int map[256];
    unsigned char in1[256] = {0}, sq[256] = {0};
    while ((c = getopt(argc, argv, "dscC")) != -1) {
        if (c == 'd') del = 1;
        else if (c == 's') squeeze = 1;
        else if (c == 'c' || c == 'C') comp = 1;
        else return 1;
    }
    if (optind >= argc) {
        fprintf(stderr, "usage: tr [-cds] string1 [string2]\n");
        return 1;
    }
    n1 = expand(argv[optind], s1);
    if (optind + 1 < argc) n2 = expand(argv[optind + 1], s2);
    for (i = 0; i < n1; i++) in1[s1[i]] = 1;
    if (comp) {
        int k = 0;
        for (i = 0; i < 256; i++) in1[i] = !in1[i];
        for (i = 0; i < 256; i++) if (in1[i]) s1[k++] = (unsigned char) i;
        n1 = k;
    }
    for (i = 0; i < 256; i++) map[i] = i;
    if (!del && n2 > 0)
        for (i = 0; i < n1; i++) map[s1[i]] = s2[i < n2 ? i : n2 - 1];
    if (squeeze) {
        const unsigned char *set = (del || n2 == 0) ? s1 : s2;
        int ns = (del || n2 == 0) ? n1 : n2;
        if (del) { set = s2; ns = n2; }
        for (i = 0; i < ns; i++) sq[set[i]] = 1;
    }
    while ((c = getchar()) != EOF) {
        if (del && in1[c]) continue;
        c = map[c];
        if (squeeze && sq[c] && c == last) continue;
        last = c;
        putchar(c);
    }
    return 0;
}
