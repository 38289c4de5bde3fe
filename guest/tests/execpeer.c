/* An IPC partner across exec (tests/kernel/test_kernel.py drives it):
 *   execpeer client  fork a child that SENDRECs to us, then spin until the
 *                    test execs us into the server
 *   execpeer server  receive one request, answer it, wait for the child */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <minix/com.h>
#include <minix/ipc.h>

int main(int argc, char **argv)
{
    message m;
    if (argc == 2 && !strcmp(argv[1], "server")) {
        int status = 0;
        if (_receive(ANY, &m, &status) != 0)
            return 1;
        printf("server: request %d\n", m.m1_i1);
        m.m1_i2 = m.m1_i1 * 2;
        if (_send(m.m_source, &m) != 0)
            return 1;
        pid_t pid = wait(&status);
        printf("server: child %s, status %d\n", pid > 0 ? "reaped" : "missing",
               WEXITSTATUS(status));
        return 0;
    }
    endpoint_t self = getepinfo(getpid(), 0, 0);
    if (fork() == 0) {
        memset(&m, 0, sizeof m);
        m.m1_i1 = 21;
        int r = _sendrec(self, &m);
        printf("child: sendrec = %d, reply %d\n", r, m.m1_i2);
        _exit(r == 0 && m.m1_i2 == 42 ? 0 : 1);
    }
    for (;;)
        ;
}
