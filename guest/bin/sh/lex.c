/* sh: the lexer. It cuts input into operators and words (kept raw, quotes and
 * all, for expand.c), recognises n> redirection numbers, and reads the bodies
 * of here-documents after the newline that ends their command. */
#include <stdlib.h>
#include <string.h>
#include "sh.h"

void lex_init(struct lexer *lx, const char *s, int len, int more)
{
    memset(lx, 0, sizeof *lx);
    lx->s = s;
    lx->len = len;
    lx->more = more;
    lx->io_number = -1;
}

static int at(struct lexer *lx, int i) { return i < lx->len ? (unsigned char) lx->s[i] : -1; }

static int fail(struct lexer *lx, const char *why)
{
    if (lx->more) {
        lx->incomplete = 1;
    } else if (!lx->error) {
        lx->error = xstrdup(why);
    }
    return -1;
}

/* Skip a construct starting at i (the opening char at s[i]); returns the index
 * just past it, or -1 when the input ends first. */
static int skip_squote(struct lexer *lx, int i)
{
    for (i++; i < lx->len; i++)
        if (lx->s[i] == '\'')
            return i + 1;
    return fail(lx, "unterminated quoted string");
}

static int skip_dollar(struct lexer *lx, int i);
static int skip_bquote(struct lexer *lx, int i);

static int skip_dquote(struct lexer *lx, int i)
{
    for (i++; i < lx->len; ) {
        int c = lx->s[i];
        if (c == '"')
            return i + 1;
        if (c == '\\') {
            i += 2;
        } else if (c == '$') {
            i = skip_dollar(lx, i);
            if (i < 0)
                return -1;
        } else if (c == '`') {
            i = skip_bquote(lx, i);
            if (i < 0)
                return -1;
        } else {
            i++;
        }
    }
    return fail(lx, "unterminated quoted string");
}

static int skip_bquote(struct lexer *lx, int i)
{
    for (i++; i < lx->len; i++) {
        if (lx->s[i] == '\\')
            i++;
        else if (lx->s[i] == '`')
            return i + 1;
    }
    return fail(lx, "unterminated `");
}

/* $( ... ) with nesting, quotes and case patterns' lone ')' handled by
 * counting only parentheses outside quotes; `case` inside $( ) must use the
 * (pattern) form, as in many shells of the time. */
