/* sh: test and [ : file tests, string and integer comparisons, !, -a, -o and
 * parentheses, by recursive descent over the operands (binary operators are
 * tried first, so `[ "$x" = -n ]` compares). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sh.h"

struct t { char **a; int n, i, err; };

static int expr(struct t *t);

static int is_binop(const char *s)
{
    static const char *const ops[] = {"=", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt",
                                      "-ge", "-nt", "-ot", "-ef", NULL};
    int i;
    for (i = 0; ops[i]; i++)
        if (strcmp(s, ops[i]) == 0)
            return 1;
    return 0;
}

static long num(struct t *t, const char *s)
{
    char *end;
    long v;
    while (*s == ' ' || *s == '\t') s++;
    v = strtol(s, &end, 10);
    while (*end == ' ' || *end == '\t') end++;
    if (!*s || *end) {
        sh_error("test: %s: bad number", s);
        t->err = 1;
    }
    return v;
}

static int binary(struct t *t, const char *l, const char *op, const char *r)
{
    struct stat a, b;
    if (!strcmp(op, "=")) return strcmp(l, r) == 0;
    if (!strcmp(op, "!=")) return strcmp(l, r) != 0;
    if (!strcmp(op, "<")) return strcmp(l, r) < 0;
    if (!strcmp(op, ">")) return strcmp(l, r) > 0;
    if (!strcmp(op, "-nt"))
        return stat(l, &a) == 0 && (stat(r, &b) != 0 || a.st_mtime > b.st_mtime);
    if (!strcmp(op, "-ot"))
        return stat(r, &b) == 0 && (stat(l, &a) != 0 || a.st_mtime < b.st_mtime);
    if (!strcmp(op, "-ef")) return stat(l, &a) == 0 && stat(r, &b) == 0 &&
                                   a.st_dev == b.st_dev && a.st_ino == b.st_ino;
    {
        long x = num(t, l), y = num(t, r);
        if (!strcmp(op, "-eq")) return x == y;
        if (!strcmp(op, "-ne")) return x != y;
        if (!strcmp(op, "-lt")) return x < y;
        if (!strcmp(op, "-le")) return x <= y;
        if (!strcmp(op, "-gt")) return x > y;
        return x >= y;
    }
}

static int unary(const char *op, const char *s)
{
    struct stat st;
    switch (op[1]) {
    case 'n': return *s != 0;
    case 'z': return *s == 0;
    case 't': return isatty(atoi(s));
    case 'h': case 'L': return lstat(s, &st) == 0 && S_ISLNK(st.st_mode);
    case 'r': return access(s, R_OK) == 0;
    case 'w': return access(s, W_OK) == 0;
    case 'x': return access(s, X_OK) == 0;
    }
    if (stat(s, &st) != 0)
        return 0;
    switch (op[1]) {
    case 'e': return 1;
    case 'f': return S_ISREG(st.st_mode);
    case 'd': return S_ISDIR(st.st_mode);
    case 'c': return S_ISCHR(st.st_mode);
    case 'b': return S_ISBLK(st.st_mode);
    case 'p': return S_ISFIFO(st.st_mode);
    case 'S': return S_ISSOCK(st.st_mode);
    case 's': return st.st_size > 0;
    case 'u': return (st.st_mode & S_ISUID) != 0;
    case 'g': return (st.st_mode & S_ISGID) != 0;
    case 'k': return (st.st_mode & S_ISVTX) != 0;
    }
    return 0;
}

static int is_unop(const char *s)
{
    return s[0] == '-' && s[1] && !s[2] && strchr("nztLhrwxefdcbpSsugk", s[1]);
}

static int primary(struct t *t)
{
    const char *a;
    if (t->i >= t->n) {
        t->err = 1;
        sh_error("test: argument expected");
        return 0;
    }
    a = t->a[t->i];
    if (t->i + 2 < t->n && is_binop(t->a[t->i + 1])) {
        int r = binary(t, a, t->a[t->i + 1], t->a[t->i + 2]);
        t->i += 3;
        return r;
    }
    if (!strcmp(a, "!")) {
        t->i++;
        return !primary(t);
    }
    if (!strcmp(a, "(") && t->i + 1 < t->n) {
        int r;
        t->i++;
        r = expr(t);
        if (t->i >= t->n || strcmp(t->a[t->i], ")")) {
            t->err = 1;
            sh_error("test: closing paren expected");
            return 0;
        }
        t->i++;
        return r;
    }
    if (is_unop(a) && t->i + 1 < t->n) {
        t->i += 2;
        return unary(a, t->a[t->i - 1]);
    }
    t->i++;
    return *a != 0;
}

static int and_expr(struct t *t)
{
    int r = primary(t);
    while (t->i < t->n && !strcmp(t->a[t->i], "-a")) {
        int s;
        t->i++;
        s = primary(t);
        r = r && s;
    }
    return r;
}

static int expr(struct t *t)
{
    int r = and_expr(t);
    while (t->i < t->n && !strcmp(t->a[t->i], "-o")) {
        int s;
        t->i++;
        s = and_expr(t);
        r = r || s;
    }
    return r;
}

int test_main(int argc, char **argv)
{
    struct t t;
    int r;
    if (!strcmp(argv[0], "[")) {
        if (strcmp(argv[argc - 1], "]")) {
            sh_error("[: missing ]");
            return 2;
        }
        argc--;
    }
    t.a = argv + 1;
    t.n = argc - 1;
    t.i = 0;
    t.err = 0;
    if (t.n == 0)
        return 1;
    if (t.n == 1)
        return *t.a[0] ? 0 : 1;
    if (t.n == 2 && !strcmp(t.a[0], "!"))
        return *t.a[1] ? 1 : 0;
    r = expr(&t);
    if (!t.err && t.i < t.n) {
        sh_error("test: %s: unexpected operator", t.a[t.i]);
        t.err = 1;
    }
    return t.err ? 2 : !r;
}
