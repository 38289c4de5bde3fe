/* sh: the built-in commands (cd, exit, set, read, ...) and the table that
 * finds them; trap is in trap.c, test/[ in test.c, printf in
 * guest/bin/lib/printf.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sh.h"

static int b_colon(int argc, char **argv) { (void) argc; (void) argv; return 0; }
static int b_false(int argc, char **argv) { (void) argc; (void) argv; return 1; }

static int b_cd(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : var_get("HOME");
    char buf[1024];
    if (dir && strcmp(dir, "-") == 0) {
        dir = var_get("OLDPWD");
        if (dir) printf("%s\n", dir);
    }
    if (!dir) {
        sh_error("cd: HOME not set");
        return 1;
    }
    if (chdir(dir) < 0) {
        sh_error("cd: can't cd to %s", dir);
        return 1;
    }
    if (var_get("PWD"))
        var_set("OLDPWD", var_get("PWD"), 0);
    if (getcwd(buf, sizeof buf))
        var_set("PWD", buf, 0);
    return 0;
}

static int b_pwd(int argc, char **argv)
{
    char buf[1024];
    (void) argc; (void) argv;
    if (!getcwd(buf, sizeof buf)) {
        sh_error("pwd: %s", strerror(errno));
        return 1;
    }
    printf("%s\n", buf);
    return 0;
}

static int b_exit(int argc, char **argv)
{
    int st = argc > 1 ? atoi(argv[1]) & 0377 : sh.status;
    sh_exit(st);
}

static int b_export(int argc, char **argv)
{
    int i, ro = strcmp(argv[0], "readonly") == 0;
    if (argc == 1 || (argc == 2 && strcmp(argv[1], "-p") == 0)) {
        var_print(1);
        return 0;
    }
    for (i = 1; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        char *name = eq ? xstrndup(argv[i], eq - argv[i]) : xstrdup(argv[i]);
        if (!var_valid_name(name, strlen(name))) {
            sh_error("%s: %s: bad variable name", argv[0], name);
            free(name);
            return 1;
        }
        if (var_set(name, eq ? eq + 1 : NULL, ro ? V_READONLY : V_EXPORT) < 0) {
            free(name);
            return 1;
        }
        free(name);
    }
    return 0;
}

static int b_unset(int argc, char **argv)
{
    int i, funcs = 0, st = 0;
    for (i = 1; i < argc && argv[i][0] == '-'; i++)
        if (strcmp(argv[i], "-f") == 0) funcs = 1;
    for (; i < argc; i++) {
        if (funcs) {
            struct funcdef **p;
            for (p = &sh.funcs; *p; p = &(*p)->next)
                if (strcmp((*p)->name, argv[i]) == 0) {
                    *p = (*p)->next;
                    break;
                }
        } else if (var_unset(argv[i]) < 0) {
            st = 1;
        }
    }
    return st;
}

static void set_args(int argc, char **argv)
{
    int i;
    char **v = xmalloc((argc + 1) * sizeof *v);
    for (i = 0; i < argc; i++)
        v[i] = xstrdup(argv[i]);
    v[argc] = NULL;
    sh.argv = v;        /* the old array is kept: a caller may still use it */
    sh.argc = argc;
}

int set_option(int c, int on)
{
    switch (c) {
    case 'e': sh.opt_e = on; break;
    case 'x': sh.opt_x = on; break;
    case 'u': sh.opt_u = on; break;
    case 'f': sh.opt_f = on; break;
    case 'n': sh.opt_n = on; break;
    case 'v': sh.opt_v = on; break;
    case 'm': sh.opt_m = on; break;
    default: return -1;
    }
    return 0;
}

static int b_set(int argc, char **argv)
{
    int i;
    if (argc == 1) {
        var_print(0);
        return 0;
    }
    for (i = 1; i < argc; i++) {
        char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            i++;
            set_args(argc - i, argv + i);
            return 0;
        }
        if ((a[0] == '-' || a[0] == '+') && a[1]) {
            int on = a[0] == '-', k;
            if (a[1] == 'o') {
                const char *o = i + 1 < argc ? argv[++i] : "";
                int c = !strcmp(o, "errexit") ? 'e' : !strcmp(o, "xtrace") ? 'x' :
                        !strcmp(o, "nounset") ? 'u' : !strcmp(o, "noglob") ? 'f' :
                        !strcmp(o, "monitor") ? 'm' : 0;
                if (!c || set_option(c, on) < 0) {
                    sh_error("set: illegal option -o %s", o);
                    return 2;
                }
                continue;
            }
            for (k = 1; a[k]; k++)
                if (set_option(a[k], on) < 0) {
                    sh_error("set: illegal option -%c", a[k]);
                    return 2;
                }
            continue;
        }
        set_args(argc - i, argv + i);
        return 0;
    }
    return 0;
}

static int b_shift(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 1;
    if (n < 0 || n > sh.argc) {
        sh_error("shift: can't shift that many");
        return 1;
    }
    sh.argv += n;
    sh.argc -= n;
    return 0;
}

