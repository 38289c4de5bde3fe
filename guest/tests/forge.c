/* Forged messages: a user process pretends to be VFS or PM. Each probe must be
 * refused with ECALLDENIED and change nothing; the program then shows that
 * the victim's memory, descriptors and identity are as they were.
 *   forge tty_write   a child sends DEV_WRITE to TTY naming its parent's secret
 *   forge tty_peek    a parent sends TCGETS/DEV_READ/DEV_WRITE to TTY naming its child
 *   forge pm_fork     PM_FORK to VFS (once killed the emulator with a KeyError)
 *   forge pm_setuid   PM_SETUID to VFS after setuid(1000): VFS must keep uid 1000
 *   forge pm_exit     a child sends PM_EXIT naming its parent to VFS
 *   forge revive      DEV_REVIVE to VFS naming a process that is not waiting
 *   forge jobctl      PM_JOBCTL to PM (only the TTY may ask), naming itself
 *   forge masks       every IPC call to drivers, servers and kernel tasks */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <minix/callnr.h>
#include <minix/com.h>
#include <minix/gen/ioctl.h>
#include <minix/ipc.h>

static char secret[] = "SECRET-OF-THE-PARENT";

static const char *name(int r)
{
    return r == -ECALLDENIED ? "ECALLDENIED" : r == 0 ? "OK" : "?";
}

static int wait_child(pid_t pid)
{
    int status;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return 1;
    return WEXITSTATUS(status);
}

static int dev_request(int type, endpoint_t victim, void *addr, int count)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m_type = type;
    m.DEVICE = 0;
    m.IO_ENDPT = victim;
    m.COUNT = count;
    m.POSITION = type == DEV_IOCTL ? victim : 0;
    m.ADDRESS = addr;
    return _sendrec(TTY_PROC_NR, &m);
}

static int tty_write(void)
{
    endpoint_t parent = getepinfo(getpid(), 0, 0);
    pid_t pid = fork();
    if (pid == 0) {
        int r = dev_request(DEV_WRITE, parent, secret, (int) strlen(secret));
        printf("child: DEV_WRITE to tty naming the parent = %d (%s)\n", r, name(r));
        _exit(r == -ECALLDENIED ? 0 : 1);
    }
    return wait_child(pid);
}

static int tty_peek(void)
{
    static char child_secret[64] = "child-secret-intact";
    pid_t pid = fork();
    if (pid == 0) {
        /* Wait long enough for the parent's probes, then check our memory. */
        for (volatile int i = 0; i < 2000000; i++)
            ;
        int ok = strcmp(child_secret, "child-secret-intact") == 0;
        printf("child: memory %s\n", ok ? "unchanged" : "CHANGED");
        _exit(ok ? 0 : 1);
    }
    endpoint_t child = getepinfo(pid, 0, 0);
    int bad = 0;
    int r = dev_request(DEV_IOCTL, child, child_secret, (int) TCGETS);
    printf("parent: TCGETS naming the child = %s\n", name(r));
    bad |= r != -ECALLDENIED;
    r = dev_request(DEV_READ, child, child_secret, 8);
    printf("parent: DEV_READ naming the child = %s\n", name(r));
    bad |= r != -ECALLDENIED;
    r = dev_request(DEV_WRITE, child, child_secret, 19);
    printf("parent: DEV_WRITE naming the child = %s\n", name(r));
    bad |= r != -ECALLDENIED;
    return wait_child(pid) | bad;
}

static int to_vfs(int type, int i1, int i2, int i3)
{
    message m;
    memset(&m, 0, sizeof m);
    m.m_type = type;
    m.m1_i1 = i1;
    m.m1_i2 = i2;
    m.m1_i3 = i3;
    int r = _sendrec(VFS_PROC_NR, &m);
    return r != 0 ? r : m.m_type;    /* a server's refusal is its reply */
}

static int pm_fork(void)
{
    endpoint_t self = getepinfo(getpid(), 0, 0);
    int r1 = to_vfs(PM_FORK, 12345, 999, 77);          /* endpoints VFS never heard of */
    int r2 = to_vfs(PM_FORK, self + 1, self, 4242);    /* a would-be child of ours */
    printf("PM_FORK to vfs = %s, %s\n", name(r1), name(r2));
    printf("write after the forgery works\n");
    return r1 != -ECALLDENIED || r2 != -ECALLDENIED;
}

