/* wc: count lines, words and bytes (-l -w -c; all three by default). */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int lflag, wflag, cflag;

/* POSIX's format: the counts separated by single spaces, then the name. */
static void show(long l, long w, long c, const char *name)
{
    int first = 1;
#define FIELD(v) do { printf(first ? "%ld" : " %ld", v); first = 0; } while (0)
    if (lflag) FIELD(l);
    if (wflag) FIELD(w);
    if (cflag) FIELD(c);
    if (name) printf(" %s", name);
    putchar('\n');
}

int main(int argc, char **argv)
{
    int c, i, st = 0, files = 0;
    long tl = 0, tw = 0, tc = 0;
    while ((c = getopt(argc, argv, "lwcm")) != -1) {
        if (c == 'l') lflag = 1;
        else if (c == 'w') wflag = 1;
        else if (c == 'c' || c == 'm') cflag = 1;
        else return 1;
    }
    if (!lflag && !wflag && !cflag)
        lflag = wflag = cflag = 1;
    for (i = optind; i < argc || (i == optind && optind == argc); i++) {
        const char *name = i < argc ? argv[i] : NULL;
        int fd = name ? open(name, O_RDONLY) : 0, inword = 0;
        long l = 0, w = 0, ch = 0;
        char buf[8192];
        ssize_t n;
        if (fd < 0) {
            fprintf(stderr, "wc: %s: %s\n", name, strerror(errno));
            st = 1;
            continue;
        }
        while ((n = read(fd, buf, sizeof buf)) > 0) {
            ssize_t k;
            ch += n;
            for (k = 0; k < n; k++) {
                if (buf[k] == '\n') l++;
                if (isspace((unsigned char) buf[k])) inword = 0;
                else if (!inword) { inword = 1; w++; }
            }
        }
        if (fd) close(fd);
        show(l, w, ch, name);
        tl += l; tw += w; tc += ch;
        files++;
        if (!name) break;
    }
    if (files > 1)
        show(tl, tw, tc, "total");
    return st;
}