static int skip_parens(struct lexer *lx, int i, int depth)
{
    while (i < lx->len) {
        int c = lx->s[i];
        if (c == '\\') {
            i += 2;
        } else if (c == '\'') {
            if ((i = skip_squote(lx, i)) < 0) return -1;
        } else if (c == '"') {
            if ((i = skip_dquote(lx, i)) < 0) return -1;
        } else if (c == '`') {
            if ((i = skip_bquote(lx, i)) < 0) return -1;
        } else if (c == '#' && (i == 0 || strchr(" \t\n;(", lx->s[i - 1]))) {
            while (i < lx->len && lx->s[i] != '\n')
                i++;
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
    return fail(lx, "unterminated $(");
}

static int skip_dollar(struct lexer *lx, int i)
{
    int c = at(lx, i + 1);
    if (c == '(')
        return skip_parens(lx, i + 1, 0);
    if (c == '{') {
        for (i += 2; i < lx->len; ) {
            int d = lx->s[i];
            if (d == '}')
                return i + 1;
            if (d == '\\') i += 2;
            else if (d == '\'') { if ((i = skip_squote(lx, i)) < 0) return -1; }
            else if (d == '"') { if ((i = skip_dquote(lx, i)) < 0) return -1; }
            else if (d == '$') { if ((i = skip_dollar(lx, i)) < 0) return -1; }
            else if (d == '`') { if ((i = skip_bquote(lx, i)) < 0) return -1; }
            else i++;
        }
        return fail(lx, "missing }");
    }
    return i + 1;
}

static int is_meta(int c) { return c == -1 || strchr(" \t\n;&|<>()", c) != NULL; }

/* Read pending here-document bodies starting at lx->pos (just after a newline). */
static int read_heredocs(struct lexer *lx)
{
    struct heredoc *hd;
    for (hd = lx->pending; hd; hd = hd->next) {
        size_t cap = 64, n = 0;
        char *body = xmalloc(cap);
        for (;;) {
            int start = lx->pos, end = start, len;
            const char *line;
            while (end < lx->len && lx->s[end] != '\n')
                end++;
            if (end >= lx->len && lx->more) {
                free(body);
                lx->incomplete = 1;
                return -1;
            }
            line = lx->s + start;
            len = end - start;
            if (hd->strip_tabs)
                while (len > 0 && *line == '\t')
                    line++, len--;
            lx->pos = end < lx->len ? end + 1 : end;
            if ((int) strlen(hd->delim) == len && memcmp(line, hd->delim, len) == 0)
                break;
            if (end >= lx->len && len == 0)
                break;     /* end of input ends the document */
            if (n + len + 2 > cap) {
                cap = (n + len + 2) * 2;
                body = xrealloc(body, cap);
            }
            memcpy(body + n, line, len);
            n += len;
            body[n++] = '\n';
            if (end >= lx->len)
                break;
        }
        body[n] = 0;
        hd->body = body;
    }
    lx->pending = NULL;
    return 0;
}

void lex_heredoc(struct lexer *lx, struct heredoc *hd)
{
    struct heredoc **p = &lx->pending;
    while (*p)
        p = &(*p)->next;
    *p = hd;
}

static enum tok scan(struct lexer *lx)
{
    int i = lx->pos, c, start;
    lx->io_number = -1;
    free(lx->word);
    lx->word = NULL;
    for (;;) {
        c = at(lx, i);
        if (c == ' ' || c == '\t') {
            i++;
        } else if (c == '\\' && at(lx, i + 1) == '\n') {
            i += 2;
        } else if (c == '#') {
            while (i < lx->len && lx->s[i] != '\n')
                i++;
        } else {
            break;
        }
    }
    lx->pos = i;
    if (c == -1)
        return T_EOF;
    if (c == '\n') {
        lx->pos = i + 1;
        sh.lineno++;
        if (lx->pending && read_heredocs(lx) < 0)
            return T_INCOMPLETE;
        return T_NEWLINE;
    }
    {
        static const struct { const char *s; enum tok t; } ops[] = {
            {"&&", T_AND}, {"||", T_OR}, {";;", T_DSEMI}, {"<<-", T_DLESSDASH}, {"<<", T_DLESS},
            {">>", T_DGREAT}, {"<&", T_LESSAND}, {">&", T_GREATAND}, {"<>", T_LESSGREAT},
            {">|", T_CLOBBER}, {";", T_SEMI}, {"&", T_AMP}, {"|", T_PIPE}, {"(", T_LPAREN},
            {")", T_RPAREN}, {"<", T_LESS}, {">", T_GREAT},
        };
        unsigned k;
        for (k = 0; k < sizeof ops / sizeof ops[0]; k++) {
            size_t n = strlen(ops[k].s);
            if ((int) (i + n) <= lx->len && memcmp(lx->s + i, ops[k].s, n) == 0) {
                lx->pos = i + n;
                return ops[k].t;
            }
        }
    }
    start = i;
    while (!is_meta(c = at(lx, i))) {
        if (c == '\\') {
            if (i + 1 >= lx->len) {
                if (fail(lx, "backslash at end of input") < 0 && lx->incomplete)
                    return T_INCOMPLETE;
                i++;
                continue;
            }
            i += 2;
        } else if (c == '\'') {
            i = skip_squote(lx, i);
        } else if (c == '"') {
            i = skip_dquote(lx, i);
        } else if (c == '`') {
            i = skip_bquote(lx, i);
        } else if (c == '$') {
            i = skip_dollar(lx, i);
        } else {
            i++;
        }
        if (i < 0)
            return lx->incomplete ? T_INCOMPLETE : T_ERROR;
    }
    lx->pos = i;
    lx->word = xstrndup(lx->s + start, i - start);
    if ((c == '<' || c == '>') && strspn(lx->word, "0123456789") == strlen(lx->word)) {
        int n = atoi(lx->word);
        enum tok t = scan(lx);
        lx->io_number = n;
        return t;
    }
    return T_WORD;
}

enum tok lex_next(struct lexer *lx)
{
    if (lx->peeked) {
        lx->peeked = 0;
        return lx->tok;
    }
    return lx->tok = scan(lx);
}

enum tok lex_peek(struct lexer *lx)
{
    if (!lx->peeked) {
        lx->tok = scan(lx);
        lx->peeked = 1;
    }
    return lx->tok;
}