static int b_read(int argc, char **argv)
{
    int raw = 0, i = 1, n = 0, cap = 128, eof = 0, k;
    char *line = xmalloc(cap), *quoted = xmalloc(cap);
    const char *ifs = var_get("IFS");
    if (!ifs) ifs = " \t\n";
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "-r") == 0) raw = 1;
        else if (strcmp(argv[i], "--") == 0) { i++; break; }
        else { sh_error("read: illegal option %s", argv[i]); return 2; }
    }
    fflush(stdout);
    for (;;) {
        char c;
        ssize_t r = read(0, &c, 1);
        if (r <= 0) {
            eof = 1;
            break;
        }
        if (c == '\n')
            break;
        if (n + 2 >= cap) {
            cap *= 2;
            line = xrealloc(line, cap);
            quoted = xrealloc(quoted, cap);
        }
        if (c == '\\' && !raw) {
            r = read(0, &c, 1);
            if (r <= 0) { eof = 1; break; }
            if (c == '\n') continue;
            quoted[n] = 1;
            line[n++] = c;
            continue;
        }
        quoted[n] = 0;
        line[n++] = c;
    }
    line[n] = 0;
    /* split into the variables; the last takes the rest (trailing IFS white space removed) */
    k = 0;
    {
        int nvars = argc - i, v;
        if (nvars == 0) {
            var_set("REPLY", line, 0);
        }
        for (v = 0; v < nvars; v++) {
            int start, end;
            while (k < n && !quoted[k] && strchr(" \t\n", line[k]) && strchr(ifs, line[k]))
                k++;
            start = k;
            if (v == nvars - 1) {
                end = n;
                while (end > start && !quoted[end - 1] && strchr(" \t\n", line[end - 1])
                       && strchr(ifs, line[end - 1]))
                    end--;
                k = n;
            } else {
                while (k < n && !(!quoted[k] && strchr(ifs, line[k])))
                    k++;
                end = k;
                if (k < n) {
                    k++;    /* the delimiter; with white space around a non-white one */
                    while (k < n && !quoted[k] && strchr(" \t\n", line[k]) && strchr(ifs, line[k]))
                        k++;
                }
            }
            {
                char *val = xstrndup(line + start, end - start);
                if (var_set(argv[i + v], val, 0) < 0) {
                    free(val);
                    free(line); free(quoted);
                    return 2;
                }
                free(val);
            }
        }
    }
    free(line);
    free(quoted);
    return eof ? 1 : 0;
}

static int b_eval(int argc, char **argv)
{
    size_t len = 0;
    int i;
    char *s;
    for (i = 1; i < argc; i++)
        len += strlen(argv[i]) + 1;
    s = xmalloc(len + 1);
    s[0] = 0;
    for (i = 1; i < argc; i++) {
        strcat(s, argv[i]);
        if (i + 1 < argc) strcat(s, " ");
    }
    i = run_string(s, NULL);
    free(s);
    return i;
}

static int b_exec(int argc, char **argv)
{
    char **env;
    if (argc < 2)
        return 0;       /* redirections stay: exec_simple skips the restore */
    env = var_environ();
    fflush(stdout);
    if (strchr(argv[1], '/')) {
        execve(argv[1], argv + 1, env);
    } else {
        const char *p = var_get("PATH");
        char full[1024];
        if (!p) p = "/bin:/usr/bin";
        while (*p) {
            const char *c = strchr(p, ':');
            size_t l = c ? (size_t) (c - p) : strlen(p);
            snprintf(full, sizeof full, "%.*s%s%s", (int) l, p, l ? "/" : "", argv[1]);
            execve(full, argv + 1, env);
            if (!c) break;
            p = c + 1;
        }
    }
    sh_error("exec: %s: not found", argv[1]);
    sh_exit(127);
}

static int b_dot(int argc, char **argv)
{
    int fd, st;
    char path[1024];
    if (argc < 2) {
        sh_error(".: filename argument required");
        return 2;
    }
    if (strchr(argv[1], '/')) {
        snprintf(path, sizeof path, "%s", argv[1]);
        fd = open(path, O_RDONLY);
    } else {
        const char *p = var_get("PATH");
        fd = -1;
        if (!p) p = "/bin:/usr/bin";
        while (*p && fd < 0) {
            const char *c = strchr(p, ':');
            size_t l = c ? (size_t) (c - p) : strlen(p);
            snprintf(path, sizeof path, "%.*s%s%s", (int) l, p, l ? "/" : "", argv[1]);
            fd = open(path, O_RDONLY);
            if (!c) break;
            p = c + 1;
        }
        if (fd < 0)
            fd = open(argv[1], O_RDONLY);
    }
    if (fd >= 0 && fd < 10) {
        int high = fcntl(fd, F_DUPFD, 10);
        if (high >= 0) {
            close(fd);
            fd = high;
        }
    }
    if (fd >= 0)
        fcntl(fd, F_SETFD, FD_CLOEXEC);
    if (fd < 0) {
        sh_error(".: %s: not found", argv[1]);
        if (!sh.interactive) sh_exit(2);
        return 2;
    }
    {
        int saved_int = sh.interactive;
        sh.interactive = 0;
        st = run_fd(fd, 0);
        sh.interactive = saved_int;
    }
    close(fd);
    return st;
}

