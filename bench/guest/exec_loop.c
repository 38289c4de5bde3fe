/* bench: N cycles of fork, then in the child exec of a program from the disk
 * (exec_loop exec N [PATH], default /bin/true) or plain _exit (exec_loop exit N,
 * the baseline: the fork_loop shape without its ballast), then waitpid. */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3)
        return 100;
    int exec_it = strcmp(argv[1], "exec") == 0;
    int n = atoi(argv[2]);
    char *path = argc > 3 ? argv[3] : "/bin/true";
    char *args[] = { path, NULL };
    for (int i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid < 0)
            return 1;
        if (pid == 0) {
            if (exec_it)
                execv(path, args);
            _exit(exec_it ? 127 : 0);
        }
        int status;
        if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
            return 2;
    }
    return 0;
}
