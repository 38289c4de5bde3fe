/* brk and sbrk: the program break, kept in step with PM. */
#include <errno.h>
#include <stdint.h>
#include <unistd.h>
#include <minix/callnr.h>
#include <minix/com.h>
#include <minix/ipc.h>

extern char _end[];       /* the linker's end of bss: where the heap starts */
static char *current_brk;

int brk(void *addr)
{
    message m;
    m.m1_p1 = addr;
    if (_syscall(PM_PROC_NR, BRK, &m) < 0)
        return -1;
    current_brk = m.m2_p1;
    return 0;
}

void *sbrk(intptr_t incr)
{
    if (current_brk == 0)
        current_brk = _end;
    char *old = current_brk;
    if (incr == 0)
        return old;
    if ((incr > 0 && (uintptr_t) old + (uintptr_t) incr < (uintptr_t) old)
            || (incr < 0 && (uintptr_t) -incr > (uintptr_t) old)) {
        errno = ENOMEM;
        return (void *) -1;
    }
    if (brk(old + incr) < 0)
        return (void *) -1;
    return old;
}
