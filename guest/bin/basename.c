/* basename: the last component of a path, less an optional suffix. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    char *s, *p;
    size_t n;
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: basename string [suffix]\n");
        return 1;
    }
    s = argv[1];
    n = strlen(s);
    while (n > 1 && s[n - 1] == '/')
        s[--n] = 0;
    p = strrchr(s, '/');
    if (p && p[1])
        s = p + 1;
    n = strlen(s);
    if (argc == 3) {
        size_t k = strlen(argv[2]);
        if (k < n && strcmp(s + n - k, argv[2]) == 0)
            s[n - k] = 0;
    }
    puts(s);
    return 0;
}
