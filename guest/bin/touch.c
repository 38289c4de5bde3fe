/* touch: create files or set their access and modification times to now. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <utime.h>

int main(int argc, char **argv)
{
    int i = 1, st = 0, nocreate = 0;
    if (i < argc && strcmp(argv[i], "-c") == 0) {
        nocreate = 1;
        i++;
    }
    for (; i < argc; i++) {
        if (utime(argv[i], NULL) == 0)
            continue;
        if (errno == ENOENT && !nocreate) {
            int fd = open(argv[i], O_WRONLY | O_CREAT, 0666);
            if (fd >= 0) {
                close(fd);
                continue;
            }
        } else if (errno == ENOENT) {
            continue;
        }
        fprintf(stderr, "touch: %s: %s\n", argv[i], strerror(errno));
        st = 1;
    }
    return st;
}
