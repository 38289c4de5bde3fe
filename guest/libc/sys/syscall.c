/* _syscall: a system call is a SENDREC to a server; a negative reply is an errno. */
#include <minix/syscall.h>

char **environ;

int _syscall(endpoint_t who, int syscallnr, message *msgptr)
{
    return _syscall_inline(who, syscallnr, msgptr);
}
