/* pipe(): VFS creates the pair (on PFS) and replies with both descriptors in
 * m1_i1 and m1_i2, as MINIX 3.1.8's _pipe.c reads them. On a system without
 * pipes yet, VFS answers ENOSYS. */
#include <unistd.h>
#include <minix/callnr.h>
#include <minix/com.h>
#include <minix/ipc.h>

int pipe(int fd[2])
{
    message m;
    if (_syscall(VFS_PROC_NR, PIPE, &m) < 0)
        return -1;
    fd[0] = m.m1_i1;
    fd[1] = m.m1_i2;
    return 0;
}
