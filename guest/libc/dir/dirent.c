/* Directory streams: opendir, readdir, rewinddir, closedir over getdents.
 * A DIR holds one getdents buffer of struct dirent records (d_reclen apart). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>

DIR *opendir(const char *name)
{
    struct stat st;
    DIR *dp;
    int fd, flags, err;

    if (stat(name, &st) < 0)
        return NULL;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return NULL;
    }
    fd = open(name, O_RDONLY | O_NONBLOCK);
    if (fd < 0)
        return NULL;
    /* Check the type again (the name may have changed), close on exec. */
    if (fstat(fd, &st) < 0 || !S_ISDIR(st.st_mode)
            || (flags = fcntl(fd, F_GETFD)) < 0
            || fcntl(fd, F_SETFD, flags | FD_CLOEXEC) < 0
            || (dp = malloc(sizeof(*dp))) == NULL) {
        err = S_ISDIR(st.st_mode) ? errno : ENOTDIR;
        close(fd);
        errno = err;
        return NULL;
    }
    dp->_fd = fd;
    dp->_count = 0;
    dp->_pos = 0;
    return dp;
}

struct dirent *readdir(DIR *dp)
{
    struct dirent *e;
    ssize_t n;

    if (dp->_pos >= dp->_count) {
        n = getdents(dp->_fd, (struct dirent *) dp->_buf, sizeof(dp->_buf));
        if (n <= 0)
            return NULL;        /* end of directory (errno untouched) or error */
        dp->_count = (unsigned) n;
        dp->_pos = 0;
    }
    e = (struct dirent *) (dp->_buf + dp->_pos);
    /* A record must hold its header and name and stay inside the buffer. */
    if (dp->_count - dp->_pos < offsetof(struct dirent, d_name) + 1
            || e->d_reclen <= offsetof(struct dirent, d_name)
            || e->d_reclen > dp->_count - dp->_pos) {
        dp->_pos = dp->_count;
        errno = EIO;
        return NULL;
    }
    dp->_pos += e->d_reclen;
    return e;
}

void rewinddir(DIR *dp)
{
    (void) lseek(dp->_fd, 0, SEEK_SET);
    dp->_count = 0;
    dp->_pos = 0;
}

int closedir(DIR *dp)
{
    int fd = dp->_fd;

    free(dp);
    return close(fd);
}
