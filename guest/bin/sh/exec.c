/* sh: running the tree: simple commands (functions, built-ins, programs
 * found on PATH), pipelines over pipe(), subshells, background jobs, the
 * compound commands, redirections (saved and restored around built-ins and
 * compound commands) and command substitution. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "sh.h"

static void xtrace(char **argv, char **assigns, int nassigns)
{
    int i;
    const char *ps4 = var_get("PS4");
    fputs(ps4 ? ps4 : "+ ", stderr);
    for (i = 0; i < nassigns; i++)
        fprintf(stderr, "%s%s", i ? " " : "", assigns[i]);
    for (i = 0; argv[i]; i++)
        fprintf(stderr, "%s%s", i || nassigns ? " " : "", argv[i]);
    fputc('\n', stderr);
    fflush(stderr);
}

static struct funcdef *find_func(const char *name)
{
    struct funcdef *f;
    for (f = sh.funcs; f; f = f->next)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

/* Run a file as a shell script in this (already forked) process. */
static void run_as_script(const char *path, char **argv)
{
    int fd = open(path, O_RDONLY), n = 0;
    struct funcdef *f;
    if (fd < 0)
        _exit(126);
    for (n = 0; argv[n]; n++)
        ;
    sh.argv0 = argv[0];
    sh.argv = argv + 1;
    sh.argc = n - 1;
    for (f = sh.funcs; f; f = f->next)
        f->name[0] = 0;     /* a new script knows none of our functions */
    sh.interactive = 0;
    sh_exit(run_fd(fd, 0));
}

/* exec a program (PATH search when there is no slash); returns only on failure. */
static void exec_program(char **argv)
{
    char **env = var_environ();
    const char *name = argv[0];
    int err = ENOENT;
    if (strchr(name, '/')) {
        execve(name, argv, env);
        err = errno;
        if (err == ENOEXEC)
            run_as_script(name, argv);
    } else {
        const char *path = var_get("PATH");
        const char *p = path ? path : "/bin:/usr/bin";
        int saw_eacces = 0;
        for (;;) {
            const char *colon = strchr(p, ':');
            size_t len = colon ? (size_t) (colon - p) : strlen(p);
            char *full = xmalloc(len + strlen(name) + 2);
            if (len) {
                memcpy(full, p, len);
                full[len] = '/';
                strcpy(full + len + 1, name);
            } else {
                strcpy(full, name);
            }
            execve(full, argv, env);
            if (errno == ENOEXEC)
                run_as_script(full, argv);
            if (errno == EACCES)
                saw_eacces = 1;
            else if (errno != ENOENT && errno != ENOTDIR)
                err = errno;
            free(full);
            if (!colon)
                break;
            p = colon + 1;
        }
        if (saw_eacces)
            err = EACCES;
    }
    if (err == ENOENT) {
        sh_error("%s: not found", name);
        sh_exit(127);
    }
    sh_error("%s: %s", name, strerror(err));
    sh_exit(126);
}

/* Job control (interactive, -m): a foreground child gets its own process
 * group (the pipeline's first process leads it) and the terminal, and the
 * default actions of the signals the interactive shell ignores. */
static void job_child(pid_t pgid, int foreground)
{
#if defined(SH_SIGNALS)
    setpgid(0, pgid);
    if (foreground) {
        signal(SIGTTOU, SIG_IGN);   /* we are not yet in the terminal's group */
        tcsetpgrp(0, pgid ? pgid : getpid());
    }
    signal(SIGINT, SIG_DFL);
    signal(SIGQUIT, SIG_DFL);
    signal(SIGTSTP, SIG_DFL);
    signal(SIGTTIN, SIG_DFL);
    signal(SIGTTOU, SIG_DFL);
#else
    (void) pgid;
    (void) foreground;
#endif
}

/* In every child: no job control, no traps of ours, the interactive shell's
 * signal dispositions back to the defaults. */
void child_setup(void)
{
    int i;
#if defined(SH_SIGNALS)
    if (sh.interactive) {
        signal(SIGINT, SIG_DFL);
        signal(SIGQUIT, SIG_DFL);
        signal(SIGTSTP, SIG_DFL);
        signal(SIGTTIN, SIG_DFL);
        signal(SIGTTOU, SIG_DFL);
    }
#endif
    sh.subshell = 1;
    sh.interactive = 0;
    sh.opt_m = 0;
    for (i = 0; i < 65; i++) {
        if (sh.traps[i] && *sh.traps[i]) {
            free(sh.traps[i]);
            sh.traps[i] = NULL;
#ifdef SH_SIGNALS
            if (i) signal(i, SIG_DFL);
#endif
        }
    }
}

