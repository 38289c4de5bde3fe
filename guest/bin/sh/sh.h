/* sh: the shared declarations of the shell (a POSIX sh for minixemu).
 * The shell is split by concern: lex.c (tokens and here-documents), parse.c
 * (the syntax tree), expand.c + arith.c + glob.c (words to fields), exec.c
 * (commands, pipelines), redir.c, subst.c, builtin.c + trap.c + test.c,
 * jobs.c, var.c, main.c. */
#ifndef SH_H
#define SH_H

#include <sys/types.h>
#include <signal.h>

/* Signals, process groups and terminal ownership arrive with issue 7's signal
 * and terminal work; <signal.h> gains SIG_BLOCK with them, and the shell uses
 * them as soon as it does (the host build always has them). */
#if defined(SIG_BLOCK)
#define SH_SIGNALS 1
#endif

/* -- tokens (lex.c) -- */
enum tok {
    T_EOF, T_NEWLINE, T_WORD, T_SEMI, T_AMP, T_PIPE, T_AND, T_OR, T_DSEMI,
    T_LPAREN, T_RPAREN, T_LESS, T_GREAT, T_DGREAT, T_DLESS, T_DLESSDASH,
    T_LESSAND, T_GREATAND, T_LESSGREAT, T_CLOBBER, T_INCOMPLETE, T_ERROR
};

struct heredoc;
struct lexer {
    const char *s;          /* the whole input parsed so far */
    int pos, len;
    int more;               /* more input may follow (incomplete is not an error) */
    enum tok tok;           /* the current token */
    char *word;             /* its text (T_WORD), raw: quotes kept */
    int io_number;          /* -1, or the n of n> */
    int peeked;
    struct heredoc *pending;/* here-documents whose bodies follow the next newline */
    int incomplete;         /* ran off the end inside a construct */
    char *error;            /* a syntax error message */
};

void lex_init(struct lexer *lx, const char *s, int len, int more);
enum tok lex_next(struct lexer *lx);
enum tok lex_peek(struct lexer *lx);
void lex_heredoc(struct lexer *lx, struct heredoc *hd);

/* -- the syntax tree (parse.c) -- */
enum redir_kind { R_IN, R_OUT, R_APPEND, R_DUPIN, R_DUPOUT, R_RDWR, R_HEREDOC };
struct heredoc {
    char *delim;            /* as written (quotes removed) */
    int quoted, strip_tabs;
    char *body;             /* filled in when the lexer reaches it */
    struct heredoc *next;
};
struct redir {
    enum redir_kind kind;
    int fd;
    char *word;             /* target (raw) */
    struct heredoc *hd;
    struct redir *next;
};

enum node_kind { N_CMD, N_PIPE, N_AND, N_OR, N_SEQ, N_BG, N_NOT, N_SUBSHELL, N_GROUP,
                 N_IF, N_WHILE, N_UNTIL, N_FOR, N_CASE, N_FUNC };
struct caseitem {
    char **pats;            /* raw patterns */
    int npats;
    struct node *body;
    struct caseitem *next;
};
struct node {
    enum node_kind kind;
    struct node *a, *b, *c;     /* children (if: cond, then, else) */
    char **words;  int nwords;  /* N_CMD words; N_FOR list */
    char **assigns; int nassigns;
    struct redir *redirs;
    char *name;                 /* for/func name; case word */
    int has_in;                 /* for: had `in` */
    struct caseitem *items;
    struct node **pipe; int npipe;
    int lineno;
};

/* parse one complete command; NULL at end of input. *status: 0 ok, 1 syntax
 * error (message printed), 2 incomplete input */
struct node *parse_command(struct lexer *lx, int *status);

/* -- variables (var.c) -- */
#define V_EXPORT 1
#define V_READONLY 2
char *var_get(const char *name);
int var_set(const char *name, const char *value, int flags);
int var_unset(const char *name);
void var_export(const char *name);
void var_import(char **envp);
char **var_environ(void);
void var_print(int exported_only);
int var_valid_name(const char *s, int len);

/* -- expansion (expand.c, arith.c, glob.c) -- */
struct strlist { char **v; int n, cap; };
void sl_add(struct strlist *l, char *s);
void sl_free(struct strlist *l);
int expand_words(char **words, int n, struct strlist *out);   /* -1 on error */
char *expand_word_single(const char *raw);       /* no splitting or globbing */
char *expand_pattern(const char *raw);           /* for case: quoted chars escaped */
char *expand_heredoc(const char *body);
int arith_eval(const char *expr, long *result);  /* -1 on error (message printed) */
int glob_match(const char *pat, const char *s, int pathname);
int glob_expand(const char *pat, struct strlist *out);   /* number of matches */
char *cmd_subst(const char *cmd);

/* -- execution (exec.c, jobs.c, builtin.c) -- */
int exec_node(struct node *n, int flags);
struct saved;
int apply_redirs(struct redir *r, struct saved **save);
void restore_fds(struct saved *list);
void child_setup(void);
pid_t sh_fork(void);
#define X_NOFORK 1          /* the last command may replace this process */
#define X_COND 2            /* inside a condition: set -e does not apply */
int run_string(const char *s, const char *name);
int run_fd(int fd, int interactive);
int find_builtin(const char *name);
int run_builtin(int idx, int argc, char **argv);
int is_special_builtin(const char *name);
void job_add(pid_t pgid, pid_t *pids, int n, const char *cmd, int bg);
int job_wait_fg(pid_t pgid, pid_t *pids, int n);
int job_builtin_wait(int argc, char **argv);
int job_builtin_jobs(int argc, char **argv);
int job_builtin_fg(int argc, char **argv, int bg);
void job_report_done(void);
int wait_status_code(int status);
int test_main(int argc, char **argv);
int printf_main(int argc, char **argv);    /* guest/bin/lib/printf.c */
int echo_main(int argc, char **argv);      /* guest/bin/lib/echo.c */
void trap_check(void);
int trap_builtin(int argc, char **argv);
void trap_exit(void);
void sh_exit(int status) __attribute__((noreturn));
char *node_text(struct node *n);

/* -- the shell's state -- */
struct funcdef { char *name; struct node *body; struct funcdef *next; };
struct shell {
    char **argv; int argc;      /* $0 is argv0, $1.. are argv[0..] */
    char *argv0;
    int status;                 /* $? */
    pid_t pid;                  /* $$ */
    pid_t lastbg;               /* $! */
    int opt_e, opt_x, opt_u, opt_f, opt_n, opt_v, opt_m;
    int interactive;
    int subshell;               /* we are a forked child: exit, don't return */
    int breaking, continuing;   /* pending break/continue levels */
    int returning;              /* pending return */
    int loop_depth, func_depth;
    int exiting;
    int lineno;
    struct funcdef *funcs;
    char *traps[65];            /* 0 = EXIT */
    volatile int trap_pending[65];
    int in_trap;
    int errexit_suppressed;
    int subst_status;           /* status of the last command substitution, or -1 */
    int tmp_counter;            /* names of here-document and substitution files */
    const char *fg_text;        /* the foreground command, for `jobs` if it stops */
};
extern struct shell sh;
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
void sh_error(const char *fmt, ...);
int sig_number(const char *name);
const char *sig_name(int sig);

#endif
