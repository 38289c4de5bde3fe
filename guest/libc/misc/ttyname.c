/* ttyname(fd): the name of the terminal open on fd: the /dev entry whose
 * device number matches (the console or /dev/tty on this system). */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *ttyname(int fd)
{
    static char name[64];
    struct stat st, dst;
    DIR *d;
    struct dirent *e;
    if (!isatty(fd) || fstat(fd, &st) < 0)
        return NULL;
    d = opendir("/dev");
    if (!d)
        return NULL;
    while ((e = readdir(d)) != NULL) {
        snprintf(name, sizeof name, "/dev/%s", e->d_name);
        if (strcmp(e->d_name, "tty") != 0 && stat(name, &dst) == 0 && S_ISCHR(dst.st_mode)
                && dst.st_rdev == st.st_rdev) {
            closedir(d);
            return name;
        }
    }
    closedir(d);
    return NULL;
}
