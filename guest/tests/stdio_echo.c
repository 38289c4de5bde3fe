/* Reads the console until end of file and echoes each line in capitals,
 * counting lines and bytes: the TTY's read path and EOF (carrier loss). */
#include <ctype.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    char buf[256];
    int lines = 0, bytes = 0;
    for (;;) {
        ssize_t n = read(0, buf, sizeof buf);
        if (n < 0) {
            perror("read");
            return 1;
        }
        if (n == 0)
            break;
        for (ssize_t i = 0; i < n; i++) {
            buf[i] = (char) toupper((unsigned char) buf[i]);
            if (buf[i] == '\n')
                lines++;
        }
        bytes += (int) n;
        write(1, buf, (size_t) n);
    }
    printf("%d lines, %d bytes\n", lines, bytes);
    char more[8];
    printf("read after EOF: %d\n", (int) read(0, more, sizeof more));
    return 0;
}
