/* ps: the processes PM knows (getsysinfo SI_PROC_TAB): pid, parent, group,
 * user, state (R running or in a call, W in wait, P paused, Z zombie) and
 * command name. */
#include <stdio.h>
#include <minix/com.h>
#include <minix/sysinfo.h>
#include "lib/tools.h"

#define MAXPROCS 256

int main(void)
{
    static struct psinfo procs[MAXPROCS];
    char ub[16];
    int n = getsysinfo(PM_PROC_NR, SI_PROC_TAB, procs, sizeof procs), i;
    if (n < 0) {
        perror("ps: getsysinfo");
        return 1;
    }
    printf("  PID  PPID  PGRP USER     S CMD\n");
    for (i = 0; i < n; i++)
        printf("%5d %5d %5d %-8s %c %s\n", procs[i].pid, procs[i].ppid, procs[i].pgrp,
               user_name((uid_t) procs[i].euid, ub, sizeof ub), procs[i].state, procs[i].name);
    return 0;
}
