/* sh: startup and the read-parse-run loop. `sh -c CMD [name args]`,
 * `sh SCRIPT args`, or commands from standard input, with `# `/`$ ` prompts
 * and job control when that is a terminal. Input is parsed one complete
 * command at a time, reading more while a command is unfinished. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"
#if defined(SH_SIGNALS)
#include <termios.h>
#endif

struct shell sh;
extern char **environ;
int set_option(int c, int on);

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        write(2, "sh: out of memory\n", 18);
        _exit(2);
    }
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        write(2, "sh: out of memory\n", 18);
        _exit(2);
    }
    return p;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

char *xstrndup(const char *s, size_t n)
{
    char *r = xmalloc(n + 1);
    memcpy(r, s, n);
    r[n] = 0;
    return r;
}

void sh_error(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fprintf(stderr, "%s: ", sh.argv0 && !sh.interactive ? sh.argv0 : "sh");
    if (!sh.interactive && sh.lineno > 0)
        fprintf(stderr, "%d: ", sh.lineno);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(stderr);
}

void sh_exit(int status)
{
    sh.status = status;
    if (!sh.subshell || sh.traps[0])
        trap_exit();
    fflush(stdout);
    fflush(stderr);
    exit(status & 0377);
}

/* A short text of a command for `jobs`. */
char *node_text(struct node *n)
{
    char buf[256];
    int i, k = 0;
    buf[0] = 0;
    if (n->kind == N_CMD) {
        for (i = 0; i < n->nwords && k < 200; i++)
            k += snprintf(buf + k, sizeof buf - k, "%s%s", i ? " " : "", n->words[i]);
    } else if (n->kind == N_PIPE) {
        for (i = 0; i < n->npipe && k < 200; i++) {
            char *t = node_text(n->pipe[i]);
            k += snprintf(buf + k, sizeof buf - k, "%s%s", i ? " | " : "", t);
            free(t);
        }
    } else {
        snprintf(buf, sizeof buf, "(...)");
    }
    return xstrdup(buf);
}

/* Run every command in s; returns the last status. */
int run_string(const char *s, const char *name)
{
    struct lexer lx;
    int status = 0, st;
    (void) name;
    lex_init(&lx, s, strlen(s), 0);
    for (;;) {
        struct node *n = parse_command(&lx, &st);
        if (st) {
            sh.status = 2;
            if (!sh.interactive && !sh.in_trap)
                sh_exit(2);
            return 2;
        }
        if (!n)
            break;
        status = exec_node(n, 0);
        if (sh.exiting || sh.returning || sh.breaking || sh.continuing)
            break;
    }
    free(lx.word);
    return status;
}

static int read_more(int fd, char **buf, int *len, int *cap, int by_line)
{
    int got = 0;
    for (;;) {
        ssize_t r;
        if (*len + 4096 + 1 > *cap) {
            *cap = (*len + 4096 + 1) * 2;
            *buf = xrealloc(*buf, *cap);
        }
        r = read(fd, *buf + *len, by_line ? 1 : 4096);
        if (r < 0 && errno == EINTR) {
            trap_check();
            if (by_line && sh.interactive) {
                return -2;      /* ^C at the prompt: a fresh line */
            }
            continue;
        }
        if (r <= 0)
            return got ? 1 : 0;
        *len += r;
        got = 1;
        if (!by_line || (*buf)[*len - 1] == '\n')
            return 1;
    }
}

