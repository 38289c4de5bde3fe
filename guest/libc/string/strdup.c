/* strdup and strndup: copy a string into fresh malloc'd memory.
 * Both return NULL (errno ENOMEM, set by malloc) when memory runs out. */
#include <string.h>
#include <stdlib.h>

char *strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);

    if (p != NULL)
        memcpy(p, s, n);
    return p;
}

char *strndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *p = malloc(len + 1);

    if (p != NULL) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}
