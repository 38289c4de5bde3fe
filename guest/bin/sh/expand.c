/* sh: word expansion, as POSIX orders it: tilde, parameters, command
 * substitution and arithmetic, then field splitting on IFS, pathname
 * expansion and quote removal. Each character carries flags saying whether
 * it was quoted or came from an unquoted expansion, so splitting and globbing
 * touch only what they should. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

#define Q_QUOTED 1      /* literal: no splitting, no globbing */
#define Q_SPLIT 2       /* from an unquoted expansion: split on IFS */
#define Q_BREAK 4       /* a field boundary ("$@") */

#define M_DQ 1          /* inside double quotes */
#define M_HEREDOC 2     /* a here-document body: only $ ` \ are special */

struct xb {
    char *s;
    unsigned char *q;
    int n, cap;
    int had_quote;      /* the word had quotes: "" is one empty field */
    int at_empty;       /* "$@" with no parameters was seen */
};

static int error_flag;

void sl_add(struct strlist *l, char *s)
{
    if (l->n + 2 > l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = s;
    l->v[l->n] = NULL;
}

void sl_free(struct strlist *l)
{
    int i;
    for (i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

static void xb_put(struct xb *b, int c, int q)
{
    if (b->n + 2 > b->cap) {
        b->cap = b->cap ? b->cap * 2 : 32;
        b->s = xrealloc(b->s, b->cap);
        b->q = xrealloc(b->q, b->cap);
    }
    b->s[b->n] = (char) c;
    b->q[b->n++] = (unsigned char) q;
    b->s[b->n] = 0;
}

static void xb_puts(struct xb *b, const char *s, int q)
{
    for (; *s; s++)
        xb_put(b, (unsigned char) *s, q);
}

static void xb_free(struct xb *b)
{
    free(b->s);
    free(b->q);
    memset(b, 0, sizeof *b);
}

/* Index just past the construct that opens at s[i] ('(' of $( or a quote). */
static int skip_to_close(const char *s, int i)
{
    int depth = 0;
    while (s[i]) {
        char c = s[i];
        if (c == '\\' && s[i + 1]) {
            i += 2;
        } else if (c == '\'') {
            for (i++; s[i] && s[i] != '\''; i++)
                ;
            if (s[i]) i++;
        } else if (c == '"') {
            for (i++; s[i] && s[i] != '"'; i++)
                if (s[i] == '\\' && s[i + 1])
                    i++;
            if (s[i]) i++;
        } else if (c == '(') {
            depth++, i++;
        } else if (c == ')') {
            i++;
            if (--depth == 0)
                return i;
        } else {
            i++;
        }
    }
    return i;
}

static int skip_dq(const char *s, int i)    /* s[i] is '"'; returns past the closing one */
{
    for (i++; s[i] && s[i] != '"'; i++)
        if (s[i] == '\\' && s[i + 1])
            i++;
    return s[i] ? i + 1 : i;
}

static int skip_brace(const char *s, int i)    /* s[i] is '{' */
{
    for (i++; s[i] && s[i] != '}'; ) {
        if (s[i] == '\\' && s[i + 1]) i += 2;
        else if (s[i] == '\'') { for (i++; s[i] && s[i] != '\''; i++) ; if (s[i]) i++; }
        else if (s[i] == '"') i = skip_dq(s, i);
        else if (s[i] == '$' && s[i + 1] == '{') i = skip_brace(s, i + 1);
        else if (s[i] == '$' && s[i + 1] == '(') i = skip_to_close(s, i + 1);
        else i++;
    }
    return s[i] ? i + 1 : i;
}

static void expand_into(struct xb *b, const char *s, int len, int mode);

static char *positional(int n)
{
    if (n == 0)
        return sh.argv0;
    return n <= sh.argc ? sh.argv[n - 1] : NULL;
}

/* The value of a parameter (NULL if unset); *owned says whether to free it. */
static char *param_value(const char *name, int *owned)
{
    static char num[32];
    *owned = 0;
    if (!name[1] || (name[0] >= '0' && name[0] <= '9')) {
        switch (name[0]) {
        case '?': snprintf(num, sizeof num, "%d", sh.status); return num;
        case '$': snprintf(num, sizeof num, "%d", (int) sh.pid); return num;
        case '#': snprintf(num, sizeof num, "%d", sh.argc); return num;
        case '!':
            if (!sh.lastbg) return NULL;
            snprintf(num, sizeof num, "%d", (int) sh.lastbg); return num;
        case '-': {
            char *p = num;
            if (sh.opt_e) *p++ = 'e';
            if (sh.opt_f) *p++ = 'f';
            if (sh.interactive) *p++ = 'i';
            if (sh.opt_m) *p++ = 'm';
            if (sh.opt_u) *p++ = 'u';
            if (sh.opt_v) *p++ = 'v';
            if (sh.opt_x) *p++ = 'x';
            *p = 0;
            return num;
        }
        case '@': case '*': {
            size_t len = 0;
            int i;
            char *r, sep;
            const char *ifs = var_get("IFS");
            sep = ifs ? ifs[0] : ' ';
            for (i = 0; i < sh.argc; i++)
                len += strlen(sh.argv[i]) + 1;
            r = xmalloc(len + 1);
            r[0] = 0;
            len = 0;
            for (i = 0; i < sh.argc; i++) {
                size_t k = strlen(sh.argv[i]);
                if (i && sep) r[len++] = sep;
                memcpy(r + len, sh.argv[i], k);
                len += k;
            }
            r[len] = 0;
            *owned = 1;
            return r;
        }
        default:
            if (name[0] >= '0' && name[0] <= '9')
                return positional(atoi(name));
        }
    }
    return var_get(name);
}

static void put_value(struct xb *b, const char *v, int mode)
{
    xb_puts(b, v, (mode & (M_DQ | M_HEREDOC)) ? Q_QUOTED : Q_SPLIT);
}

/* "$@" and $@: one field per parameter. */
static void put_at(struct xb *b, int mode)
{
    int i;
    if (sh.argc == 0 && (mode & M_DQ))
        b->at_empty = 1;
    for (i = 0; i < sh.argc; i++) {
        if (i)
            xb_put(b, ' ', Q_BREAK);
        put_value(b, sh.argv[i], mode);
    }
}

/* Expand a ${...} word operand (the text after the operator) as a string. */
static char *operand(const char *s, int len, int mode)
{
    struct xb t = {0};
    char *r;
    expand_into(&t, s, len, mode & M_DQ);
    r = t.s ? t.s : xstrdup("");
    free(t.q);
    return r;
}

/* Remove the shortest or longest prefix or suffix matching pat. */
static char *trim(const char *v, const char *pat, int suffix, int longest)
{
    int n = strlen(v), i;
    char *tmp = xstrdup(v);
    if (!suffix) {
        for (i = longest ? n : 0; longest ? i >= 0 : i <= n; i += longest ? -1 : 1) {
            char c = tmp[i];
            tmp[i] = 0;
            if (glob_match(pat, tmp, 0)) {
                tmp[i] = c;
                char *r = xstrdup(v + i);
                free(tmp);
                return r;
            }
            tmp[i] = c;
        }
    } else {
        for (i = longest ? 0 : n; longest ? i <= n : i >= 0; i += longest ? 1 : -1) {
            if (glob_match(pat, v + i, 0)) {
                tmp[i] = 0;
                return tmp;
            }
        }
    }
    free(tmp);
    return xstrdup(v);
}

static int expand_brace(struct xb *b, const char *s, int end, int mode)
{
    /* s points after "${", end indexes the closing '}' */
    char name[256];
    int i = 0, k = 0, length = 0, owned;
    char *v;
    if (s[0] == '#' && end > 1) {
        length = 1;
        i = 1;
    }
    if (s[i] && strchr("@*#?$!-0123456789", s[i]) && !(s[i] >= '0' && s[i] <= '9')) {
        name[k++] = s[i++];
    } else {
        while (i < end && k < 255 && (s[i] == '_' || (s[i] >= 'a' && s[i] <= 'z') ||
               (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
            name[k++] = s[i++];
    }
    name[k] = 0;
    if (!k) {
        sh_error("${%.*s}: bad substitution", end, s);
        return -1;
    }
    v = param_value(name, &owned);
    if (length) {
        char num[32];
        if (i != end) {
            sh_error("${%.*s}: bad substitution", end, s);
            return -1;
        }
        snprintf(num, sizeof num, "%d", v ? (int) strlen(v) : 0);
        xb_puts(b, num, mode ? Q_QUOTED : Q_SPLIT);
        if (owned) free(v);
        return 0;
    }
    if (i == end) {
        if (!v && sh.opt_u && strcmp(name, "@") && strcmp(name, "*")) {
            sh_error("%s: parameter not set", name);
            return -1;
        }
        if (!strcmp(name, "@") || (!strcmp(name, "*") && !(mode & M_DQ)))
            put_at(b, mode);
        else if (v)
            put_value(b, v, mode);
    } else {
        int colon = s[i] == ':';
        char op = s[i + colon];
        const char *w = s + i + colon + 1;
        int wl = end - (i + colon + 1);
        int unset = !v || (colon && !*v);
        if (op == '-' || op == '=' || op == '+' || op == '?') {
            if (op == '-' && unset) {
                expand_into(b, w, wl, mode | (mode & M_DQ));
            } else if (op == '=' && unset) {
                char *val = operand(w, wl, mode);
                if (var_set(name, val, 0) < 0) { free(val); return -1; }
                put_value(b, val, mode);
                free(val);
            } else if (op == '+') {
                if (!unset)
                    expand_into(b, w, wl, mode);
            } else if (op == '?' && unset) {
                char *msg = operand(w, wl, mode);
                sh_error("%s: %s", name, *msg ? msg : "parameter null or not set");
                free(msg);
                if (owned) free(v);
                if (!sh.interactive) sh_exit(2);
                return -1;
            } else if (v) {
                if (!strcmp(name, "@")) put_at(b, mode);
                else put_value(b, v, mode);
            }
        } else if (!colon && (op == '#' || op == '%')) {
            int longest = s[i + 1] == op;
            char *pat = operand(w + longest, wl - longest, 0);
            char *r = trim(v ? v : "", pat, op == '%', longest);
            put_value(b, r, mode);
            free(r);
            free(pat);
        } else {
            sh_error("${%.*s}: bad substitution", end, s);
            if (owned) free(v);
            return -1;
        }
    }
    if (owned) free(v);
    return 0;
}

static void expand_dollar(struct xb *b, const char *s, int *ip, int len, int mode)
{
    int i = *ip + 1;        /* after '$' */
    char c = i < len ? s[i] : 0;
    if (c == '(' && i + 1 < len && s[i + 1] == '(') {
        int end = skip_to_close(s, i);           /* past the outer ')' */
        struct xb t = {0};
        long val;
        char num[32];
        expand_into(&t, s + i + 2, end - i - 4 > 0 ? end - i - 4 : 0, M_HEREDOC);
        if (arith_eval(t.s ? t.s : "", &val) < 0) {
            error_flag = 1;
        } else {
            snprintf(num, sizeof num, "%ld", val);
            put_value(b, num, mode);
        }
        xb_free(&t);
        *ip = end;
    } else if (c == '(') {
        int end = skip_to_close(s, i);
        char *cmd = xstrndup(s + i + 1, end - i - 2);
        char *out = cmd_subst(cmd);
        put_value(b, out, mode);
        free(cmd);
        free(out);
        *ip = end;
    } else if (c == '{') {
        int end = skip_brace(s, i);
        if (expand_brace(b, s + i + 1, end - i - 2, mode) < 0)
            error_flag = 1;
        *ip = end;
    } else if (c && strchr("@*#?$!-0123456789", c)) {
        char name[2] = {c, 0};
        int owned;
        char *v;
        if (c == '@' || (c == '*' && !(mode & M_DQ))) {
            put_at(b, mode);
        } else {
            v = param_value(name, &owned);
            if (v) put_value(b, v, mode);
            else if (sh.opt_u && c >= '1' && c <= '9') {
                sh_error("%c: parameter not set", c);
                error_flag = 1;
            }
            if (owned) free(v);
        }
        *ip = i + 1;
    } else if (c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        int j = i;
        char *name, *v;
        while (j < len && (s[j] == '_' || (s[j] >= 'a' && s[j] <= 'z') ||
                           (s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= '0' && s[j] <= '9')))
            j++;
        name = xstrndup(s + i, j - i);
        v = var_get(name);
        if (v)
            put_value(b, v, mode);
        else if (sh.opt_u) {
            sh_error("%s: parameter not set", name);
            error_flag = 1;
        }
        free(name);
        *ip = j;
    } else {
        xb_put(b, '$', mode ? Q_QUOTED : 0);
        *ip = i;
    }
}

static void expand_backquote(struct xb *b, const char *s, int *ip, int len, int mode)
{
    int i = *ip + 1;
    struct xb cmd = {0};
    char *out;
    while (i < len && s[i] != '`') {
        if (s[i] == '\\' && i + 1 < len && strchr("$`\\", s[i + 1])) {
            xb_put(&cmd, s[i + 1], 0);
            i += 2;
        } else {
            xb_put(&cmd, s[i++], 0);
        }
    }
    out = cmd_subst(cmd.s ? cmd.s : "");
    put_value(b, out, mode);
    free(out);
    xb_free(&cmd);
    *ip = i < len ? i + 1 : i;
}

static void expand_into(struct xb *b, const char *s, int len, int mode)
{
    int i = 0;
    if (!(mode & (M_DQ | M_HEREDOC)) && len > 0 && s[0] == '~') {
        int j = 1;
        while (j < len && s[j] != '/')
            j++;
        if (j == 1) {
            const char *home = var_get("HOME");
            if (home) {
                xb_puts(b, home, Q_QUOTED);
                i = 1;
            }
        }
    }
    while (i < len) {
        char c = s[i];
        if (c == '\\') {
            if (i + 1 >= len) {
                xb_put(b, '\\', Q_QUOTED);
                i++;
            } else if (s[i + 1] == '\n') {
                i += 2;
            } else if (mode & (M_DQ | M_HEREDOC)) {
                if (strchr((mode & M_DQ) ? "$`\\\"" : "$`\\", s[i + 1])) {
                    xb_put(b, s[i + 1], Q_QUOTED);
                } else {
                    xb_put(b, '\\', Q_QUOTED);
                    xb_put(b, s[i + 1], Q_QUOTED);
                }
                i += 2;
            } else {
                xb_put(b, s[i + 1], Q_QUOTED);
                i += 2;
            }
        } else if (c == '\'' && !(mode & (M_DQ | M_HEREDOC))) {
            b->had_quote = 1;
            for (i++; i < len && s[i] != '\''; i++)
                xb_put(b, s[i], Q_QUOTED);
            i++;
        } else if (c == '"' && !(mode & (M_DQ | M_HEREDOC))) {
            int j = i + 1;
            b->had_quote = 1;
            while (j < len && s[j] != '"') {
                if (s[j] == '\\' && j + 1 < len) j += 2;
                else if (s[j] == '$' && j + 1 < len && s[j + 1] == '(') j = skip_to_close(s, j + 1);
                else if (s[j] == '$' && j + 1 < len && s[j + 1] == '{') j = skip_brace(s, j + 1);
                else if (s[j] == '`') {
                    for (j++; j < len && s[j] != '`'; j++)
                        if (s[j] == '\\') j++;
                    j++;
                }
                else j++;
            }
            if (j > len) j = len;
            expand_into(b, s + i + 1, j - i - 1, M_DQ);
            i = j + 1;
        } else if (c == '$') {
            expand_dollar(b, s, &i, len, mode);
        } else if (c == '`') {
            expand_backquote(b, s, &i, len, mode);
        } else {
            xb_put(b, c, (mode & (M_DQ | M_HEREDOC)) ? Q_QUOTED : 0);
            i++;
        }
    }
}

static int has_glob(const struct xb *f)
{
    int i;
    for (i = 0; i < f->n; i++)
        if (!(f->q[i] & Q_QUOTED) && strchr("*?[", f->s[i]))
            return 1;
    return 0;
}

/* A glob pattern from a field: quoted characters escaped. */
static char *as_pattern(const struct xb *f)
{
    char *p = xmalloc(2 * f->n + 1), *o = p;
    int i;
    for (i = 0; i < f->n; i++) {
        if ((f->q[i] & Q_QUOTED) && strchr("*?[]\\", f->s[i]))
            *o++ = '\\';
        else if (!(f->q[i] & Q_QUOTED) && f->s[i] == '\\')
            *o++ = '\\';
        *o++ = f->s[i];
    }
    *o = 0;
    return p;
}

static void emit_field(struct xb *f, struct strlist *out)
{
    if (!sh.opt_f && has_glob(f)) {
        char *pat = as_pattern(f);
        int found = glob_expand(pat, out);
        free(pat);
        if (found)
            goto done;
    }
    sl_add(out, f->s ? xstrdup(f->s) : xstrdup(""));
done:
    f->n = 0;
    if (f->s) f->s[0] = 0;
}

static void split(struct xb *b, struct strlist *out)
{
    const char *ifs = var_get("IFS");
    struct xb f = {0};
    int i, have = 0, count0 = out->n;
    if (!ifs)
        ifs = " \t\n";
    for (i = 0; i < b->n; i++) {
        char c = b->s[i];
        int q = b->q[i];
        if (q & Q_BREAK) {
            emit_field(&f, out);
            have = 1;
        } else if ((q & Q_SPLIT) && c && strchr(ifs, c)) {
            if (strchr(" \t\n", c)) {
                if (have) emit_field(&f, out);
                have = 0;
            } else {
                emit_field(&f, out);
                have = 0;
                while (i + 1 < b->n && (b->q[i + 1] & Q_SPLIT) && strchr(" \t\n", b->s[i + 1])
                       && strchr(ifs, b->s[i + 1]))
                    i++;
            }
        } else {
            xb_put(&f, c, q);
            have = 1;
        }
    }
    if (have || (b->had_quote && !b->at_empty && out->n == count0))
        emit_field(&f, out);
    xb_free(&f);
}

int expand_words(char **words, int n, struct strlist *out)
{
    int i;
    error_flag = 0;
    for (i = 0; i < n; i++) {
        struct xb b = {0};
        expand_into(&b, words[i], strlen(words[i]), 0);
        if (error_flag) {
            xb_free(&b);
            return -1;
        }
        split(&b, out);
        xb_free(&b);
    }
    return 0;
}

static char *single(const char *raw, int mode, int pattern)
{
    struct xb b = {0};
    char *r;
    error_flag = 0;
    expand_into(&b, raw, strlen(raw), mode);
    if (error_flag) {
        xb_free(&b);
        return NULL;
    }
    if (pattern) {
        r = as_pattern(&b);
    } else {
        r = b.s ? xstrdup(b.s) : xstrdup("");
    }
    xb_free(&b);
    return r;
}

char *expand_word_single(const char *raw) { return single(raw, 0, 0); }
char *expand_pattern(const char *raw) { return single(raw, 0, 1); }
char *expand_heredoc(const char *body) { return single(body, M_HEREDOC, 0); }
