/* <sys/wait.h>: waiting for children, and decoding their status.
 * exit code << 8 | 0; signal | 0x80 with a core; sig << 8 | 0x7F stopped;
 * 0xFFFF continued (emu/abi/signals.py). */
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H

#include <sys/types.h>
#include <minix/gen/fcntl.h>

#define _LOW(v) ((v) & 0377)
#define _HIGH(v) (((v) >> 8) & 0377)

#define WCOREFLAG 0200
#define WIFEXITED(s) (_LOW(s) == 0)
#define WEXITSTATUS(s) (_HIGH(s))
#define WTERMSIG(s) (_LOW(s) & 0177)
#define WIFSIGNALED(s) (_LOW(s) != 0 && (_LOW(s) & 0177) != 0177)
#define WCOREDUMP(s) (WIFSIGNALED(s) && ((s) & WCOREFLAG))
#define WIFSTOPPED(s) (_LOW(s) == 0177 && _HIGH(s) != 0377)
#define WSTOPSIG(s) (_HIGH(s))
#define WIFCONTINUED(s) (((s) & 0xFFFF) == 0xFFFF)

struct rusage;
pid_t wait(int *stat_loc);
pid_t waitpid(pid_t pid, int *stat_loc, int options);
pid_t wait3(int *stat_loc, int options, struct rusage *rusage);

#endif
