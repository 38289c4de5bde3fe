/* Host stand-ins for the file-system calls that realpath, the directory
 * streams and the passwd/group readers make, over a tiny fake tree the test
 * fills: paths with a type (and a link target), one directory listing that
 * getdents hands out in chunks (at the descriptor's offset, so rewinddir's
 * lseek starts it over), and a settable working directory. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#define NODES 32
#define LISTING 8192

struct node { char path[128]; mode_t mode; char target[128]; };
static struct node nodes[NODES];
static int nnodes;
static char cwd[256] = "/";
static char listing[LISTING];
static size_t listing_len, chunk = LISTING;
static int lstat_calls;

void fs_reset(void)
{
    nnodes = 0;
    listing_len = 0;
    chunk = LISTING;
    lstat_calls = 0;
    strcpy(cwd, "/");
}

void fs_add(const char *path, int mode, const char *target)
{
    struct node *n = &nodes[nnodes++];

    strncpy(n->path, path, sizeof(n->path) - 1);
    n->mode = (mode_t) mode;
    strncpy(n->target, target ? target : "", sizeof(n->target) - 1);
}

void fs_set_cwd(const char *path) { strncpy(cwd, path, sizeof(cwd) - 1); }
int fs_lstat_calls(void) { return lstat_calls; }

/* Append a record for name, padded to 4 bytes; reclen_override if nonzero. */
void fs_dir_add(const char *name, unsigned long ino, int reclen_override)
{
    struct dirent *e = (struct dirent *) (listing + listing_len);
    size_t reclen = (offsetof(struct dirent, d_name) + strlen(name) + 1 + 3) & ~(size_t) 3;

    memset(e, 0, reclen);
    e->d_ino = ino;
    e->d_off = (off_t) listing_len;
    e->d_reclen = (unsigned short) (reclen_override ? reclen_override : (int) reclen);
    strcpy(e->d_name, name);
    listing_len += reclen;
}

/* getdents returns whole records of at most `bytes` per call. */
void fs_dir_chunk(size_t bytes) { chunk = bytes; }

static struct node *find(const char *path)
{
    int i;

    for (i = 0; i < nnodes; i++)
        if (strcmp(nodes[i].path, path) == 0)
            return &nodes[i];
    return NULL;
}

int lstat(const char *path, struct stat *st)
{
    struct node *n = find(path);

    lstat_calls++;
    if (n == NULL) {
        errno = ENOENT;
        return -1;
    }
    memset(st, 0, sizeof(*st));
    st->st_mode = n->mode;
    st->st_size = (off_t) strlen(n->target);
    return 0;
}

int stat(const char *path, struct stat *st)
{
    return lstat(path, st);
}

int fstat(int fd, struct stat *st)
{
    (void) fd;
    memset(st, 0, sizeof(*st));
    st->st_mode = S_IFDIR | 0755;
    return 0;
}

int fcntl(int fd, int cmd, ...)
{
    (void) fd;
    return cmd == F_GETFD ? 0 : 0;
}

ssize_t readlink(const char *path, char *buf, size_t size)
{
    struct node *n = find(path);
    size_t len;

    if (n == NULL) {
        errno = ENOENT;
        return -1;
    }
    if (!S_ISLNK(n->mode)) {
        errno = EINVAL;
        return -1;
    }
    len = strlen(n->target);
    if (len > size)
        len = size;
    memcpy(buf, n->target, len);
    return (ssize_t) len;
}

char *getcwd(char *buf, size_t size)
{
    if (strlen(cwd) + 1 > size) {
        errno = ERANGE;
        return NULL;
    }
    return strcpy(buf, cwd);
}

ssize_t getdents(int fd, struct dirent *buf, size_t nbytes)
{
    off_t pos = lseek(fd, 0, SEEK_CUR);
    size_t n = 0, limit = nbytes < chunk ? nbytes : chunk;
    struct dirent *e;

    if (pos < 0)
        return -1;
    while ((size_t) pos + n < listing_len) {
        e = (struct dirent *) (listing + pos + n);
        if (e->d_reclen == 0 || n + e->d_reclen > limit)
            break;
        n += e->d_reclen;
    }
    if (n == 0 && (size_t) pos < listing_len) {
        /* One record longer than the chunk still goes out whole (the chunk
         * only limits how many fit together); a broken one goes out raw. */
        e = (struct dirent *) (listing + pos);
        n = listing_len - (size_t) pos;
        if (e->d_reclen != 0 && e->d_reclen <= n)
            n = e->d_reclen;
        if (n > nbytes)
            n = nbytes;
    }
    memcpy(buf, listing + pos, n);
    lseek(fd, (off_t) n, SEEK_CUR);
    return (ssize_t) n;
}

/* For ctypes: the fields of a record readdir returned. */
const char *fs_dirent_name(const struct dirent *e) { return e->d_name; }
unsigned long fs_dirent_ino(const struct dirent *e) { return (unsigned long) e->d_ino; }
