/* open/read/write for the trace tools' tests (tests/debug): a file when the
 * system has a file system (open may fail today: the console is all there
 * is), the console both ways, and a read of a closed descriptor (EBADF).
 *   traceio      writes a prompt, reads one line from stdin, echoes it */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
    char buf[128];
    int fd = open("/tmp/traceio.txt", O_CREAT | O_TRUNC | O_RDWR, 0644);
    if (fd >= 0) {
        write(fd, "a line in a file\n", 17);
        lseek(fd, 0, SEEK_SET);
        int n = read(fd, buf, sizeof buf);
        close(fd);
        printf("file: %d bytes back\n", n);
    } else {
        printf("open: errno %d\n", errno);
    }
    write(1, "type a line: ", 13);
    int n = read(0, buf, sizeof buf - 1);
    if (n < 0)
        n = 0;
    buf[n] = '\0';
    printf("read %d bytes: %s", n, buf);
    if (read(9, buf, 1) < 0)
        printf("read(9): errno %d\n", errno);
    return 0;
}