static int pm_setuid(void)
{
    if (setuid(1000) != 0) {
        printf("setuid(1000) failed\n");
        return 1;
    }
    endpoint_t self = getepinfo(getpid(), 0, 0);
    int r = to_vfs(PM_SETUID, self, 0, 0);
    printf("PM_SETUID(uid 0) to vfs = %s\n", name(r));
    printf("uid %d euid %d\n", (int) getuid(), (int) geteuid());
    return r != -ECALLDENIED;
}

static int pm_exit(void)
{
    endpoint_t parent = getepinfo(getpid(), 0, 0);
    pid_t pid = fork();
    if (pid == 0) {
        int r = to_vfs(PM_EXIT, parent, 0, 0);
        printf("child: PM_EXIT naming the parent = %s\n", name(r));
        _exit(r == -ECALLDENIED ? 0 : 1);
    }
    int status = wait_child(pid);
    int n = printf("parent: my descriptors still work\n");
    return status || n <= 0;
}

static int revive(void)
{
    endpoint_t self = getepinfo(getpid(), 0, 0);
    message m;
    memset(&m, 0, sizeof m);
    m.m_type = DEV_REVIVE;
    m.REP_ENDPT = self;
    m.REP_STATUS = 1234;
    int r = _sendrec(VFS_PROC_NR, &m);
    if (r == 0)
        r = m.m_type;
    printf("DEV_REVIVE to vfs = %s\n", name(r));
    return r != -ECALLDENIED;
}

static int masks(void)
{
    static const struct { endpoint_t ep; const char *name; } targets[] = {
        {TTY_PROC_NR, "tty"}, {MFS_PROC_NR, "mfs"}, {PFS_PROC_NR, "pfs"}, {10, "disk"},
        {MEM_PROC_NR, "mem"}, {RS_PROC_NR, "rs"}, {SYSTEM, "system"}, {CLOCK, "clock"},
        {KERNEL, "kernel"},
    };
    message m;
    int bad = 0;
    for (unsigned i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        memset(&m, 0, sizeof m);
        m.m_type = DEV_WRITE;
        int r[4] = {_sendrec(targets[i].ep, &m), _send(targets[i].ep, &m),
                    _sendnb(targets[i].ep, &m), _notify(targets[i].ep)};
        int all = 1;
        for (int k = 0; k < 4; k++)
            all &= r[k] == -ECALLDENIED;
        printf("%s: sendrec %d send %d sendnb %d notify %d%s\n", targets[i].name, r[0], r[1],
               r[2], r[3], all ? "" : " (WRONG)");
        bad |= !all;
    }
    /* PM and VFS take system calls; a notification to them is refused by their tables. */
    int r = _notify(PM_PROC_NR);
    printf("notify pm: %d, getpid still %d\n", r, (int) getpid());
    /* A system call by _syscall sees a server's refusal as errno. */
    memset(&m, 0, sizeof m);
    m.m1_i1 = 12345;
    r = _syscall(VFS_PROC_NR, PM_EXIT, &m);
    printf("_syscall(vfs, PM_EXIT) = %d errno %s\n", r, errno == ECALLDENIED ? "ECALLDENIED" : "?");
    bad |= r != -1 || errno != ECALLDENIED;
    return bad;
}

static int jobctl(void)
{
    message m;
    int r;
    memset(&m, 0, sizeof m);
    m.m_type = PM_JOBCTL;
    m.m1_i1 = 0;
    m.m1_i2 = 22;
    r = _sendrec(PM_PROC_NR, &m);
    if (r == 0)
        r = m.m_type;
    printf("PM_JOBCTL to pm = %s\n", name(r));
    return r != -ECALLDENIED;
}

int main(int argc, char **argv)
{
    static const struct { const char *name; int (*fn)(void); } probes[] = {
        {"tty_write", tty_write}, {"tty_peek", tty_peek}, {"pm_fork", pm_fork},
        {"pm_setuid", pm_setuid}, {"pm_exit", pm_exit}, {"revive", revive}, {"masks", masks},
        {"jobctl", jobctl},
    };
    for (unsigned i = 0; argc == 2 && i < sizeof probes / sizeof probes[0]; i++)
        if (!strcmp(argv[1], probes[i].name))
            return probes[i].fn();
    fprintf(stderr, "usage: forge tty_write|tty_peek|pm_fork|pm_setuid|pm_exit|revive|masks|jobctl\n");
    return 2;
}
