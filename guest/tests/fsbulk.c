/* Many names and one big file: `fsbulk DIR` makes 100 directories with a
 * file in each (200 entries) and a 20 MiB file (double-indirect zones),
 * reads samples back, and prints "ok NAME" / "FAIL NAME" lines; the exit
 * status is the number of failures. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BIG (20 * 1024 * 1024)
#define CHUNK 65536

static int failures;
static unsigned char buf[CHUNK];

static void check(int cond, const char *name)
{
    printf("%s %s\n", cond ? "ok" : "FAIL", name);
    if (!cond) {
        printf("  errno %d (%s)\n", errno, strerror(errno));
        failures++;
    }
}

static void pattern(unsigned char *p, long offset, int n)
{
    int i;
    for (i = 0; i < n; i++)
        p[i] = (unsigned char) ((offset + i) * 7 / 3);
}

int main(int argc, char **argv)
{
    char path[128];
    unsigned char back[256];
    struct stat st;
    int i, fd, made = 0, ok;
    long off;

    if (argc != 2)
        return 100;
    check(mkdir(argv[1], 0755) == 0, "mkdir");
    for (i = 0; i < 100; i++) {
        snprintf(path, sizeof path, "%s/d%03d", argv[1], i);
        made += mkdir(path, 0755) == 0;
        snprintf(path, sizeof path, "%s/d%03d/f", argv[1], i);
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        made += fd >= 0 && write(fd, path, strlen(path)) == (ssize_t) strlen(path);
        close(fd);
    }
    check(made == 200, "200 directories and files");
    snprintf(path, sizeof path, "%s/big", argv[1]);
    fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    ok = fd >= 0;
    for (off = 0; ok && off < BIG; off += CHUNK) {
        pattern(buf, off, CHUNK);
        ok = write(fd, buf, CHUNK) == CHUNK;
    }
    check(ok && fstat(fd, &st) == 0 && st.st_size == BIG, "20 MiB file");
    ok = 1;
    for (off = 12345; off < BIG; off += 1234567) {
        pattern(buf, off, sizeof back);
        ok &= lseek(fd, off, SEEK_SET) == off && read(fd, back, sizeof back) == sizeof back
              && memcmp(back, buf, sizeof back) == 0;
    }
    check(ok, "samples read back");
    close(fd);
    snprintf(path, sizeof path, "%s/d042/f", argv[1]);
    fd = open(path, O_RDONLY);
    check(fd >= 0 && read(fd, back, sizeof back) == (ssize_t) strlen(path)
          && memcmp(back, path, strlen(path)) == 0, "a small file reads back");
    close(fd);
    check(sync() == 0, "sync");
    return failures;
}
