/* kill with default actions:  kill child | kill self | kill abort | kill ignored */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "child";
    if (!strcmp(mode, "child")) {
        pid_t pid = fork();
        if (pid == 0) {
            for (;;)
                ;   /* spin until killed: only preemption lets the parent run */
        }
        if (kill(pid, SIGTERM) != 0)
            return 1;
        int status;
        waitpid(pid, &status, 0);
        printf("child: signaled %d, signal %d\n", WIFSIGNALED(status), WTERMSIG(status));
        printf("kill(nobody) = %d\n", kill(29999, SIGTERM));
        return 0;
    }
    if (!strcmp(mode, "self")) {
        kill(getpid(), SIGTERM);
        printf("still alive\n");
        return 0;
    }
    if (!strcmp(mode, "abort"))
        abort();
    if (!strcmp(mode, "ignored")) {
        kill(getpid(), SIGCHLD);
        printf("SIGCHLD ignored\n");
        return 0;
    }
    return 2;
}
