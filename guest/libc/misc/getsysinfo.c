/* getsysinfo(PM_PROC_NR, SI_PROC_TAB, buf, size): PM's process table as
 * psinfo records (<minix/gen/psinfo.h>); returns how many it wrote. */
#include <minix/sysinfo.h>
#include <minix/callnr.h>
#include <minix/com.h>
#include <minix/ipc.h>

int getsysinfo(endpoint_t who, int what, void *where, size_t size)
{
    message m;
    m.m1_i1 = what;
    m.m1_p1 = where;
    m.m1_i2 = (int) size;
    return _syscall(who, GETSYSINFO, &m);
}
