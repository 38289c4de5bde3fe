/* sh: shell variables (name, value, export and readonly flags) and the
 * environment handed to the commands the shell runs. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct var { char *name, *value; int flags; };
struct vartab { struct var *v; int n, cap; };
static struct vartab vars;

int var_valid_name(const char *s, int len)
{
    int i;
    if (len <= 0 || !(isalpha((unsigned char) s[0]) || s[0] == '_'))
        return 0;
    for (i = 1; i < len; i++)
        if (!(isalnum((unsigned char) s[i]) || s[i] == '_'))
            return 0;
    return 1;
}

static struct var *find(const char *name)
{
    int i;
    for (i = 0; i < vars.n; i++)
        if (strcmp(vars.v[i].name, name) == 0)
            return &vars.v[i];
    return NULL;
}

char *var_get(const char *name)
{
    struct var *v = find(name);
    return v ? v->value : NULL;
}

int var_set(const char *name, const char *value, int flags)
{
    struct var *v = find(name);
    if (v && (v->flags & V_READONLY)) {
        sh_error("%s: is read only", name);
        return -1;
    }
    if (!v) {
        if (vars.n == vars.cap) {
            vars.cap = vars.cap ? vars.cap * 2 : 32;
            vars.v = xrealloc(vars.v, vars.cap * sizeof *vars.v);
        }
        v = &vars.v[vars.n++];
        v->name = xstrdup(name);
        v->value = NULL;
        v->flags = 0;
    }
    if (value) {
        free(v->value);
        v->value = xstrdup(value);
    }
    v->flags |= flags;
    return 0;
}

int var_unset(const char *name)
{
    struct var *v = find(name);
    if (!v)
        return 0;
    if (v->flags & V_READONLY) {
        sh_error("%s: is read only", name);
        return -1;
    }
    free(v->name);
    free(v->value);
    *v = vars.v[--vars.n];
    return 0;
}

void var_export(const char *name)
{
    var_set(name, NULL, V_EXPORT);
}

void var_import(char **envp)
{
    for (; envp && *envp; envp++) {
        char *eq = strchr(*envp, '=');
        char *name;
        if (!eq || !var_valid_name(*envp, eq - *envp))
            continue;
        name = xstrndup(*envp, eq - *envp);
        var_set(name, eq + 1, V_EXPORT);
        free(name);
    }
}

/* A fresh NULL-ended array "NAME=value" of the exported variables. */
char **var_environ(void)
{
    char **env = xmalloc((vars.n + 1) * sizeof *env);
    int i, k = 0;
    for (i = 0; i < vars.n; i++) {
        struct var *v = &vars.v[i];
        if ((v->flags & V_EXPORT) && v->value) {
            size_t a = strlen(v->name), b = strlen(v->value);
            char *s = xmalloc(a + b + 2);
            memcpy(s, v->name, a);
            s[a] = '=';
            memcpy(s + a + 1, v->value, b + 1);
            env[k++] = s;
        }
    }
    env[k] = NULL;
    return env;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct var *) a)->name, ((const struct var *) b)->name);
}

static void print_quoted(const char *s)
{
    putchar('\'');
    for (; *s; s++) {
        if (*s == '\'')
            fputs("'\\''", stdout);
        else
            putchar(*s);
    }
    putchar('\'');
}

void var_print(int exported_only)
{
    int i;
    qsort(vars.v, vars.n, sizeof *vars.v, by_name);
    for (i = 0; i < vars.n; i++) {
        struct var *v = &vars.v[i];
        if (exported_only && !(v->flags & V_EXPORT))
            continue;
        if (exported_only)
            fputs("export ", stdout);
        fputs(v->name, stdout);
        if (v->value) {
            putchar('=');
            print_quoted(v->value);
        }
        putchar('\n');
    }
    fflush(stdout);
}
