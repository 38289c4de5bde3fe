/* _syscall: a system call is a SENDREC to a server; a negative reply is an errno. */
#include <errno.h>
#include <minix/ipc.h>

char **environ;

int _syscall(endpoint_t who, int syscallnr, message *msgptr)
{
    msgptr->m_type = syscallnr;
    int status = _sendrec(who, msgptr);
    if (status != 0)
        msgptr->m_type = status;    /* the IPC itself failed */
    if (msgptr->m_type < 0) {
        errno = -msgptr->m_type;
        return -1;
    }
    return msgptr->m_type;
}
