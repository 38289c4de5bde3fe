/* getnucred(): a process's pid and effective ids by endpoint, from PM
 * (PM_GETNUCRED; privileged callers only). Kept apart from socket.c because
 * <minix/ipc.h> names its IPC primitives send/receive. */
#include <errno.h>
#include <string.h>
#include <sys/ucred.h>
#include <minix/callnr.h>
#include <minix/com.h>
#include <minix/ipc.h>

int getnucred(endpoint_t proc_ep, struct ucred *ucred)
{
    message m;
    if (ucred == NULL) {
        errno = EFAULT;
        return -1;
    }
    memset(&m, 0, sizeof(m));
    m.PM_NUCRED_ENDPT = proc_ep;
    int pid = _syscall(PM_PROC_NR, PM_GETNUCRED, &m);
    if (pid < 0)
        return -1;
    ucred->pid = pid;
    ucred->uid = m.PM_NUCRED_UID;
    ucred->gid = m.PM_NUCRED_GID;
    return 0;
}