static int b_return(int argc, char **argv)
{
    sh.status = argc > 1 ? atoi(argv[1]) & 0377 : sh.status;
    sh.returning = 1;       /* ends a function, or a dot script */
    return sh.status;
}

static int b_break(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 1;
    if (n < 1) n = 1;
    if (n > sh.loop_depth) n = sh.loop_depth;
    if (n == 0) return 0;
    if (argv[0][0] == 'b') sh.breaking = n;
    else sh.continuing = n;
    return 0;
}

static int b_umask(int argc, char **argv)
{
    mode_t m;
    if (argc < 2) {
        m = umask(0);
        umask(m);
        printf("%04o\n", (unsigned) m);
        return 0;
    }
    m = (mode_t) strtol(argv[1], NULL, 8);
    umask(m);
    return 0;
}

static int b_wait(int argc, char **argv) { return job_builtin_wait(argc, argv); }
static int b_jobs(int argc, char **argv) { return job_builtin_jobs(argc, argv); }
static int b_fg(int argc, char **argv) { return job_builtin_fg(argc, argv, argv[0][0] == 'b'); }

static int b_command_v(int argc, char **argv)
{
    /* `command -v NAME` and `command NAME ARGS` (no function lookup) */
    if (argc > 1 && strcmp(argv[1], "-v") == 0) {
        const char *p = var_get("PATH");
        char full[1024];
        struct stat st;
        if (argc < 3) return 1;
        if (find_builtin(argv[2]) >= 0) { printf("%s\n", argv[2]); return 0; }
        if (!p) p = "/bin:/usr/bin";
        while (*p) {
            const char *c = strchr(p, ':');
            size_t l = c ? (size_t) (c - p) : strlen(p);
            snprintf(full, sizeof full, "%.*s/%s", (int) l, p, argv[2]);
            if (stat(full, &st) == 0 && S_ISREG(st.st_mode)) { printf("%s\n", full); return 0; }
            if (!c) break;
            p = c + 1;
        }
        return 1;
    }
    if (argc < 2) return 0;
    {
        int idx = find_builtin(argv[1]);
        if (idx >= 0) return run_builtin(idx, argc - 1, argv + 1);
    }
    {
        pid_t pid = fork();
        if (pid == 0) {
            char **env = var_environ();
            const char *p = var_get("PATH");
            char full[1024];
            if (!p) p = "/bin:/usr/bin";
            while (*p) {
                const char *c = strchr(p, ':');
                size_t l = c ? (size_t) (c - p) : strlen(p);
                snprintf(full, sizeof full, "%.*s/%s", (int) l, p, argv[1]);
                execve(strchr(argv[1], '/') ? argv[1] : full, argv + 1, env);
                if (!c) break;
                p = c + 1;
            }
            sh_error("%s: not found", argv[1]);
            _exit(127);
        }
        return job_wait_fg(pid, &pid, 1);
    }
}

static int b_echo(int argc, char **argv) { return echo_main(argc, argv); }
static int b_test(int argc, char **argv) { return test_main(argc, argv); }
static int b_printf(int argc, char **argv) { return printf_main(argc, argv); }

static const struct { const char *name; int (*fn)(int, char **); int special; } builtins[] = {
    {":", b_colon, 1}, {"true", b_colon, 0}, {"false", b_false, 0}, {"cd", b_cd, 0},
    {"pwd", b_pwd, 0}, {"exit", b_exit, 1}, {"export", b_export, 1},
    {"readonly", b_export, 1}, {"unset", b_unset, 1}, {"set", b_set, 1},
    {"shift", b_shift, 1}, {"read", b_read, 0}, {"test", b_test, 0}, {"[", b_test, 0},
    {"echo", b_echo, 0}, {"printf", b_printf, 0}, {"eval", b_eval, 1}, {"exec", b_exec, 1},
    {".", b_dot, 1}, {"wait", b_wait, 0}, {"trap", trap_builtin, 1}, {"umask", b_umask, 0},
    {"jobs", b_jobs, 0}, {"fg", b_fg, 0}, {"bg", b_fg, 0}, {"return", b_return, 1},
    {"break", b_break, 1}, {"continue", b_break, 1}, {"command", b_command_v, 0},
};

int find_builtin(const char *name)
{
    unsigned i;
    for (i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
        if (strcmp(builtins[i].name, name) == 0)
            return (int) i;
    return -1;
}

int is_special_builtin(const char *name)
{
    int i = find_builtin(name);
    return i >= 0 && builtins[i].special;
}

int run_builtin(int idx, int argc, char **argv)
{
    return builtins[idx].fn(argc, argv);
}
