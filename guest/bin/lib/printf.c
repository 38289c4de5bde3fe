/* printf(1), shared by /bin/printf and the shell's built-in: the format is
 * reused while operands remain; %b expands escapes in its operand; numbers
 * may be 'c (a character's code). A bad number is reported and counts as 0. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tools.h"

static int status;

static int escape(const char *s, int *used, int in_b, int *stop)
{
    int v = 0, k;
    *used = 1;
    switch (s[0]) {
    case 'a': return '\a';
    case 'b': return '\b';
    case 'e': return 033;
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case 'v': return '\v';
    case '\\': return '\\';
    case 'c': if (in_b) { *stop = 1; return -1; } break;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
        if (in_b && s[0] != '0')
            break;
        k = in_b ? 1 : 0;           /* %b: \0nnn; format: \nnn */
        for (; k < 4 && s[k] >= '0' && s[k] <= '7' && (in_b || k < 3); k++)
            v = v * 8 + (s[k] - '0');
        *used = k;
        return v & 0xff;
    }
    *used = 0;
    return '\\';
}

static long long number(const char *s)
{
    char *end;
    long long v;
    if (!s) return 0;
    if (s[0] == '\'' || s[0] == '"')
        return (unsigned char) s[1];
    v = strtoll(s, &end, 0);
    if (!*s || *end) {
        fprintf(stderr, "printf: %s: %s\n", s, *end && end != s ? "not completely converted"
                                                                 : "expected numeric value");
        status = 1;
    }
    return v;
}

static void put_b(const char *s, int *stop)
{
    while (*s && !*stop) {
        if (*s == '\\' && s[1]) {
            int used, c = escape(s + 1, &used, 1, stop);
            if (*stop) return;
            if (used == 0) {
                putchar('\\');
                s++;
                continue;
            }
            putchar(c);
            s += 1 + used;
        } else {
            putchar(*s++);
        }
    }
}

int printf_main(int argc, char **argv)
{
    const char *fmt;
    int ai = 2, stop = 0;
    status = 0;
    if (argc > 1 && strcmp(argv[1], "--") == 0) {
        argv++;
        argc--;
    }
    if (argc < 2) {
        fprintf(stderr, "usage: printf format [arguments]\n");
        return 1;
    }
    fmt = argv[1];
    do {
        const char *p;
        int consumed = 0;
        for (p = fmt; *p && !stop; p++) {
            char spec[64], conv, buf[32];
            size_t k = 0;
            const char *arg;
            if (*p == '\\') {
                int used, c;
                if (!p[1]) { putchar('\\'); continue; }
                c = escape(p + 1, &used, 0, &stop);
                if (used == 0) { putchar('\\'); continue; }
                putchar(c);
                p += used;
                continue;
            }
            if (*p != '%') {
                putchar(*p);
                continue;
            }
            if (p[1] == '%') {
                putchar('%');
                p++;
                continue;
            }
            spec[k++] = '%';
            p++;
            while (*p && strchr("-+ #0", *p) && k < 40) spec[k++] = *p++;
            if (*p == '*') {
                snprintf(buf, sizeof buf, "%d", (int) number(ai < argc ? argv[ai] : "0"));
                ai++; consumed = 1;
                memcpy(spec + k, buf, strlen(buf)); k += strlen(buf); p++;
            } else while (*p >= '0' && *p <= '9' && k < 50) spec[k++] = *p++;
            if (*p == '.') {
                spec[k++] = *p++;
                if (*p == '*') {
                    snprintf(buf, sizeof buf, "%d", (int) number(ai < argc ? argv[ai] : "0"));
                    ai++; consumed = 1;
                    memcpy(spec + k, buf, strlen(buf)); k += strlen(buf); p++;
                } else while (*p >= '0' && *p <= '9' && k < 60) spec[k++] = *p++;
            }
            conv = *p;
            if (!conv) {
                fprintf(stderr, "printf: missing format character\n");
                return 1;
            }
            arg = ai < argc ? argv[ai] : NULL;
            if (ai < argc) { ai++; consumed = 1; }
            switch (conv) {
            case 'd': case 'i':
                spec[k++] = 'l'; spec[k++] = 'l'; spec[k++] = 'd'; spec[k] = 0;
                printf(spec, number(arg));
                break;
            case 'u': case 'o': case 'x': case 'X':
                spec[k++] = 'l'; spec[k++] = 'l'; spec[k++] = conv; spec[k] = 0;
                printf(spec, (unsigned long long) number(arg));
                break;
            case 'c':
                spec[k++] = 'c'; spec[k] = 0;
                if (arg && *arg)
                    printf(spec, arg[0]);
                break;
            case 's':
                spec[k++] = 's'; spec[k] = 0;
                printf(spec, arg ? arg : "");
                break;
            case 'b':
                put_b(arg ? arg : "", &stop);
                break;
            default:
                fprintf(stderr, "printf: %%%c: invalid directive\n", conv);
                return 1;
            }
        }
        if (!consumed)
            break;
    } while (ai < argc && !stop);
    fflush(stdout);
    return status;
}
