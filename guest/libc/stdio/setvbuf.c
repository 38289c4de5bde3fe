/* setvbuf, setbuf, setbuffer, setlinebuf: choosing how a stream buffers.
 * Call before the first I/O on the stream; pending output is flushed. */
#include "stdio_impl.h"
#include <stdlib.h>

int setvbuf(FILE *f, char *buf, int mode, size_t size)
{
    if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF)
        return -1;
    if (__sflush(f) == EOF)
        return -1;
    if (f->_flags & __SMBF)
        free(f->_buf);
    f->_flags &= ~(__SRD | __SWR | __SLBF | __SNBF | __SMBF);
    f->_buf = NULL;
    f->_bufsize = 0;
    if (mode == _IONBF) {
        f->_flags |= __SNBF;
    } else {
        if (mode == _IOLBF)
            f->_flags |= __SLBF;
        if (buf != NULL && size > 0) {
            f->_buf = (unsigned char *) buf;
            f->_bufsize = (int) size;
        } else if (size > 0) {
            f->_bufsize = (int) size;      /* allocated on first use */
        }
    }
    f->_ptr = f->_end = f->_buf;
    return 0;
}

void setbuf(FILE *f, char *buf)
{
    setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

void setbuffer(FILE *f, char *buf, size_t size)
{
    setvbuf(f, buf, buf ? _IOFBF : _IONBF, size);
}

void setlinebuf(FILE *f)
{
    setvbuf(f, NULL, _IOLBF, 0);
}
