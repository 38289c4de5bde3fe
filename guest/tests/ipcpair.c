/* Two guest processes talking MINIX IPC directly: a child acts as a server
 * (RECEIVE, then SEND the reply), the parent as its client (SENDREC).
 *   ipcpair N      N round trips, each checked
 *   ipcpair notify the parent notifies the child, which sees a notification
 *   ipcpair cycle  both SENDREC each other: the second gets ELOCKED
 *   ipcpair errors the kernel's answers to bad IPC */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <minix/com.h>
#include <minix/ipc.h>

#define PING 0x7001
#define DONE 0x7002

static int server(endpoint_t client)
{
    message m;
    int served = 0;
    for (;;) {
        int r = _receive(ANY, &m, 0);
        if (r != 0) {
            printf("server: receive failed %d\n", r);
            return 1;
        }
        if (m.m_source != client) {
            printf("server: message from %d, expected %d\n", m.m_source, client);
            return 1;
        }
        if (m.m_type == DONE)
            break;
        m.m_type = 0;
        m.m1_i2 = m.m1_i1 * 2 + 1;
        if (_send(client, &m) != 0) {
            printf("server: send failed\n");
            return 1;
        }
        served++;
    }
    printf("server: served %d requests\n", served);
    return 0;
}

static int ping(endpoint_t srv, int rounds)
{
    message m;
    for (int i = 0; i < rounds; i++) {
        memset(&m, 0, sizeof m);
        m.m_type = PING;
        m.m1_i1 = i;
        int r = _sendrec(srv, &m);
        if (r != 0 || m.m_source != srv || m.m1_i2 != 2 * i + 1) {
            printf("client: round %d failed (r=%d source=%d value=%d)\n", i, r, m.m_source, m.m1_i2);
            return 1;
        }
    }
    m.m_type = DONE;
    _send(srv, &m);
    printf("client: %d round trips ok\n", rounds);
    return 0;
}

static int wait_child(pid_t pid)
{
    int status;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
        printf("child did not exit cleanly\n");
        return 1;
    }
    return WEXITSTATUS(status);
}

static int notify_test(void)
{
    endpoint_t parent = getepinfo(getpid(), 0, 0);
    pid_t pid = fork();
    if (pid == 0) {
        message m;
        int status = 0;
        int r = _receive(ANY, &m, &status);
        int ok = r == 0 && m.m_type == NOTIFY_MESSAGE && m.m_source == parent
                 && IPC_STATUS_CALL(status) == NOTIFY;
        printf("child: notification %s (type %#x from %d)\n", ok ? "received" : "WRONG",
               m.m_type, m.m_source);
        _exit(ok ? 0 : 1);
    }
    endpoint_t child = getepinfo(pid, 0, 0);
    if (_notify(child) != 0) {
        printf("notify failed\n");
        return 1;
    }
    return wait_child(pid);
}

static int cycle_test(void)
{
    endpoint_t parent = getepinfo(getpid(), 0, 0);
    pid_t pid = fork();
    if (pid == 0) {
        /* The parent is blocked sending to us: sending to it would deadlock. */
        message m;
        memset(&m, 0, sizeof m);
        int r = _sendrec(parent, &m);
        printf("child: sendrec to parent = %d (%s)\n", r, r == -ELOCKED ? "ELOCKED" : "?");
        /* Now serve the parent's request so that it can go on. */
        if (_receive(parent, &m, 0) != 0 || _send(parent, &m) != 0)
            _exit(2);
        _exit(r == -ELOCKED ? 0 : 1);
    }
    endpoint_t child = getepinfo(pid, 0, 0);
    message m;
    memset(&m, 0, sizeof m);
    int r = _sendrec(child, &m);
    printf("parent: sendrec to child = %d\n", r);
    return wait_child(pid) || r != 0;
}

static int check(const char *what, int got, int want)
{
    printf("%s: %d%s\n", what, got, got == want ? "" : " (WRONG)");
    return got != want;
}

static int errors_test(void)
{
    message m;
    memset(&m, 0, sizeof m);
    endpoint_t self = getepinfo(getpid(), 0, 0);
    int bad = 0;
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    endpoint_t dead = getepinfo(pid, 0, 0);
    int status;
    waitpid(pid, &status, 0);
    bad |= check("sendrec to a dead process", _sendrec(dead, &m), -EDEADSRCDST);
    bad |= check("sendrec to a never-used endpoint", _sendrec(200, &m), -EDEADSRCDST);
    bad |= check("sendrec to the SYSTEM task", _sendrec(SYSTEM, &m), -ECALLDENIED);
    bad |= check("sendrec to itself", _sendrec(self, &m), -ELOCKED);
    bad |= check("sendrec with a bad message pointer", _sendrec(PM_PROC_NR, (message *) 16), -EFAULT);
    bad |= check("receive into a bad message pointer", _receive(ANY, (message *) 16, 0), -EFAULT);
    bad |= check("kernel call from a user process", _kernel_call(SYS_FORK, &m), -ECALLDENIED);
    int r;
    __asm__ volatile("int $0x21" : "=a"(r) : "a"(PM_PROC_NR), "b"(&m), "c"(99) : "memory");
    bad |= check("unknown IPC call", r, -EBADCALL);
    pid = fork();
    if (pid == 0) {
        for (volatile int i = 0; i < 1000; i++)
            ;
        _exit(0);
    }
    bad |= check("sendnb to a process not receiving", _sendnb(getepinfo(pid, 0, 0), &m),
                 -ENOTREADY);
    waitpid(pid, &status, 0);
    m.m_type = 12345;
    bad |= check("unknown system call to PM", _syscall(PM_PROC_NR, 12345, &m), -1);
    bad |= check("  errno", errno, ENOSYS);
    return bad;
}

int main(int argc, char **argv)
{
    if (argc == 2 && !strcmp(argv[1], "errors"))
        return errors_test();
    if (argc == 2 && !strcmp(argv[1], "notify"))
        return notify_test();
    if (argc == 2 && !strcmp(argv[1], "cycle"))
        return cycle_test();
    int rounds = argc > 1 ? atoi(argv[1]) : 1000;
    endpoint_t parent = getepinfo(getpid(), 0, 0);
    pid_t pid = fork();
    if (pid < 0) {
        printf("fork failed\n");
        return 1;
    }
    if (pid == 0)
        _exit(server(parent));
    endpoint_t child = getepinfo(pid, 0, 0);
    int r = ping(child, rounds);
    return wait_child(pid) || r;
}
