/* bench: N SENDREC round trips between two guest processes
 * (a client and a server that RECEIVEs and SENDs the reply). */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <minix/com.h>
#include <minix/ipc.h>

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 0;
    endpoint_t parent = getepinfo(getpid(), 0, 0);
    pid_t pid = fork();
    message m;
    if (pid == 0) {
        for (int i = 0; i < n; i++) {
            if (_receive(parent, &m, 0) != 0 || _send(parent, &m) != 0)
                _exit(1);
        }
        _exit(0);
    }
    endpoint_t child = getepinfo(pid, 0, 0);
    memset(&m, 0, sizeof m);
    for (int i = 0; i < n; i++)
        if (_sendrec(child, &m) != 0)
            _exit(1);
    int status;
    waitpid(pid, &status, 0);
    _exit(0);
}
