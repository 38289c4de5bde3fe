/* fork semantics: separate memory, exit statuses through waitpid, many forks.
 *   forks          the memory and status checks
 *   forks N        N fork/exit/wait cycles in a row */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static int shared_looking = 1;

static int memory_and_status(void)
{
    int *heap = malloc(sizeof *heap);
    *heap = 10;
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        shared_looking = 2;
        *heap = 20;
        printf("child: pid %s, ppid %s, globals %d/%d\n", getpid() != parent ? "new" : "SAME",
               getppid() == parent ? "parent" : "WRONG", shared_looking, *heap);
        _exit(42);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid)
        return 1;
    printf("parent: child exited %d, globals %d/%d\n", WEXITSTATUS(status), shared_looking, *heap);
    if (waitpid(-1, &status, WNOHANG) != -1) {
        printf("parent: a second wait should fail with ECHILD\n");
        return 1;
    }
    return !(WIFEXITED(status) && WEXITSTATUS(status) == 42 && shared_looking == 1 && *heap == 10);
}

static int many(int n)
{
    for (int i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid < 0) {
            printf("fork %d failed\n", i);
            return 1;
        }
        if (pid == 0)
            _exit(i % 256);
        int status;
        if (wait(&status) != pid || WEXITSTATUS(status) != i % 256) {
            printf("fork %d: wrong status\n", i);
            return 1;
        }
    }
    printf("%d forks ok\n", n);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        return many(atoi(argv[1]));
    return memory_and_status();
}
