/* tail: the last lines of a file (-n N, default 10; -n +N from line N on). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    long n = 10, from = 0;
    int c;
    FILE *f = stdin;
    char *data = NULL;
    size_t len = 0, cap = 0, i, start;
    long lines = 0;
    if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9') {
        n = atol(argv[1] + 1);
        argv[1] = argv[0];
        argv++;
        argc--;
    }
    while ((c = getopt(argc, argv, "n:")) != -1) {
        if (c != 'n') return 1;
        if (optarg[0] == '+') from = atol(optarg + 1);
        else n = labs(atol(optarg));
    }
    if (optind < argc && !(f = fopen(argv[optind], "r"))) {
        fprintf(stderr, "tail: %s: %s\n", argv[optind], strerror(errno));
        return 1;
    }
    while ((c = getc(f)) != EOF) {
        if (len + 1 >= cap) {
            cap = cap ? cap * 2 : 4096;
            data = realloc(data, cap);
            if (!data) return 1;
        }
        data[len++] = (char) c;
    }
    if (from > 0) {
        long line = 1;
        for (i = 0; i < len && line < from; i++)
            if (data[i] == '\n') line++;
        fwrite(data + i, 1, len - i, stdout);
        return 0;
    }
    start = len;
    i = len;
    if (i > 0 && data[i - 1] == '\n') i--;
    while (i > 0) {
        if (data[i - 1] == '\n') {
            if (++lines == n) break;
        }
        i--;
    }
    start = n == 0 ? len : i;
    if (len) fwrite(data + start, 1, len - start, stdout);
    return 0;
}
