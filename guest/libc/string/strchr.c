/* Searching strings: strchr, strrchr, strstr, strspn, strcspn, strpbrk.
 * strchr/strrchr can find the terminating NUL itself, as C requires. */
#include <string.h>

char *strchr(const char *s, int c)
{
    char ch = (char) c;

    for (;; s++) {
        if (*s == ch)
            return (char *) s;
        if (*s == '\0')
            return NULL;
    }
}

char *strrchr(const char *s, int c)
{
    char ch = (char) c;
    const char *last = NULL;

    for (;; s++) {
        if (*s == ch)
            last = s;
        if (*s == '\0')
            return (char *) last;
    }
}

char *strstr(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);

    if (n == 0)
        return (char *) haystack;
    for (; (haystack = strchr(haystack, needle[0])) != NULL; haystack++)
        if (strncmp(haystack, needle, n) == 0)
            return (char *) haystack;
    return NULL;
}

size_t strspn(const char *s, const char *accept)
{
    size_t n = 0;

    while (s[n] && strchr(accept, s[n]))
        n++;
    return n;
}

size_t strcspn(const char *s, const char *reject)
{
    size_t n = 0;

    while (s[n] && !strchr(reject, s[n]))
        n++;
    return n;
}

char *strpbrk(const char *s, const char *accept)
{
    s += strcspn(s, accept);
    return *s ? (char *) s : NULL;
}
