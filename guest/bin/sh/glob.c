/* sh: glob patterns: matching (*, ?, [...] with ranges and !, backslash
 * escapes) for case and ${x#pat}, and pathname expansion over readdir,
 * component by component, sorted as POSIX asks. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "sh.h"

/* Match a bracket expression at p (after '['); returns the pattern position
 * after ']' and sets *ok, or NULL if the bracket is not closed. */
static const char *bracket(const char *p, int c, int *ok)
{
    int neg = 0, match = 0, first = 1;
    if (*p == '!' || *p == '^') {
        neg = 1;
        p++;
    }
    while (*p && (first || *p != ']')) {
        int lo = (unsigned char) *p, hi;
        first = 0;
        if (lo == '\\' && p[1])
            lo = (unsigned char) *++p;
        p++;
        hi = lo;
        if (*p == '-' && p[1] && p[1] != ']') {
            p++;
            hi = (unsigned char) *p;
            if (hi == '\\' && p[1])
                hi = (unsigned char) *++p;
            p++;
        }
        if (c >= lo && c <= hi)
            match = 1;
    }
    if (*p != ']')
        return NULL;
    *ok = match != neg;
    return p + 1;
}

/* pathname: '/' and a leading '.' are only matched explicitly. */
int glob_match(const char *p, const char *s, int pathname)
{
    const char *star_p = NULL, *star_s = NULL;
    const char *s0 = s;
    for (;;) {
        if (*p == '*') {
            while (*p == '*')
                p++;
            if (pathname && s == s0 && *s == '.')
                return 0;
            star_p = p;
            star_s = s;
            continue;
        }
        if (!*s) {
            return !*p;
        }
        if (*p == '?') {
            if (pathname && s == s0 && *s == '.')
                return 0;
            p++, s++;
            continue;
        }
        if (*p == '[') {
            int ok;
            const char *q = bracket(p + 1, (unsigned char) *s, &ok);
            if (q && !(pathname && s == s0 && *s == '.')) {
                if (ok) {
                    p = q, s++;
                    continue;
                }
                goto backtrack;
            }
            if (!q && *s == '[') {
                p++, s++;
                continue;
            }
            goto backtrack;
        }
        if (*p == '\\' && p[1])
            p++;
        if (*p && *p == *s) {
            p++, s++;
            continue;
        }
    backtrack:
        if (!star_p)
            return 0;
        p = star_p;
        s = ++star_s;
    }
}

static int has_meta(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n) i++;
        else if (s[i] == '*' || s[i] == '?' || s[i] == '[') return 1;
    }
    return 0;
}

static char *unescape(const char *s, size_t n)
{
    char *r = xmalloc(n + 1), *o = r;
    size_t i;
    for (i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n) i++;
        *o++ = s[i];
    }
    *o = 0;
    return r;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Expand pattern components from `rest` under directory `base` (with its
 * trailing '/', or "" for the current directory). */
static void walk(const char *base, const char *rest, struct strlist *out)
{
    const char *slash = strchr(rest, '/');
    size_t n = slash ? (size_t) (slash - rest) : strlen(rest);
    char *comp;
    if (!has_meta(rest, n)) {
        char *lit = unescape(rest, n);
        char *path = xmalloc(strlen(base) + strlen(lit) + 2);
        struct stat st;
        strcpy(path, base);
        strcat(path, lit);
        free(lit);
        if (!slash) {
            if (lstat(path, &st) == 0)
                sl_add(out, path);
            else
                free(path);
            return;
        }
        strcat(path, "/");
        walk(path, slash + 1, out);
        free(path);
        return;
    }
    comp = xstrndup(rest, n);
    {
        DIR *d = opendir(*base ? base : ".");
        struct dirent *e;
        struct strlist names = {0};
        int i;
        if (!d) {
            free(comp);
            return;
        }
        while ((e = readdir(d)) != NULL)
            if (glob_match(comp, e->d_name, 1))
                sl_add(&names, xstrdup(e->d_name));
        closedir(d);
        if (names.n)
            qsort(names.v, names.n, sizeof *names.v, cmp);
        for (i = 0; i < names.n; i++) {
            char *path = xmalloc(strlen(base) + strlen(names.v[i]) + 2);
            strcpy(path, base);
            strcat(path, names.v[i]);
            if (!slash) {
                sl_add(out, path);
                continue;
            }
            {
                struct stat st;
                if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
                    strcat(path, "/");
                    walk(path, slash + 1, out);
                }
            }
            free(path);
        }
        sl_free(&names);
    }
    free(comp);
}

int glob_expand(const char *pat, struct strlist *out)
{
    int before = out->n;
    if (*pat == '/') {
        char *p = xstrdup("/");
        while (*pat == '/')
            pat++;
        walk(p, pat, out);
        free(p);
    } else {
        walk("", pat, out);
    }
    return out->n - before;
}
