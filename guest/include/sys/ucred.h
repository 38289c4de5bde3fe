/* <sys/ucred.h>: a process's credentials as sockets report them
 * (SO_PEERCRED, SCM_CREDENTIALS, getnucred). */
#ifndef _SYS_UCRED_H
#define _SYS_UCRED_H

#include <sys/types.h>

struct ucred {
    pid_t pid;
    uid_t uid;
    gid_t gid;
};

int getnucred(endpoint_t proc_ep, struct ucred *ucred);

#endif
