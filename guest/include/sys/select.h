/* <sys/select.h>: select() and the fd_set macros (MINIX 3.1.8). FD_SETSIZE
 * (255) and the set's size in 32-bit words come from emu/abi/select.py. */
#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H

#include <sys/types.h>
#include <sys/time.h>
#include <minix/gen/select.h>

typedef unsigned int fd_mask;

typedef struct {
    fd_mask fds_bits[_FD_SET_WORDS];
} fd_set;

#define FD_ZERO(s) do { int _i; for (_i = 0; _i < _FD_SET_WORDS; _i++) \
                            (s)->fds_bits[_i] = 0; } while (0)
#define FD_SET(fd, s)   ((s)->fds_bits[(fd) / NFDBITS] |= (1u << ((fd) % NFDBITS)))
#define FD_CLR(fd, s)   ((s)->fds_bits[(fd) / NFDBITS] &= ~(1u << ((fd) % NFDBITS)))
#define FD_ISSET(fd, s) (((s)->fds_bits[(fd) / NFDBITS] >> ((fd) % NFDBITS)) & 1u)

int select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *errorfds,
           struct timeval *timeout);

#endif
