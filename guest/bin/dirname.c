/* dirname: everything but the last component of a path ("." if none). */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    char *s;
    size_t n;
    if (argc != 2) {
        fprintf(stderr, "usage: dirname string\n");
        return 1;
    }
    s = argv[1];
    n = strlen(s);
    while (n > 1 && s[n - 1] == '/') n--;           /* trailing slashes */
    while (n > 0 && s[n - 1] != '/') n--;           /* the last component */
    if (n == 0) { puts("."); return 0; }
    while (n > 1 && s[n - 1] == '/') n--;           /* slashes before it */
    s[n] = 0;
    puts(s);
    return 0;
}
