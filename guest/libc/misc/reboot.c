/* reboot(how): ask PM to stop the system (root only); RBT_HALT powers off
 * after the file systems are written back, with exit status 0. */
#include <sys/reboot.h>
#include <minix/callnr.h>
#include <minix/com.h>
#include <minix/ipc.h>

int reboot(int how)
{
    message m;
    m.m1_i1 = how;
    return _syscall(PM_PROC_NR, REBOOT, &m);
}
