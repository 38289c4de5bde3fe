/* The storage for errno: a plain global, since guest processes have a
 * single thread. Declared in <errno.h>; set by system calls and the library. */
#include <errno.h>

int errno;
