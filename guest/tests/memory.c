/* The heap through PM's brk: malloc a lot, check contents, realloc, free,
 * and run out of memory gracefully (NULL and ENOMEM, not a crash). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int megabytes = argc > 1 ? atoi(argv[1]) : 4;
    char *old_brk = sbrk(0);
    char *blocks[64];
    int n = 0;
    for (; n < 64 && n < megabytes * 4; n++) {
        blocks[n] = malloc(256 * 1024);
        if (!blocks[n])
            break;
        memset(blocks[n], n, 256 * 1024);
    }
    int ok = 1;
    for (int i = 0; i < n; i++)
        ok &= blocks[i][0] == (char) i && blocks[i][256 * 1024 - 1] == (char) i;
    printf("allocated %d x 256 KiB, contents %s, break moved %s\n", n, ok ? "ok" : "BAD",
           (char *) sbrk(0) > old_brk ? "up" : "NOT");
    char *r = realloc(blocks[0], 512 * 1024);
    if (r) {
        ok &= r[1000] == 0 && r[256 * 1024 - 1] == 0;
        blocks[0] = r;
    }
    printf("realloc to 512 KiB: %s\n", r ? "moved or grown, contents kept" : "NULL");
    for (int i = 0; i < n; i++)
        free(blocks[i]);
    void *again = malloc(1024 * 1024);
    printf("after free: %s\n", again ? "reused" : "NULL");
    errno = 0;
    void *huge = malloc((size_t) 3 << 30);
    printf("3 GiB: %s, errno %s\n", huge ? "GOT IT" : "NULL", errno == ENOMEM ? "ENOMEM" : "?");
    return ok ? 0 : 1;
}
