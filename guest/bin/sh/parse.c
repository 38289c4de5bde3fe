/* sh: the parser. Recursive descent over lex.c's tokens into struct node
 * trees, one complete command at a time; running off the end of input that
 * may continue (an interactive line, a script still being read) is reported
 * as incomplete so the caller can read more and try again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct parser {
    struct lexer *lx;
    int err;        /* 1 syntax error, 2 incomplete */
};

static struct node *parse_list(struct parser *p, int top);
static struct node *parse_compound_list(struct parser *p);
static struct node *parse_command_(struct parser *p);

static struct node *new_node(enum node_kind k)
{
    struct node *n = xmalloc(sizeof *n);
    memset(n, 0, sizeof *n);
    n->kind = k;
    n->lineno = sh.lineno;
    return n;
}

static void syntax(struct parser *p, const char *what)
{
    struct lexer *lx = p->lx;
    if (p->err)
        return;
    if (lx->tok == T_INCOMPLETE || lx->incomplete || (lx->tok == T_EOF && lx->more)) {
        p->err = 2;
        return;
    }
    p->err = 1;
    if (lx->error)
        sh_error("syntax error: %s", lx->error);
    else if (what)
        sh_error("syntax error: %s", what);
    else if (lx->tok == T_EOF)
        sh_error("syntax error: unexpected end of file");
    else if (lx->tok == T_NEWLINE)
        sh_error("syntax error: unexpected newline");
    else if (lx->tok == T_WORD)
        sh_error("syntax error: unexpected \"%s\"", lx->word);
    else
        sh_error("syntax error: unexpected token");
}

static int peek_word(struct parser *p, const char *w)
{
    return lex_peek(p->lx) == T_WORD && strcmp(p->lx->word, w) == 0;
}

static char *take_word(struct parser *p)
{
    char *w = p->lx->word;
    p->lx->word = NULL;
    return w;
}

static int expect_word(struct parser *p, const char *w)
{
    if (peek_word(p, w)) {
        lex_next(p->lx);
        return 1;
    }
    lex_next(p->lx);
    syntax(p, NULL);
    return 0;
}

static void linebreak(struct parser *p)
{
    while (lex_peek(p->lx) == T_NEWLINE)
        lex_next(p->lx);
}

static int is_terminator(struct parser *p)
{
    static const char *const words[] = {"then", "else", "elif", "fi", "do", "done", "esac",
                                        "}", NULL};
    enum tok t = lex_peek(p->lx);
    int i;
    if (t == T_RPAREN || t == T_DSEMI || t == T_EOF || t == T_INCOMPLETE || t == T_ERROR)
        return 1;
    if (t != T_WORD)
        return 0;
    for (i = 0; words[i]; i++)
        if (strcmp(p->lx->word, words[i]) == 0)
            return 1;
    return 0;
}

static char *unquote_delim(const char *w, int *quoted)
{
    char *out = xmalloc(strlen(w) + 1), *o = out;
    *quoted = 0;
    for (; *w; w++) {
        if (*w == '\'' || *w == '"') {
            *quoted = 1;
        } else if (*w == '\\' && w[1]) {
            *quoted = 1;
            *o++ = *++w;
        } else {
            *o++ = *w;
        }
    }
    *o = 0;
    return out;
}

