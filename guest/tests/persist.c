/* A file that outlives the run: write it, or read it back in a later run.
 *   persist write PATH TEXT   create PATH holding TEXT
 *   persist read PATH         print what PATH holds (exit 1 if it is missing) */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    char buf[256];
    if (argc == 4 && !strcmp(argv[1], "write")) {
        int fd = open(argv[2], O_CREAT | O_TRUNC | O_WRONLY, 0644);
        if (fd < 0 || write(fd, argv[3], strlen(argv[3])) != (ssize_t) strlen(argv[3]))
            return perror(argv[2]), 1;
        return close(fd) == 0 ? 0 : 1;
    }
    if (argc == 3 && !strcmp(argv[1], "read")) {
        int fd = open(argv[2], O_RDONLY);
        if (fd < 0)
            return perror(argv[2]), 1;
        int n = (int) read(fd, buf, sizeof buf);
        printf("%.*s\n", n < 0 ? 0 : n, buf);
        return 0;
    }
    fprintf(stderr, "usage: persist write PATH TEXT | persist read PATH\n");
    return 2;
}