pid_t sh_fork(void)
{
    pid_t pid;
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid < 0)
        sh_error("fork: %s", strerror(errno));
    return pid;
}

static int errexit(int status, int flags)
{
    if (status && sh.opt_e && !(flags & X_COND) && !sh.errexit_suppressed)
        sh_exit(status);
    return status;
}

static int exec_simple(struct node *n, int flags)
{
    struct strlist args = {0};
    int status = 0, i, idx;
    struct funcdef *f;
    struct saved *save = NULL;
    char **old = NULL;
    int *old_set = NULL;

    sh.subst_status = -1;
    if (expand_words(n->words, n->nwords, &args) < 0) {
        sl_free(&args);
        return 1;
    }
    if (args.n == 0) {
        for (i = 0; i < n->nassigns; i++) {
            char *eq = strchr(n->assigns[i], '='), *name, *val;
            name = xstrndup(n->assigns[i], eq - n->assigns[i]);
            val = expand_word_single(eq + 1);
            if (!val || var_set(name, val, 0) < 0) {
                free(name);
                free(val);
                sl_free(&args);
                if (!sh.interactive && val) sh_exit(1);
                return 1;
            }
            if (sh.opt_x) {
                char *tr[] = {NULL};
                char *as = xmalloc(strlen(name) + strlen(val) + 2);
                sprintf(as, "%s=%s", name, val);
                xtrace(tr, &as, 1);
                free(as);
            }
            free(name);
            free(val);
        }
        status = sh.subst_status >= 0 ? sh.subst_status : 0;
        if (n->redirs) {
            /* redirections alone: done in a child so nothing of ours changes */
            pid_t pid = sh_fork();
            if (pid == 0) {
                child_setup();
                _exit(apply_redirs(n->redirs, NULL) < 0 ? 1 : 0);
            }
            status = job_wait_fg(pid, &pid, 1);
        }
        sl_free(&args);
        return status;
    }
    if (sh.opt_x)
        xtrace(args.v, n->assigns, 0);

    f = find_func(args.v[0]);
    idx = f ? -1 : find_builtin(args.v[0]);
    if (!f && idx < 0) {
        pid_t pid = 0;
        if (!(flags & X_NOFORK) || sh.traps[0])
            pid = sh_fork();
        if (pid < 0) {
            sl_free(&args);
            return 2;
        }
        if (pid == 0) {
            int was_m = sh.opt_m && !(flags & X_NOFORK);
            child_setup();
            if (was_m)
                job_child(0, 1);
            for (i = 0; i < n->nassigns; i++) {
                char *eq = strchr(n->assigns[i], '='), *name, *val;
                name = xstrndup(n->assigns[i], eq - n->assigns[i]);
                val = expand_word_single(eq + 1);
                if (val) var_set(name, val, V_EXPORT);
                free(name);
                free(val);
            }
            if (apply_redirs(n->redirs, NULL) < 0)
                _exit(1);
            exec_program(args.v);
        }
#if defined(SH_SIGNALS)
        if (sh.opt_m && pid > 0) {
            setpgid(pid, pid);
            tcsetpgrp(0, pid);
        }
#endif
        status = job_wait_fg(pid, &pid, 1);
        sl_free(&args);
        return status;
    }

    /* a function or built-in runs here: assignments are temporary unless special */
    if (n->nassigns) {
        int special = idx >= 0 && is_special_builtin(args.v[0]);
        old = xmalloc(n->nassigns * sizeof *old);
        old_set = xmalloc(n->nassigns * sizeof *old_set);
        for (i = 0; i < n->nassigns; i++) {
            char *eq = strchr(n->assigns[i], '='), *name, *val, *prev;
            name = xstrndup(n->assigns[i], eq - n->assigns[i]);
            prev = var_get(name);
            old_set[i] = special ? -1 : prev != NULL;
            old[i] = prev ? xstrdup(prev) : NULL;
            val = expand_word_single(eq + 1);
            if (val) var_set(name, val, special ? 0 : V_EXPORT);
            free(name);
            free(val);
        }
    }
    if (idx >= 0 && args.n == 1 && strcmp(args.v[0], "exec") == 0) {
        /* exec with only redirections: they stay for the rest of the shell */
        status = apply_redirs(n->redirs, NULL) < 0;
        if (status && !sh.interactive)
            sh_exit(1);
    } else if (apply_redirs(n->redirs, &save) < 0) {
        restore_fds(save);
        status = 1;
        if (idx >= 0 && is_special_builtin(args.v[0]) && !sh.interactive)
            sh_exit(1);
    } else if (f) {
        char **oargv = sh.argv;
        int oargc = sh.argc;
        sh.argv = args.v + 1;
        sh.argc = args.n - 1;
        sh.func_depth++;
        status = exec_node(f->body, flags & X_COND);
        sh.func_depth--;
        if (sh.returning) {
            sh.returning = 0;
            status = sh.status;
        }
        sh.argv = oargv;
        sh.argc = oargc;
        restore_fds(save);
    } else {
        status = run_builtin(idx, args.n, args.v);
        fflush(stdout);
        restore_fds(save);
    }
    if (old) {
        for (i = 0; i < n->nassigns; i++) {
            char *eq = strchr(n->assigns[i], '='), *name;
            if (old_set[i] < 0) {
                free(old[i]);
                continue;
            }
            name = xstrndup(n->assigns[i], eq - n->assigns[i]);
            if (old[i]) var_set(name, old[i], 0);
            else var_unset(name);
            free(name);
            free(old[i]);
        }
        free(old);
        free(old_set);
    }
    sl_free(&args);
    return status;
}

