/* __assert_fail: what a failed assert() calls. It reports the expression
 * and where it sits on stderr, then aborts. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

void __assert_fail(const char *expr, const char *file, int line, const char *func)
{
    fprintf(stderr, "Assertion failed: %s, function %s, file %s, line %d.\n",
            expr, func, file, line);
    abort();
}
