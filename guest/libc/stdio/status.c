/* Stream status and errors: feof, ferror, clearerr, fileno, perror.
 * The indicators are __SEOF and __SERR in the FILE's flags. */
#include "stdio_impl.h"
#include <string.h>
#include <errno.h>

int feof(FILE *f) { return (f->_flags & __SEOF) != 0; }
int ferror(FILE *f) { return (f->_flags & __SERR) != 0; }
void clearerr(FILE *f) { f->_flags &= ~(__SEOF | __SERR); }
int fileno(FILE *f) { return f->_fd; }

void perror(const char *s)
{
    const char *msg = strerror(errno);

    if (s != NULL && *s != '\0')
        fprintf(stderr, "%s: %s\n", s, msg);
    else
        fprintf(stderr, "%s\n", msg);
}