int run_fd(int fd, int interactive)
{
    char *buf = xmalloc(4096);
    int len = 0, cap = 4096, start = 0, eof = 0, status = 0;
    int by_line = fd == 0;
    int continuing = 0;
    for (;;) {
        struct lexer lx;
        struct node *n;
        int st;
        if (start >= len && !eof) {
            len = start = 0;
            continuing = 0;
        }
        if (start >= len || continuing) {
            int r;
            if (eof)
                break;
            if (interactive) {
                job_report_done();
                fputs(continuing ? "> " : geteuid() == 0 ? "# " : "$ ", stderr);
                fflush(stderr);
            }
            r = read_more(fd, &buf, &len, &cap, by_line);
            if (r == -2) {
                fputc('\n', stderr);
                len = start = 0;
                continuing = 0;
                continue;
            }
            if (r == 0)
                eof = 1;
            buf[len] = 0;
        }
        lex_init(&lx, buf + start, len - start, !eof);
        n = parse_command(&lx, &st);
        continuing = 0;
        if (st == 2) {
            continuing = 1;
            free(lx.word);
            continue;
        }
        if (st == 1) {
            status = sh.status = 2;
            free(lx.word);
            if (!interactive)
                break;
            start = len;
            continue;
        }
        start += lx.pos;
        free(lx.word);
        if (!n) {
            if (eof)
                break;
            start = len;
            continue;
        }
        if (sh.opt_n)
            continue;
        if (interactive) {
            char *text = node_text(n);
            sh.fg_text = text;
            status = exec_node(n, 0);
            sh.fg_text = NULL;
            free(text);
        } else {
            status = exec_node(n, 0);
        }
        trap_check();
        if (sh.exiting)
            break;
        if (sh.returning) {    /* `return` in a dot script */
            sh.returning = 0;
            break;
        }
    }
    free(buf);
    return status;
}

#if defined(SH_SIGNALS)
static void on_interrupt(int sig)
{
    (void) sig;     /* the read at the prompt ends with EINTR: a fresh prompt */
}
#endif

static void usage(void)
{
    fprintf(stderr, "usage: sh [-eiux] [-c command [name [arg ...]] | script [arg ...]]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    int i = 1, cflag = 0, iflag = 0, sflag = 0, status;
    sh.pid = getpid();
    sh.argv0 = argv[0];
    var_import(environ);
    if (!var_get("PATH"))
        var_set("PATH", "/bin:/usr/bin", 0);
    for (; i < argc && (argv[i][0] == '-' || argv[i][0] == '+') && argv[i][1]; i++) {
        int k, on = argv[i][0] == '-';
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        for (k = 1; argv[i][k]; k++) {
            char c = argv[i][k];
            if (c == 'c') cflag = 1;
            else if (c == 'i') iflag = 1;
            else if (c == 's') sflag = 1;
            else if (set_option(c, on) < 0) usage();
        }
    }
    if (cflag) {
        const char *cmd;
        if (i >= argc) {
            fprintf(stderr, "sh: -c requires an argument\n");
            return 2;
        }
        cmd = argv[i++];
        if (i < argc)
            sh.argv0 = argv[i++];
        sh.argv = argv + i;
        sh.argc = argc - i;
        status = run_string(cmd, NULL);
        sh_exit(status);
    }
    if (i < argc && !sflag) {
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0) {
            fprintf(stderr, "sh: cannot open %s: %s\n", argv[i], strerror(errno));
            return 127;
        }
        {
            int high = fcntl(fd, F_DUPFD, 10);     /* out of the way of `exec 3>...` */
            if (high >= 0) {
                close(fd);
                fd = high;
            }
        }
        fcntl(fd, F_SETFD, FD_CLOEXEC);
        sh.argv0 = argv[i];
        sh.argv = argv + i + 1;
        sh.argc = argc - i - 1;
        sh_exit(run_fd(fd, 0));
    }
    sh.argv = argv + i;
    sh.argc = argc - i;
    sh.interactive = iflag || (isatty(0) && isatty(2));
    if (sh.interactive) {
#if defined(SH_SIGNALS)
        sh.opt_m = 1;
        signal(SIGINT, on_interrupt);
        signal(SIGQUIT, SIG_IGN);
        signal(SIGTSTP, SIG_IGN);
        signal(SIGTTOU, SIG_IGN);
        signal(SIGTTIN, SIG_IGN);
        if (getpgrp() != getpid())
            setpgid(0, 0);
        tcsetpgrp(0, getpgrp());
#endif
    }
    status = run_fd(0, sh.interactive);
    if (sh.interactive)
        fputc('\n', stderr);
    sh_exit(sh.exiting ? sh.status : status);
}
