/* Force-included (-include) into host builds of the guest libc for tests:
 * the guest headers assume i386, where ssize_t is int; on the x86_64 host
 * size_t comes from clang's <stddef.h> (which sets _SIZE_T) and ssize_t is long. */
#include <stddef.h>
#define _SSIZE_T
typedef long ssize_t;
