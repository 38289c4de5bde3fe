/* bench: N fork+exit+wait cycles of a process of about 1 MiB
 * (text, data, a touched 768 KiB array, heap and stack). */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char ballast[768 * 1024];

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 0;
    memset(ballast, 1, sizeof ballast);
    for (int i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid == 0)
            _exit(0);
        int status;
        if (waitpid(pid, &status, 0) != pid)
            _exit(1);
    }
    _exit(0);
}
