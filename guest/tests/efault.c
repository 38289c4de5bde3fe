/* Bad pointers in system calls: EFAULT, and the process carries on. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    int e = errno;
    printf("%s = %ld (%s)\n", what, r, r < 0 ? strerror(e) : "ok");
    errno = 0;
}

int main(void)
{
    show("write(1, 0x10, 5)", write(1, (void *) 0x10, 5));
    show("write(1, unmapped high, 5)", write(1, (void *) 0xB0000000, 5));
    show("read(0, 0x10, 5)", read(0, (void *) 0x10, 5));
    show("write(1, text, 5)", write(1, "text\n", 5));
    show("read(0, text segment, 5)", read(0, (void *) main, 5));
    show("write(99, ...)", write(99, "x", 1));
    show("close(99)", close(99));
    return 0;
}
