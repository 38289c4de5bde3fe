/* mkfifo: make named pipes (-m mode). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int c, i, st = 0;
    mode_t mode = 0666;
    while ((c = getopt(argc, argv, "m:")) != -1) {
        if (c == 'm') mode = (mode_t) strtol(optarg, NULL, 8);
        else return 1;
    }
    for (i = optind; i < argc; i++) {
        if (mknod(argv[i], S_IFIFO | mode, 0) < 0) {
            fprintf(stderr, "mkfifo: %s: %s\n", argv[i], strerror(errno));
            st = 1;
        }
    }
    return st;
}