/* One redirection if the next token starts one; 0 if not, -1 on error. */
static int parse_redir(struct parser *p, struct redir ***tail)
{
    struct lexer *lx = p->lx;
    enum tok t = lex_peek(lx);
    struct redir *r;
    int fd = lx->io_number;
    switch (t) {
    case T_LESS: case T_GREAT: case T_DGREAT: case T_CLOBBER: case T_LESSAND:
    case T_GREATAND: case T_LESSGREAT: case T_DLESS: case T_DLESSDASH:
        break;
    default:
        return 0;
    }
    lex_next(lx);
    r = xmalloc(sizeof *r);
    memset(r, 0, sizeof *r);
    switch (t) {
    case T_LESS: r->kind = R_IN; break;
    case T_GREAT: case T_CLOBBER: r->kind = R_OUT; break;
    case T_DGREAT: r->kind = R_APPEND; break;
    case T_LESSAND: r->kind = R_DUPIN; break;
    case T_GREATAND: r->kind = R_DUPOUT; break;
    case T_LESSGREAT: r->kind = R_RDWR; break;
    default: r->kind = R_HEREDOC; break;
    }
    r->fd = fd >= 0 ? fd : (r->kind == R_IN || r->kind == R_DUPIN || r->kind == R_RDWR ||
                            r->kind == R_HEREDOC) ? 0 : 1;
    if (lex_next(lx) != T_WORD) {
        free(r);
        syntax(p, NULL);
        return -1;
    }
    r->word = take_word(p);
    if (r->kind == R_HEREDOC) {
        r->hd = xmalloc(sizeof *r->hd);
        memset(r->hd, 0, sizeof *r->hd);
        r->hd->delim = unquote_delim(r->word, &r->hd->quoted);
        r->hd->strip_tabs = t == T_DLESSDASH;
        lex_heredoc(lx, r->hd);
    }
    **tail = r;
    *tail = &r->next;
    return 1;
}

static void add_str(char ***v, int *n, char *s)
{
    *v = xrealloc(*v, (*n + 2) * sizeof **v);
    (*v)[(*n)++] = s;
    (*v)[*n] = NULL;
}

static int is_assignment(const char *w)
{
    const char *eq = strchr(w, '=');
    return eq && eq != w && var_valid_name(w, eq - w);
}

static struct node *parse_redirs_after(struct parser *p, struct node *n)
{
    struct redir **tail = &n->redirs;
    int r;
    while ((r = parse_redir(p, &tail)) == 1)
        ;
    if (r < 0)
        return NULL;
    return n;
}

static struct node *parse_simple(struct parser *p)
{
    struct node *n = new_node(N_CMD);
    struct redir **tail = &n->redirs;
    for (;;) {
        int r = parse_redir(p, &tail);
        if (r < 0)
            return NULL;
        if (r)
            continue;
        if (lex_peek(p->lx) != T_WORD)
            break;
        lex_next(p->lx);
        {
            char *w = take_word(p);
            if (n->nwords == 0 && is_assignment(w)) {
                add_str(&n->assigns, &n->nassigns, w);
                continue;
            }
            if (n->nwords == 0 && n->nassigns == 0 && !n->redirs
                    && lex_peek(p->lx) == T_LPAREN) {
                struct node *f = new_node(N_FUNC);
                f->name = w;
                free(n);
                return f;
            }
            add_str(&n->words, &n->nwords, w);
        }
    }
    if (n->nwords == 0 && n->nassigns == 0 && !n->redirs) {
        lex_next(p->lx);
        syntax(p, NULL);
        return NULL;
    }
    return n;
}

static struct node *parse_if(struct parser *p)
{
    struct node *n = new_node(N_IF);
    n->a = parse_compound_list(p);
    if (p->err || !expect_word(p, "then"))
        return NULL;
    n->b = parse_compound_list(p);
    if (p->err)
        return NULL;
    if (peek_word(p, "elif")) {
        lex_next(p->lx);
        n->c = parse_if(p);
        return p->err ? NULL : n;
    }
    if (peek_word(p, "else")) {
        lex_next(p->lx);
        n->c = parse_compound_list(p);
        if (p->err)
            return NULL;
    }
    return expect_word(p, "fi") ? n : NULL;
}

static struct node *parse_loop(struct parser *p, enum node_kind k)
{
    struct node *n = new_node(k);
    n->a = parse_compound_list(p);
    if (p->err || !expect_word(p, "do"))
        return NULL;
    n->b = parse_compound_list(p);
    if (p->err || !expect_word(p, "done"))
        return NULL;
    return n;
}

