/* Positioning streams: fseek, ftell, fseeko, ftello, rewind, fgetpos,
 * fsetpos. Seeking drops buffered input and writes out pending output. */
#include "stdio_impl.h"
#include <unistd.h>

int fseeko(FILE *f, off_t offset, int whence)
{
    if (__sflush(f) == EOF)
        return -1;
    if ((f->_flags & __SRD) && whence == SEEK_CUR)
        offset -= f->_end - f->_ptr;       /* the OS is ahead of the reader */
    if (lseek(f->_fd, offset, whence) < 0)
        return -1;
    f->_flags &= ~(__SRD | __SWR | __SEOF);
    f->_ptr = f->_end = f->_buf;
    return 0;
}

off_t ftello(FILE *f)
{
    off_t pos;

    if ((f->_flags & (__SWR | __SAPP)) == (__SWR | __SAPP) && __sflush(f) == EOF)
        return -1;                         /* appends land at the true end */
    if ((pos = lseek(f->_fd, 0, SEEK_CUR)) < 0)
        return -1;
    if (f->_flags & __SRD)
        pos -= f->_end - f->_ptr;
    else if (f->_flags & __SWR)
        pos += f->_ptr - f->_buf;
    return pos;
}

int fseek(FILE *f, long offset, int whence) { return fseeko(f, offset, whence); }
long ftell(FILE *f) { return ftello(f); }

void rewind(FILE *f)
{
    fseeko(f, 0, SEEK_SET);
    f->_flags &= ~__SERR;
}

int fgetpos(FILE *f, fpos_t *pos)
{
    return (*pos = ftello(f)) < 0 ? -1 : 0;
}

int fsetpos(FILE *f, const fpos_t *pos)
{
    return fseeko(f, *pos, SEEK_SET);
}
