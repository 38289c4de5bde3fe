/* sh: $((arithmetic)): C's integer operators on longs, with shell variables
 * read (and, through =, op=, ++ and --, written) by name. Precedence climbing
 * over a tiny tokenizer; division by zero and bad syntax are errors. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct ar {
    const char *s;
    int err;
    int skip;   /* evaluating a branch not taken: no assignments, no errors */
};

static long assign_expr(struct ar *a);

static void ws(struct ar *a)
{
    while (*a->s && isspace((unsigned char) *a->s))
        a->s++;
}

static int eat(struct ar *a, const char *op)
{
    size_t n = strlen(op);
    ws(a);
    if (strncmp(a->s, op, n) == 0) {
        /* do not take '<' of '<<' or '<=', '&' of '&&', etc. */
        char nx = a->s[n];
        if (n == 1 && strchr("<>&|=!", op[0]) && (nx == op[0] || nx == '=') && op[0] != '!')
            return 0;
        if (n == 1 && op[0] == '!' && nx == '=')
            return 0;
        if (n == 1 && strchr("+-*/%^", op[0]) && nx == '=')
            return 0;
        if (n == 2 && strchr("<>", op[0]) && op[1] == op[0] && nx == '=')
            return 0;
        a->s += n;
        return 1;
    }
    return 0;
}

static long var_value(struct ar *a, const char *name)
{
    const char *v = var_get(name);
    long r;
    if (!v || !*v)
        return 0;
    if (arith_eval(v, &r) < 0) {
        a->err = 1;
        return 0;
    }
    return r;
}

static void set_var(struct ar *a, const char *name, long v)
{
    char buf[32];
    if (a->skip)
        return;
    snprintf(buf, sizeof buf, "%ld", v);
    if (var_set(name, buf, 0) < 0)
        a->err = 1;
}

/* l = l OP r for a binary operator or the operator of a compound assignment
 * ("+", "<<", "<=", "+=", "<<=", ...); 0 after a division by zero. */
static int apply(struct ar *a, const char *op, long *l, long r)
{
    switch (op[0]) {
    case '|': *l |= r; break;
    case '^': *l ^= r; break;
    case '&': *l &= r; break;
    case '=': *l = *l == r; break;
    case '!': *l = *l != r; break;
    case '<': *l = op[1] == '<' ? *l << r : op[1] == '=' ? *l <= r : *l < r; break;
    case '>': *l = op[1] == '>' ? *l >> r : op[1] == '=' ? *l >= r : *l > r; break;
    case '+': *l += r; break;
    case '-': *l -= r; break;
    case '*': *l *= r; break;
    case '/': case '%':
        if (r == 0) {
            if (!a->skip) { sh_error("arithmetic: division by zero"); a->err = 1; }
            return 0;
        }
        *l = op[0] == '/' ? *l / r : *l % r;
        break;
    }
    return 1;
}

static long primary(struct ar *a)
{
    ws(a);
    if (eat(a, "(")) {
        long v = assign_expr(a);
        if (!eat(a, ")")) {
            a->err = 1;
        }
        return v;
    }
    if (isdigit((unsigned char) *a->s)) {
        char *end;
        long v = strtol(a->s, &end, 0);
        if (isalnum((unsigned char) *end) || *end == '_')
            a->err = 1;
        a->s = end;
        return v;
    }
    if (isalpha((unsigned char) *a->s) || *a->s == '_') {
        const char *start = a->s;
        char name[256];
        long v;
        int k = 0;
        while ((isalnum((unsigned char) *a->s) || *a->s == '_') && k < 255)
            name[k++] = *a->s++;
        name[k] = 0;
        (void) start;
        ws(a);
        if (strncmp(a->s, "++", 2) == 0 || strncmp(a->s, "--", 2) == 0) {
            int inc = a->s[0] == '+' ? 1 : -1;
            a->s += 2;
            v = var_value(a, name);
            set_var(a, name, v + inc);
            return v;
        }
        {
            static const char *const ops[] = {"<<=", ">>=", "+=", "-=", "*=", "/=", "%=",
                                              "&=", "^=", "|=", NULL};
            int i;
            for (i = 0; ops[i]; i++) {
                size_t n = strlen(ops[i]);
                if (strncmp(a->s, ops[i], n) == 0) {
                    long r, l;
                    a->s += n;
                    r = assign_expr(a);
                    l = var_value(a, name);
                    if (!apply(a, ops[i], &l, r))
                        return 0;
                    set_var(a, name, l);
                    return l;
                }
            }
        }
        if (a->s[0] == '=' && a->s[1] != '=') {
            a->s++;
            v = assign_expr(a);
            set_var(a, name, v);
            return v;
        }
        return var_value(a, name);
    }
    a->err = 1;
    return 0;
}