static struct node *parse_for(struct parser *p)
{
    struct node *n = new_node(N_FOR);
    if (lex_next(p->lx) != T_WORD || !var_valid_name(p->lx->word, strlen(p->lx->word))) {
        syntax(p, "bad for loop variable");
        return NULL;
    }
    n->name = take_word(p);
    linebreak(p);
    if (peek_word(p, "in")) {
        lex_next(p->lx);
        n->has_in = 1;
        while (lex_peek(p->lx) == T_WORD) {
            lex_next(p->lx);
            add_str(&n->words, &n->nwords, take_word(p));
        }
        if (lex_peek(p->lx) == T_SEMI || lex_peek(p->lx) == T_NEWLINE) {
            lex_next(p->lx);
        } else {
            lex_next(p->lx);
            syntax(p, NULL);
            return NULL;
        }
    } else if (lex_peek(p->lx) == T_SEMI) {
        lex_next(p->lx);
    }
    linebreak(p);
    if (!expect_word(p, "do"))
        return NULL;
    n->b = parse_compound_list(p);
    if (p->err || !expect_word(p, "done"))
        return NULL;
    return n;
}

static struct node *parse_case(struct parser *p)
{
    struct node *n = new_node(N_CASE);
    struct caseitem **tail = &n->items;
    if (lex_next(p->lx) != T_WORD) {
        syntax(p, NULL);
        return NULL;
    }
    n->name = take_word(p);
    linebreak(p);
    if (!expect_word(p, "in"))
        return NULL;
    linebreak(p);
    while (!peek_word(p, "esac")) {
        struct caseitem *it = xmalloc(sizeof *it);
        memset(it, 0, sizeof *it);
        if (lex_peek(p->lx) == T_LPAREN)
            lex_next(p->lx);
        for (;;) {
            if (lex_next(p->lx) != T_WORD) {
                syntax(p, NULL);
                return NULL;
            }
            add_str(&it->pats, &it->npats, take_word(p));
            if (lex_peek(p->lx) == T_PIPE) {
                lex_next(p->lx);
                continue;
            }
            break;
        }
        if (lex_next(p->lx) != T_RPAREN) {
            syntax(p, NULL);
            return NULL;
        }
        it->body = parse_compound_list(p);
        if (p->err)
            return NULL;
        *tail = it;
        tail = &it->next;
        if (lex_peek(p->lx) == T_DSEMI) {
            lex_next(p->lx);
            linebreak(p);
        } else if (!peek_word(p, "esac")) {
            lex_next(p->lx);
            syntax(p, NULL);
            return NULL;
        }
    }
    lex_next(p->lx);
    return n;
}

static struct node *parse_compound(struct parser *p)
{
    struct lexer *lx = p->lx;
    struct node *n = NULL;
    if (lex_peek(lx) == T_LPAREN) {
        lex_next(lx);
        n = new_node(N_SUBSHELL);
        n->a = parse_compound_list(p);
        if (p->err)
            return NULL;
        if (lex_next(lx) != T_RPAREN) {
            syntax(p, NULL);
            return NULL;
        }
    } else if (peek_word(p, "{")) {
        lex_next(lx);
        n = new_node(N_GROUP);
        n->a = parse_compound_list(p);
        if (p->err || !expect_word(p, "}"))
            return NULL;
    } else if (peek_word(p, "if")) {
        lex_next(lx);
        n = parse_if(p);
    } else if (peek_word(p, "while")) {
        lex_next(lx);
        n = parse_loop(p, N_WHILE);
    } else if (peek_word(p, "until")) {
        lex_next(lx);
        n = parse_loop(p, N_UNTIL);
    } else if (peek_word(p, "for")) {
        lex_next(lx);
        n = parse_for(p);
    } else if (peek_word(p, "case")) {
        lex_next(lx);
        n = parse_case(p);
    } else {
        return NULL;
    }
    if (!n)
        return NULL;
    return parse_redirs_after(p, n);
}

static int is_compound_start(struct parser *p)
{
    static const char *const words[] = {"{", "if", "while", "until", "for", "case", NULL};
    int i;
    if (lex_peek(p->lx) == T_LPAREN)
        return 1;
    if (lex_peek(p->lx) != T_WORD)
        return 0;
    for (i = 0; words[i]; i++)
        if (strcmp(p->lx->word, words[i]) == 0)
            return 1;
    return 0;
}

