/* Private to stdio: the FILE flag bits, the helpers shared between its
 * files, and the output-sink interface of the printf engine. */
#ifndef _STDIO_IMPL_H
#define _STDIO_IMPL_H

#define _WITH_GETLINE
#define _WITH_DPRINTF
#include <stdio.h>
#include <stdarg.h>
#include <unistd.h>

/* _flags. A FILE buffers in one direction at a time: __SRD means the buffer
 * holds unread input in [_ptr, _end); __SWR means it holds pending output in
 * [_buf, _ptr). With neither, the buffer is empty. */
#define __SRD    0x0001
#define __SWR    0x0002
#define __SCANRD 0x0004   /* opened for reading */
#define __SCANWR 0x0008   /* opened for writing */
#define __SEOF   0x0010
#define __SERR   0x0020
#define __SLBF   0x0040   /* line buffered */
#define __SNBF   0x0080   /* unbuffered: _buf is the one-byte _nbuf */
#define __SMBF   0x0100   /* _buf came from malloc: free it on close */
#define __SAPP   0x0200   /* opened for appending */
#define __SSTAT  0x0400   /* one of the static standard streams */

extern FILE *__sfiles;                   /* every open stream */
extern void (*__stdio_cleanup)(void);    /* called by exit(); see exit.c */

void __sflushall(void);
int __sflush(FILE *f);                   /* write pending output: 0 or EOF */
int __swriteall(int fd, const void *p, size_t n);  /* 0, or -1 on error */
int __swsetup(FILE *f);                  /* ready f for output: 0 or EOF */
int __srefill(FILE *f);                  /* read more input: 0 or EOF */
size_t __swrite(FILE *f, const char *s, size_t n);  /* bytes accepted */
int __sbuffer(FILE *f);                  /* make sure f has a buffer */
int __smode(const char *mode, int *oflags);  /* __S flags, or 0 if invalid */
FILE *__snew(int fd, int flags);         /* a fresh listed stream, or NULL */

/* Where the printf engine sends its output. */
struct __out {
    void (*put)(struct __out *o, const char *s, size_t n);
    FILE *f;              /* stream sinks */
    char *buf;            /* string sinks: the buffer, */
    size_t len, cap;      /* bytes produced so far and the room in buf */
    int fd;               /* descriptor sinks */
    int err;              /* set by put on failure */
};

int __vformat(struct __out *o, const char *fmt, va_list ap);

/* A piece of formatted output: n bytes at s, or n '0's when s is NULL. */
struct __piece {
    const char *s;
    int n;
};

/* The floating-point conversions e, f, g (upper case too): fills pc (room
 * for 8 pieces) with the text after the sign, using the work area w
 * (at least __FLTWORK bytes); *neg says whether v was negative. */
#define __FLTWORK 1024
int __fmtfloat(double v, int conv, int prec, int alt, char *w,
               struct __piece *pc, int *neg);

/* The scanf engine, reading through an input source. */
struct __in {
    int (*get)(struct __in *in);
    void (*unget)(struct __in *in, int c);
    const char *s;        /* string sources */
    FILE *f;              /* stream sources */
    int count;            /* characters consumed, for %n */
};

int __vscan(struct __in *in, const char *fmt, va_list ap);

#endif
