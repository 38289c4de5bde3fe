/* getenv, setenv, unsetenv, putenv: the environment in `environ`.
 * The first change copies the array into malloc'd memory we then own;
 * strings made by setenv are never freed (someone may still hold them). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>

static char **owned;            /* environ once we allocated it ourselves */

/* Index of name (len bytes, no '=') in environ, or -1; *count gets the size. */
static int find(const char *name, size_t len, int *count)
{
    int i, at = -1;

    for (i = 0; environ && environ[i]; i++)
        if (at < 0 && strncmp(environ[i], name, len) == 0 && environ[i][len] == '=')
            at = i;
    *count = i;
    return at;
}

static int valid(const char *name)
{
    return name != NULL && *name != '\0' && strchr(name, '=') == NULL;
}

char *getenv(const char *name)
{
    int n, i = find(name, strlen(name), &n);

    return i < 0 ? NULL : environ[i] + strlen(name) + 1;
}

/* Put s at the slot for a name of len bytes, growing environ if needed. */
static int install(char *s, size_t len)
{
    int n, i = find(s, len, &n);
    char **env;

    if (i >= 0) {
        environ[i] = s;
        return 0;
    }
    if (environ == owned) {
        env = realloc(owned, (size_t) (n + 2) * sizeof(char *));
    } else if ((env = malloc((size_t) (n + 2) * sizeof(char *))) != NULL && n > 0) {
        memcpy(env, environ, (size_t) n * sizeof(char *));
    }
    if (env == NULL)
        return -1;
    env[n] = s;
    env[n + 1] = NULL;
    environ = owned = env;
    return 0;
}

int setenv(const char *name, const char *value, int overwrite)
{
    size_t len, vlen;
    char *s;
    int n;

    if (!valid(name)) {
        errno = EINVAL;
        return -1;
    }
    len = strlen(name);
    if (!overwrite && find(name, len, &n) >= 0)
        return 0;
    vlen = strlen(value);
    if ((s = malloc(len + vlen + 2)) == NULL)
        return -1;
    memcpy(s, name, len);
    s[len] = '=';
    memcpy(s + len + 1, value, vlen + 1);
    if (install(s, len) < 0) {
        free(s);
        return -1;
    }
    return 0;
}

int putenv(char *string)
{
    char *eq = strchr(string, '=');

    if (eq == NULL || eq == string) {
        errno = EINVAL;
        return -1;
    }
    return install(string, (size_t) (eq - string));
}

int unsetenv(const char *name)
{
    size_t len;
    int i, j, n;

    if (!valid(name)) {
        errno = EINVAL;
        return -1;
    }
    len = strlen(name);
    while ((i = find(name, len, &n)) >= 0)
        for (j = i; j < n; j++)
            environ[j] = environ[j + 1];
    return 0;
}
