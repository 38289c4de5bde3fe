/* bench: N signals to oneself, each caught by a handler that counts it:
 * kill() -> PM -> a frame on the stack -> the handler -> __sigreturn ->
 * SIGRETURN -> PM -> the registers back. Exits 1 if a signal went missing. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile int count;

static void handler(int sig)
{
    (void) sig;
    count++;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigaction(SIGUSR1, &sa, 0);
    pid_t self = getpid();
    for (int i = 0; i < n; i++)
        kill(self, SIGUSR1);
    _exit(count == n ? 0 : 1);
}
