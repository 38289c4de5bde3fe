/* <limits.h>: the compiler's numeric limits plus MINIX/POSIX system limits.
 * CHAR_BIT, INT_MAX and friends come from clang's own <limits.h>. */
#ifndef _LIMITS_H
#define _LIMITS_H

#include_next <limits.h>
#include <minix/gen/limits.h>

#define SSIZE_MAX INT_MAX          /* ssize_t is int on MINIX/i386 */
#define STREAM_MAX 20              /* same as FOPEN_MAX */
#define CHILD_MAX 25
#define LINK_MAX 127
#define MAX_CANON 255
#define MAX_INPUT 255
#define TZNAME_MAX 3
#define LINE_MAX 2048
#define ATEXIT_MAX 64
#define IOV_MAX 16
#ifndef PAGE_SIZE
#define PAGE_SIZE 4096
#endif
#define PAGESIZE PAGE_SIZE

/* POSIX minimum values, as fixed by the standard. */
#define _POSIX_ARG_MAX 4096
#define _POSIX_CHILD_MAX 6
#define _POSIX_LINK_MAX 8
#define _POSIX_MAX_CANON 255
#define _POSIX_MAX_INPUT 255
#define _POSIX_NAME_MAX 14
#define _POSIX_NGROUPS_MAX 0
#define _POSIX_OPEN_MAX 16
#define _POSIX_PATH_MAX 255
#define _POSIX_PIPE_BUF 512
#define _POSIX_SSIZE_MAX 32767
#define _POSIX_STREAM_MAX 8
#define _POSIX_TZNAME_MAX 3

#endif
