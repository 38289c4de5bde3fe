/* echo(1)'s engine, shared by /bin/echo and the shell's built-in: the
 * operands separated by spaces; -n drops the newline and backslash escapes
 * (\n, \t, \c, \0nnn) are expanded, as XSI and dash have it. */
#include <stdio.h>
#include <string.h>
#include "tools.h"

static void echo_escapes(const char *s, int *stop)
{
    for (; *s; s++) {
        if (*s != '\\' || !s[1]) {
            putchar(*s);
            continue;
        }
        switch (*++s) {
        case 'a': putchar('\a'); break;
        case 'b': putchar('\b'); break;
        case 'c': *stop = 1; return;
        case 'e': putchar(033); break;
        case 'f': putchar('\f'); break;
        case 'n': putchar('\n'); break;
        case 'r': putchar('\r'); break;
        case 't': putchar('\t'); break;
        case 'v': putchar('\v'); break;
        case '\\': putchar('\\'); break;
        case '0': {
            int v = 0, k;
            for (k = 0; k < 3 && s[1] >= '0' && s[1] <= '7'; k++)
                v = v * 8 + (*++s - '0');
            putchar(v);
            break;
        }
        default: putchar('\\'); putchar(*s);
        }
    }
}

int echo_main(int argc, char **argv)
{
    int i = 1, nl = 1, stop = 0;
    if (i < argc && strcmp(argv[i], "-n") == 0) {
        nl = 0;
        i++;
    }
    for (; i < argc && !stop; i++) {
        echo_escapes(argv[i], &stop);
        if (i + 1 < argc && !stop)
            putchar(' ');
    }
    if (nl && !stop)
        putchar('\n');
    return fflush(stdout) ? 1 : 0;
}
