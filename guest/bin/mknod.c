/* mknod: make a device node (b|c major minor) or a FIFO (p). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int main(int argc, char **argv)
{
    mode_t type;
    dev_t dev = 0;
    if (argc < 3) goto usage;
    if (!strcmp(argv[2], "p") && argc == 3) type = S_IFIFO;
    else if ((!strcmp(argv[2], "b") || !strcmp(argv[2], "c")) && argc == 5) {
        type = argv[2][0] == 'b' ? S_IFBLK : S_IFCHR;
        dev = (dev_t) ((atoi(argv[3]) << 8) | (atoi(argv[4]) & 0xff));
    } else goto usage;
    if (mknod(argv[1], type | 0666, dev) < 0) {
        fprintf(stderr, "mknod: %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    return 0;
usage:
    fprintf(stderr, "usage: mknod name b|c major minor | mknod name p\n");
    return 1;
}
