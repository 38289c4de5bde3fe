/* Splitting strings into tokens: strtok (one hidden cursor), strtok_r
 * (caller keeps the cursor) and BSD strsep (keeps empty fields). */
#include <string.h>

char *strtok_r(char *s, const char *delim, char **save)
{
    char *tok;

    if (s == NULL)
        s = *save;
    if (s == NULL)
        return NULL;
    s += strspn(s, delim);
    if (*s == '\0') {
        *save = NULL;
        return NULL;
    }
    tok = s;
    s += strcspn(s, delim);
    if (*s) {
        *s = '\0';
        *save = s + 1;
    } else {
        *save = NULL;
    }
    return tok;
}

char *strtok(char *s, const char *delim)
{
    static char *save;

    return strtok_r(s, delim, &save);
}

char *strsep(char **sp, const char *delim)
{
    char *tok = *sp, *end;

    if (tok == NULL)
        return NULL;
    end = tok + strcspn(tok, delim);
    if (*end) {
        *end = '\0';
        *sp = end + 1;
    } else {
        *sp = NULL;
    }
    return tok;
}
