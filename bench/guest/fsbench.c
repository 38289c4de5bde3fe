/* File-system benchmarks (bench/run.py): `fsbench read FILE MiB` reads a file
 * sequentially in 64 KiB reads; `fsbench create DIR N` creates, writes 4 KiB to
 * and closes N files; `fsbench stat PATH N` stats a path N times. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char buf[65536];

int main(int argc, char **argv)
{
    char path[64];
    struct stat st;
    long n, i, total = 0;
    int fd;

    if (argc != 4)
        return 100;
    n = atol(argv[3]);
    if (strcmp(argv[1], "read") == 0) {
        fd = open(argv[2], O_RDONLY);
        if (fd < 0)
            return 1;
        for (i = 0; i < n * 16; i++)
            total += read(fd, buf, sizeof buf);
        return total == n * 1048576 ? 0 : 2;
    }
    if (strcmp(argv[1], "create") == 0) {
        for (i = 0; i < n; i++) {
            snprintf(path, sizeof path, "%s/f%ld", argv[2], i);
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (fd < 0 || write(fd, buf, 4096) != 4096 || close(fd) != 0)
                return 3;
        }
        return 0;
    }
    if (strcmp(argv[1], "stat") == 0) {
        for (i = 0; i < n; i++)
            if (stat(argv[2], &st) != 0)
                return 4;
        return 0;
    }
    return 100;
}
