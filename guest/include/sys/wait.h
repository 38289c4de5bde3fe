/* <sys/wait.h>: waiting for children, and decoding their status. */
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H

#include <sys/types.h>
#include <minix/gen/fcntl.h>

#define _LOW(v) ((v) & 0377)
#define _HIGH(v) (((v) >> 8) & 0377)

#define WIFEXITED(s) (_LOW(s) == 0)
#define WEXITSTATUS(s) (_HIGH(s))
#define WTERMSIG(s) (_LOW(s) & 0177)
#define WIFSIGNALED(s) (((unsigned int) (s) - 1 & 0xFFFF) < 0xFF)
#define WIFSTOPPED(s) (_LOW(s) == 0177)
#define WSTOPSIG(s) (_HIGH(s) & 0377)

pid_t wait(int *stat_loc);
pid_t waitpid(pid_t pid, int *stat_loc, int options);

#endif
