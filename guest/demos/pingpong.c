/* The bundled demo: two processes exchanging MINIX messages.
 * The parent forks a child that serves requests: it RECEIVEs a number and
 * SENDs back its square. Run it with `minixemu boot -d ipc` to watch the
 * messages go by, next to the system calls both make. */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <minix/com.h>
#include <minix/ipc.h>

#define SQUARE 0x7100
#define QUIT 0x7101

static void serve(void)
{
    message m;
    for (;;) {
        if (_receive(ANY, &m, 0) != 0 || m.m_type == QUIT)
            break;
        int n = m.m1_i1;
        m.m_type = 0;
        m.m1_i1 = n * n;
        _send(m.m_source, &m);
    }
    _exit(0);
}

int main(void)
{
    printf("pingpong: two processes talking MINIX IPC\n");
    pid_t pid = fork();
    if (pid == 0)
        serve();
    endpoint_t server = getepinfo(pid, 0, 0);
    printf("parent %d: server is pid %d, endpoint %d\n", getpid(), pid, server);
    message m;
    for (int n = 1; n <= 3; n++) {
        memset(&m, 0, sizeof m);
        m.m_type = SQUARE;
        m.m1_i1 = n;
        if (_sendrec(server, &m) != 0) {
            printf("sendrec failed\n");
            return 1;
        }
        printf("ping %d -> pong %d\n", n, m.m1_i1);
    }
    m.m_type = QUIT;
    _send(server, &m);
    int status;
    waitpid(pid, &status, 0);
    printf("server exited with status %d\n", WEXITSTATUS(status));
    return 0;
}
