/* cat: concatenate files (or standard input, also for "-") to standard output. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int copy(int fd, const char *name)
{
    char buf[8192];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        ssize_t done = 0;
        while (done < n) {
            ssize_t w = write(1, buf + done, n - done);
            if (w < 0) {
                fprintf(stderr, "cat: write error: %s\n", strerror(errno));
                return 1;
            }
            done += w;
        }
    }
    if (n < 0) {
        fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    int i = 1, st = 0;
    if (i < argc && strcmp(argv[i], "-u") == 0)
        i++;
    if (i >= argc)
        return copy(0, "stdin");
    for (; i < argc; i++) {
        int fd = strcmp(argv[i], "-") == 0 ? 0 : open(argv[i], O_RDONLY);
        if (fd < 0) {
            fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
            st = 1;
            continue;
        }
        st |= copy(fd, argv[i]);
        if (fd)
            close(fd);
    }
    return st;
}