static long unary(struct ar *a)
{
    ws(a);
    if (strncmp(a->s, "++", 2) == 0 || strncmp(a->s, "--", 2) == 0) {
        int inc = a->s[0] == '+' ? 1 : -1;
        char name[256];
        int k = 0;
        long v;
        a->s += 2;
        ws(a);
        while ((isalnum((unsigned char) *a->s) || *a->s == '_') && k < 255)
            name[k++] = *a->s++;
        name[k] = 0;
        if (!k) { a->err = 1; return 0; }
        v = var_value(a, name) + inc;
        set_var(a, name, v);
        return v;
    }
    if (eat(a, "!")) return !unary(a);
    if (eat(a, "~")) return ~unary(a);
    if (eat(a, "-")) return -unary(a);
    if (eat(a, "+")) return unary(a);
    return primary(a);
}

static int prec(const char *s, const char **op)
{
    static const struct { const char *op; int prec; } t[] = {
        {"||", 1}, {"&&", 2}, {"|", 3}, {"^", 4}, {"&", 5}, {"==", 6}, {"!=", 6},
        {"<=", 7}, {">=", 7}, {"<<", 8}, {">>", 8}, {"<", 7}, {">", 7},
        {"+", 9}, {"-", 9}, {"*", 10}, {"/", 10}, {"%", 10},
    };
    unsigned i;
    for (i = 0; i < sizeof t / sizeof t[0]; i++) {
        size_t n = strlen(t[i].op);
        if (strncmp(s, t[i].op, n) == 0) {
            char nx = s[n];
            if (n == 1 && (nx == '=' || (strchr("|&<>", s[0]) && nx == s[0])))
                continue;
            if (n == 2 && (s[0] == '<' || s[0] == '>') && s[1] == s[0] && nx == '=')
                continue;
            *op = t[i].op;
            return t[i].prec;
        }
    }
    return 0;
}

static long binary(struct ar *a, int min)
{
    long l = unary(a);
    for (;;) {
        const char *op;
        int p;
        long r;
        ws(a);
        p = prec(a->s, &op);
        if (!p || p < min)
            return l;
        a->s += strlen(op);
        if (p == 1 || p == 2) {     /* short circuit */
            int taken = p == 1 ? !l : !!l;
            int saved = a->skip;
            if (!taken) a->skip = 1;
            r = binary(a, p + 1);
            a->skip = saved;
            l = p == 1 ? (l || r) : (l && r);
            continue;
        }
        r = binary(a, p + 1);
        if (!apply(a, op, &l, r))
            return 0;
    }
}

static long cond_expr(struct ar *a)
{
    long c = binary(a, 1);
    if (eat(a, "?")) {
        long x, y;
        int saved = a->skip;
        if (!c) a->skip = 1;
        x = assign_expr(a);
        a->skip = saved;
        if (!eat(a, ":")) {
            a->err = 1;
            return 0;
        }
        if (c) a->skip = 1;
        y = cond_expr(a);
        a->skip = saved;
        return c ? x : y;
    }
    return c;
}

static long assign_expr(struct ar *a)
{
    return cond_expr(a);
}

int arith_eval(const char *expr, long *result)
{
    struct ar a = {expr, 0, 0};
    long v;
    ws(&a);
    if (!*a.s) {
        *result = 0;
        return 0;
    }
    v = assign_expr(&a);
    while (eat(&a, ","))
        v = assign_expr(&a);
    ws(&a);
    if (a.err || *a.s) {
        if (!a.err || *a.s)
            sh_error("arithmetic syntax error: \"%s\"", expr);
        return -1;
    }
    *result = v;
    return 0;
}