static struct node *parse_command_(struct parser *p)
{
    struct node *n;
    if (is_compound_start(p))
        return parse_compound(p);
    if (lex_peek(p->lx) == T_WORD && is_terminator(p)) {
        lex_next(p->lx);
        syntax(p, NULL);
        return NULL;
    }
    /* a function definition: NAME ( ) compound-command */
    n = parse_simple(p);
    if (n && n->kind == N_FUNC) {
        lex_next(p->lx);    /* ( */
        if (lex_next(p->lx) != T_RPAREN) {
            syntax(p, NULL);
            return NULL;
        }
        linebreak(p);
        if (!is_compound_start(p)) {
            lex_next(p->lx);
            syntax(p, NULL);
            return NULL;
        }
        n->a = parse_compound(p);
        return p->err ? NULL : n;
    }
    return n;
}

static struct node *parse_pipeline(struct parser *p)
{
    struct node *n = new_node(N_PIPE), *c;
    int bang = 0;
    while (peek_word(p, "!")) {
        lex_next(p->lx);
        bang = !bang;
    }
    for (;;) {
        c = parse_command_(p);
        if (!c) {
            syntax(p, NULL);
            return NULL;
        }
        n->pipe = xrealloc(n->pipe, (n->npipe + 1) * sizeof *n->pipe);
        n->pipe[n->npipe++] = c;
        if (lex_peek(p->lx) != T_PIPE)
            break;
        lex_next(p->lx);
        linebreak(p);
    }
    if (n->npipe == 1) {
        c = n->pipe[0];
        free(n->pipe);
        free(n);
        n = c;
    }
    if (bang) {
        struct node *b = new_node(N_NOT);
        b->a = n;
        n = b;
    }
    return n;
}

static struct node *parse_and_or(struct parser *p)
{
    struct node *n = parse_pipeline(p);
    while (n) {
        enum tok t = lex_peek(p->lx);
        struct node *m;
        if (t != T_AND && t != T_OR)
            break;
        lex_next(p->lx);
        linebreak(p);
        m = new_node(t == T_AND ? N_AND : N_OR);
        m->a = n;
        m->b = parse_pipeline(p);
        if (!m->b)
            return NULL;
        n = m;
    }
    return n;
}

static struct node *seq(struct node *a, struct node *b)
{
    struct node *n;
    if (!a)
        return b;
    n = new_node(N_SEQ);
    n->a = a;
    n->b = b;
    return n;
}

/* top: a complete command, ended by a newline; else a compound list, ended by
 * a terminator word and spanning newlines. */
static struct node *parse_list(struct parser *p, int top)
{
    struct node *list = NULL;
    for (;;) {
        struct node *n;
        enum tok t;
        if (!top) {
            linebreak(p);
            if (is_terminator(p))
                break;
        }
        n = parse_and_or(p);
        if (!n) {
            syntax(p, NULL);
            return NULL;
        }
        t = lex_peek(p->lx);
        if (t == T_AMP) {
            struct node *b = new_node(N_BG);
            b->a = n;
            n = b;
        }
        list = seq(list, n);
        if (t == T_AMP || t == T_SEMI) {
            lex_next(p->lx);
            if (top && (lex_peek(p->lx) == T_NEWLINE || lex_peek(p->lx) == T_EOF))
                break;
            continue;
        }
        if (t == T_NEWLINE) {
            if (top)
                break;
            continue;
        }
        break;
    }
    return list;
}

static struct node *parse_compound_list(struct parser *p)
{
    struct node *n = parse_list(p, 0);
    if (!n && !p->err)
        syntax(p, NULL);
    return n;
}

struct node *parse_command(struct lexer *lx, int *status)
{
    struct parser p = {lx, 0};
    struct node *n;
    enum tok t;
    *status = 0;
    while (lex_peek(lx) == T_NEWLINE)
        lex_next(lx);
    t = lex_peek(lx);
    if (t == T_INCOMPLETE) {
        *status = 2;
        return NULL;
    }
    if (t == T_EOF)
        return NULL;
    n = parse_list(&p, 1);
    if (!p.err) {
        t = lex_next(lx);
        if (t == T_INCOMPLETE || (t == T_EOF && lx->more)) {
            p.err = 2;
        } else if (t != T_NEWLINE && t != T_EOF) {
            syntax(&p, NULL);
        } else if (lx->pending) {
            if (lx->more) p.err = 2;
        }
    }
    if (p.err == 2 && !lx->more) {
        p.err = 0;
        syntax(&p, NULL);
        p.err = 1;
    }
    *status = p.err;
    return p.err ? NULL : n;
}
