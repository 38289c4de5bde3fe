/* head: the first lines of files (-n N, default 10). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    long n = 10;
    int c, i, st = 0;
    if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9') {
        n = atol(argv[1] + 1);      /* the historical -N */
        argv[1] = argv[0];
        argv++;
        argc--;
    }
    while ((c = getopt(argc, argv, "n:")) != -1) {
        if (c == 'n') n = atol(optarg);
        else return 1;
    }
    for (i = optind; i < argc || i == optind; i++) {
        FILE *f = i < argc ? fopen(argv[i], "r") : stdin;
        long lines = 0;
        int ch;
        if (!f) {
            fprintf(stderr, "head: %s: %s\n", argv[i], strerror(errno));
            st = 1;
            continue;
        }
        if (argc - optind > 1)
            printf("%s==> %s <==\n", i > optind ? "\n" : "", argv[i]);
        while (lines < n && (ch = getc(f)) != EOF) {
            putchar(ch);
            if (ch == '\n') lines++;
        }
        if (f != stdin) fclose(f);
        if (i >= argc) break;
    }
    return st;
}
