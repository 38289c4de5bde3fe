/* Pipe throughput (bench/run.py), 32 KiB writes:
 *   pipebench self N   one process writes 32 KiB into a pipe and reads it back, N times
 *   pipebench pair N   a child writes N x 32 KiB, the parent reads them (two processes)
 *   pipebench copy N   the baseline: the same bytes copied by the guest itself, twice
 *                      per 32 KiB (into a buffer and out again), as a kernel's pipe
 *                      copies them in and out */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHUNK 32768
static char src[CHUNK], dst[CHUNK], mid[CHUNK];

int main(int argc, char **argv)
{
    long n, i;
    int p[2], status;
    if (argc != 3)
        return 100;
    n = atol(argv[2]);
    memset(src, 'x', CHUNK);
    if (strcmp(argv[1], "copy") == 0) {
        for (i = 0; i < n; i++) {
            memcpy(mid, src, CHUNK);
            memcpy(dst, mid, CHUNK);
        }
        return dst[CHUNK - 1] == 'x' || n == 0 ? 0 : 1;
    }
    if (pipe(p) != 0)
        return 2;
    if (strcmp(argv[1], "self") == 0) {
        for (i = 0; i < n; i++)
            if (write(p[1], src, CHUNK) != CHUNK || read(p[0], dst, CHUNK) != CHUNK)
                return 3;
        return 0;
    }
    if (strcmp(argv[1], "pair") == 0) {
        long got = 0, r;
        if (fork() == 0) {
            close(p[0]);
            for (i = 0; i < n; i++)
                if (write(p[1], src, CHUNK) != CHUNK)
                    _exit(4);
            _exit(0);
        }
        close(p[1]);
        while ((r = read(p[0], dst, CHUNK)) > 0)
            got += r;
        wait(&status);
        return got == n * CHUNK && WEXITSTATUS(status) == 0 ? 0 : 5;
    }
    return 100;
}