static int exec_pipeline(struct node *n, int flags)
{
    pid_t *pids = xmalloc(n->npipe * sizeof *pids), pgid = 0;
    int i, in = -1, status;
    (void) flags;
    for (i = 0; i < n->npipe; i++) {
        int fds[2] = {-1, -1};
        pid_t pid;
        if (i + 1 < n->npipe && pipe(fds) < 0) {
            sh_error("pipe: %s", strerror(errno));
            if (in >= 0) close(in);
            n->npipe = i;       /* wait for what started */
            break;
        }
        pid = sh_fork();
        if (pid == 0) {
            int was_m = sh.opt_m;
            child_setup();
            if (was_m)
                job_child(pgid, 1);
            if (in >= 0) {
                dup2(in, 0);
                close(in);
            }
            if (fds[1] >= 0) {
                close(fds[0]);
                dup2(fds[1], 1);
                close(fds[1]);
            }
            sh_exit(exec_node(n->pipe[i], X_NOFORK));
        }
        if (!pgid) pgid = pid;
#if defined(SH_SIGNALS)
        if (sh.opt_m && pid > 0) setpgid(pid, pgid);
#endif
        pids[i] = pid;
        if (in >= 0) close(in);
        if (fds[1] >= 0) close(fds[1]);
        in = fds[0];
    }
    if (i < n->npipe && in >= 0)
        close(in);
    status = i ? job_wait_fg(pgid, pids, i) : 1;
    if (i < n->npipe || (i == 0))
        status = status ? status : 1;
    free(pids);
    return status;
}

static int exec_case(struct node *n, int flags)
{
    char *word = expand_word_single(n->name);
    struct caseitem *it;
    if (!word)
        return 1;
    for (it = n->items; it; it = it->next) {
        int i;
        for (i = 0; i < it->npats; i++) {
            char *pat = expand_pattern(it->pats[i]);
            int m = pat && glob_match(pat, word, 0);
            free(pat);
            if (m) {
                free(word);
                return it->body ? exec_node(it->body, flags) : 0;
            }
        }
    }
    free(word);
    return 0;
}

static int loop_control(int *status)
{
    (void) status;
    if (sh.breaking) {
        sh.breaking--;
        return 1;
    }
    if (sh.continuing) {
        if (--sh.continuing)
            return 1;   /* continue an outer loop */
        return 0;
    }
    return sh.returning || sh.exiting;
}

static int interrupted(void)
{
    return sh.breaking || sh.continuing || sh.returning || sh.exiting;
}

