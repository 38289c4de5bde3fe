/* <errno.h>: the error number of the last failed call.
 * errno is a plain global (single-threaded guests); values are MINIX's. */
#ifndef _ERRNO_H
#define _ERRNO_H

#include <sys/errno.h>

extern int errno;

#endif
