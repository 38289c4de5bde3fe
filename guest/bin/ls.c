/* ls: list directory contents, sorted by name. -l long format (type and mode
 * as ls shows them: d l c b p s -, links, owner, group, size or "major, minor"
 * for devices, time, name -> target for links), -a dot files, -d directories
 * themselves, -1 one per line (always, off a terminal), -R recursively. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "lib/tools.h"

static int lflag, aflag, dflag, Rflag, status;
static time_t now;

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *) a, *(char *const *) b);
}

static void long_line(const char *path, const char *name, const struct stat *st)
{
    char mode[11], ub[16], gb[16], when[32];
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
                                         "Aug", "Sep", "Oct", "Nov", "Dec"};
    time_t t = st->st_mtime;
    struct tm *tm = gmtime(&t);
    mode_string(st->st_mode, mode);
    printf("%s %2d %-8s %-8s ", mode, (int) st->st_nlink, user_name(st->st_uid, ub, sizeof ub),
           group_name(st->st_gid, gb, sizeof gb));
    if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
        printf("%3d, %3d ", (int) ((st->st_rdev >> 8) & 0xff), (int) (st->st_rdev & 0xff));
    else
        printf("%8ld ", (long) st->st_size);
    if (tm && (t > now - 182L * 24 * 3600 && t <= now + 3600))
        snprintf(when, sizeof when, "%s %2d %02d:%02d", months[tm->tm_mon], tm->tm_mday,
                 tm->tm_hour, tm->tm_min);
    else if (tm)
        snprintf(when, sizeof when, "%s %2d  %4d", months[tm->tm_mon], tm->tm_mday,
                 tm->tm_year + 1900);
    else
        snprintf(when, sizeof when, "?");
    printf("%s %s", when, name);
    if (S_ISLNK(st->st_mode)) {
        char target[1024];
        ssize_t n = readlink(path, target, sizeof target - 1);
        if (n >= 0) {
            target[n] = 0;
            printf(" -> %s", target);
        }
    }
    putchar('\n');
}

static void entry(const char *path, const char *name)
{
    struct stat st;
    if (!lflag) {
        puts(name);
        return;
    }
    if (lstat(path, &st) < 0) {
        fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
        status = 1;
        return;
    }
    long_line(path, name, &st);
}

static char *join(const char *dir, const char *name)
{
    char *p = malloc(strlen(dir) + strlen(name) + 2);
    sprintf(p, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name);
    return p;
}

static void list_dir(const char *dir, int header)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    long blocks = 0;
    if (!d) {
        fprintf(stderr, "ls: %s: %s\n", dir, strerror(errno));
        status = 1;
        return;
    }
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' && !aflag)
            continue;
        if (n == cap) names = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *names);
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, by_name);
    if (header)
        printf("%s:\n", dir);
    if (lflag) {
        for (i = 0; i < n; i++) {
            struct stat st;
            char *p = join(dir, names[i]);
            if (lstat(p, &st) == 0)
                blocks += (st.st_size + 1023) / 1024;
            free(p);
        }
        printf("total %ld\n", blocks);
    }
    for (i = 0; i < n; i++) {
        char *p = join(dir, names[i]);
        entry(p, names[i]);
        free(p);
    }
    if (Rflag) {
        for (i = 0; i < n; i++) {
            struct stat st;
            char *p = join(dir, names[i]);
            if (strcmp(names[i], ".") && strcmp(names[i], "..") && lstat(p, &st) == 0
                    && S_ISDIR(st.st_mode)) {
                putchar('\n');
                list_dir(p, 1);
            }
            free(p);
        }
    }
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

int main(int argc, char **argv)
{
    int c, i, nfiles = 0, ndirs = 0, shown = 0;
    char **files, **dirs;
    while ((c = getopt(argc, argv, "ladR1AF")) != -1) {
        switch (c) {
        case 'l': lflag = 1; break;
        case 'a': case 'A': aflag = 1; break;
        case 'd': dflag = 1; break;
        case 'R': Rflag = 1; break;
        case '1': case 'F': break;
        default: return 2;
        }
    }
    now = time(NULL);
    if (optind == argc) {
        static char *dot[] = {".", NULL};
        argv = dot;
        argc = 1;
        optind = 0;
    }
    files = malloc((argc + 1) * sizeof *files);
    dirs = malloc((argc + 1) * sizeof *dirs);
    for (i = optind; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) < 0 && lstat(argv[i], &st) < 0) {
            fprintf(stderr, "ls: %s: %s\n", argv[i], strerror(errno));
            status = 2;
            continue;
        }
        if (S_ISDIR(st.st_mode) && !dflag) dirs[ndirs++] = argv[i];
        else files[nfiles++] = argv[i];
    }
    qsort(files, nfiles, sizeof *files, by_name);
    qsort(dirs, ndirs, sizeof *dirs, by_name);
    for (i = 0; i < nfiles; i++)
        entry(files[i], files[i]);
    for (i = 0; i < ndirs; i++) {
        if (nfiles || shown) putchar('\n');
        list_dir(dirs[i], nfiles + ndirs > 1 || Rflag);
        shown = 1;
    }
    return status;
}