int exec_node(struct node *n, int flags)
{
    int status = 0;
    struct saved *save = NULL;
    if (!n)
        return 0;
    trap_check();
    switch (n->kind) {
    case N_CMD:
        sh.lineno = n->lineno;
        status = exec_simple(n, flags);
        sh.status = status;
        return errexit(status, flags);
    case N_PIPE:
        status = exec_pipeline(n, flags);
        sh.status = status;
        return errexit(status, flags);
    case N_NOT:
        status = !exec_node(n->a, flags | X_COND);
        break;
    case N_AND: case N_OR:
        status = exec_node(n->a, (flags & ~X_NOFORK) | X_COND);
        if (interrupted())
            break;
        if ((status == 0) == (n->kind == N_AND))
            status = exec_node(n->b, flags);
        break;
    case N_SEQ:
        exec_node(n->a, flags & ~X_NOFORK);
        if (interrupted())
            return sh.status;
        status = exec_node(n->b, flags);
        break;
    case N_BG: {
        pid_t pid = sh_fork();
        if (pid == 0) {
            int was_m = sh.opt_m;
            child_setup();
#if defined(SH_SIGNALS)
            if (was_m) {
                job_child(0, 0);
            } else {
                signal(SIGINT, SIG_IGN);
                signal(SIGQUIT, SIG_IGN);
            }
#endif
            if (!was_m) {
                int fd = open("/dev/null", O_RDONLY);
                if (fd >= 0 && fd != 0) {
                    dup2(fd, 0);
                    close(fd);
                }
            }
            sh_exit(exec_node(n->a, X_NOFORK));
        }
        if (pid > 0) {
            char *text = node_text(n->a);
#if defined(SH_SIGNALS)
            if (sh.opt_m) setpgid(pid, pid);
#endif
            sh.lastbg = pid;
            job_add(pid, &pid, 1, text, 1);
            free(text);
        }
        status = pid > 0 ? 0 : 2;
        break;
    }
    case N_SUBSHELL: {
        pid_t pid = (flags & X_NOFORK) && !sh.traps[0] ? 0 : sh_fork();
        if (pid == 0) {
            int was_m = sh.opt_m && !(flags & X_NOFORK);
            child_setup();
            if (was_m)
                job_child(0, 1);
            if (apply_redirs(n->redirs, NULL) < 0)
                _exit(1);
            sh_exit(exec_node(n->a, X_NOFORK));
        }
#if defined(SH_SIGNALS)
        if (sh.opt_m && pid > 0)
            setpgid(pid, pid);
#endif
        status = pid > 0 ? job_wait_fg(pid, &pid, 1) : 2;
        sh.status = status;
        return errexit(status, flags);
    }
    case N_GROUP: case N_IF: case N_WHILE: case N_UNTIL: case N_FOR: case N_CASE:
        if (n->redirs && apply_redirs(n->redirs, &save) < 0) {
            restore_fds(save);
            status = 1;
            break;
        }
        if (n->kind == N_GROUP) {
            status = exec_node(n->a, flags & ~(n->redirs ? X_NOFORK : 0));
        } else if (n->kind == N_IF) {
            int c = exec_node(n->a, (flags & ~X_NOFORK) | X_COND);
            if (interrupted())
                status = sh.status;
            else if (c == 0)
                status = exec_node(n->b, flags & ~X_NOFORK);
            else if (n->c)
                status = exec_node(n->c, flags & ~X_NOFORK);
            else
                status = 0;
        } else if (n->kind == N_WHILE || n->kind == N_UNTIL) {
            status = 0;
            sh.loop_depth++;
            for (;;) {
                int c = exec_node(n->a, (flags & ~X_NOFORK) | X_COND);
                if (sh.breaking || sh.continuing) {
                    if (loop_control(&status)) break;
                    continue;
                }
                if (sh.returning || sh.exiting)
                    break;
                if ((c == 0) != (n->kind == N_WHILE))
                    break;
                status = exec_node(n->b, flags & ~X_NOFORK);
                if (interrupted() && loop_control(&status))
                    break;
            }
            sh.loop_depth--;
        } else if (n->kind == N_FOR) {
            struct strlist items = {0};
            int i;
            if (n->has_in) {
                if (expand_words(n->words, n->nwords, &items) < 0) {
                    status = 1;
                    break;
                }
            } else {
                for (i = 0; i < sh.argc; i++)
                    sl_add(&items, xstrdup(sh.argv[i]));
            }
            status = 0;
            sh.loop_depth++;
            for (i = 0; i < items.n; i++) {
                if (var_set(n->name, items.v[i], 0) < 0) {
                    status = 1;
                    break;
                }
                status = exec_node(n->b, flags & ~X_NOFORK);
                if (interrupted() && loop_control(&status))
                    break;
            }
            sh.loop_depth--;
            sl_free(&items);
        } else {
            status = exec_case(n, flags & ~X_NOFORK);
        }
        if (n->redirs)
            restore_fds(save);
        break;
    case N_FUNC: {
        struct funcdef *f = find_func(n->name);
        if (!f) {
            f = xmalloc(sizeof *f);
            f->name = xstrdup(n->name);
            f->next = sh.funcs;
            sh.funcs = f;
        }
        f->body = n->a;     /* the tree is kept: nodes are never freed while defined */
        n->a = NULL;
        status = 0;
        break;
    }
    }
    sh.status = status;
    return status;
}
