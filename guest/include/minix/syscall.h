/* A system call with its trap in place: SENDREC to a server, a negative
 * reply an errno. Every store a guest makes takes Unicorn 2.1.4's slow
 * store path (~300 host instructions), so the call frames of _syscall and
 * _sendrec cost a dozen stores a call (bench/: UDS ping-pong); libc's
 * _syscall and the generated wrappers use this instead.
 * The kernel writes EAX and, for a reply delivered later, EBX; ECX is
 * declared too. A call restarted under SA_RESTART re-runs the same `int`. */
#ifndef _MINIX_SYSCALL_H
#define _MINIX_SYSCALL_H

#include <errno.h>
#include <minix/ipc.h>
#include <minix/ipcconst.h>

static inline int _syscall_inline(endpoint_t who, int syscallnr, message *m)
{
    int status = who, call = SENDREC;
    message *mp = m;

    m->m_type = syscallnr;
    __asm__ volatile ("int %[vector]"
                      : "+a" (status), "+b" (mp), "+c" (call)
                      : [vector] "i" (IPC_VECTOR)
                      : "memory", "cc");
    if (status != 0)
        m->m_type = status;         /* the IPC itself failed */
    if (m->m_type < 0) {
        errno = -m->m_type;
        return -1;
    }
    return m->m_type;
}

#endif
