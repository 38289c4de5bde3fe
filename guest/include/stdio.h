/* <stdio.h>: buffered streams over file descriptors, printf and scanf.
 * A FILE buffers one direction at a time; see libc/stdio/stdio_impl.h. */
#ifndef _STDIO_H
#define _STDIO_H

#include <sys/types.h>

#define EOF (-1)
#define BUFSIZ 1024
#define FOPEN_MAX 20
#define FILENAME_MAX 255
#define L_tmpnam 32
#define L_ctermid 16
#define TMP_MAX 1000
#define P_tmpdir "/tmp"

#include <minix/gen/seek.h>

/* Buffering modes for setvbuf. */
#define _IOFBF 0
#define _IOLBF 1
#define _IONBF 2

typedef struct __iobuf {
    int _fd;                 /* file descriptor, -1 for string streams */
    int _flags;              /* __S* bits, private to the library */
    unsigned char *_buf;     /* buffer base */
    int _bufsize;            /* buffer size in bytes */
    unsigned char *_ptr;     /* next byte to read or to fill */
    unsigned char *_end;     /* reading: end of valid data */
    unsigned char _nbuf[1];  /* the buffer of an unbuffered stream */
    struct __iobuf *_next;   /* all open streams, for flushing at exit */
} FILE;

typedef long fpos_t;

extern FILE __stdin, __stdout, __stderr;
#define stdin (&__stdin)
#define stdout (&__stdout)
#define stderr (&__stderr)

FILE *fopen(const char *path, const char *mode);
FILE *fdopen(int fd, const char *mode);
FILE *freopen(const char *path, const char *mode, FILE *stream);
int fclose(FILE *stream);
int fflush(FILE *stream);
void setbuf(FILE *stream, char *buf);
int setvbuf(FILE *stream, char *buf, int mode, size_t size);
void setbuffer(FILE *stream, char *buf, size_t size);
void setlinebuf(FILE *stream);

int fseek(FILE *stream, long offset, int whence);
long ftell(FILE *stream);
int fseeko(FILE *stream, off_t offset, int whence);
off_t ftello(FILE *stream);
void rewind(FILE *stream);
int fgetpos(FILE *stream, fpos_t *pos);
int fsetpos(FILE *stream, const fpos_t *pos);

int fgetc(FILE *stream);
int getc(FILE *stream);
int getchar(void);
char *fgets(char *s, int size, FILE *stream);
char *gets(char *s);
int ungetc(int c, FILE *stream);
size_t fread(void *ptr, size_t size, size_t nmemb, FILE *stream);

int fputc(int c, FILE *stream);
int putc(int c, FILE *stream);
int putchar(int c);
int fputs(const char *s, FILE *stream);
int puts(const char *s);
size_t fwrite(const void *ptr, size_t size, size_t nmemb, FILE *stream);

int feof(FILE *stream);
int ferror(FILE *stream);
void clearerr(FILE *stream);
int fileno(FILE *stream);
void perror(const char *s);

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int fprintf(FILE *stream, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int sprintf(char *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int snprintf(char *s, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int asprintf(char **sp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int vprintf(const char *fmt, __builtin_va_list ap);
int vfprintf(FILE *stream, const char *fmt, __builtin_va_list ap);
int vsprintf(char *s, const char *fmt, __builtin_va_list ap);
int vsnprintf(char *s, size_t n, const char *fmt, __builtin_va_list ap);
int vasprintf(char **sp, const char *fmt, __builtin_va_list ap);

int scanf(const char *fmt, ...) __attribute__((format(scanf, 1, 2)));
int fscanf(FILE *stream, const char *fmt, ...) __attribute__((format(scanf, 2, 3)));
int sscanf(const char *s, const char *fmt, ...) __attribute__((format(scanf, 2, 3)));
int vscanf(const char *fmt, __builtin_va_list ap);
int vfscanf(FILE *stream, const char *fmt, __builtin_va_list ap);
int vsscanf(const char *s, const char *fmt, __builtin_va_list ap);

/* POSIX 2008 additions whose names old programs often use for their own
 * functions (K&R's getline, debug dprintf): declared only on request. */
#if defined(_GNU_SOURCE) || defined(_WITH_GETLINE) || \
    (defined(_POSIX_C_SOURCE) && _POSIX_C_SOURCE >= 200809L)
ssize_t getdelim(char **lineptr, size_t *n, int delim, FILE *stream);
ssize_t getline(char **lineptr, size_t *n, FILE *stream);
#endif
#if defined(_GNU_SOURCE) || defined(_WITH_DPRINTF) || \
    (defined(_POSIX_C_SOURCE) && _POSIX_C_SOURCE >= 200809L)
int dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int vdprintf(int fd, const char *fmt, __builtin_va_list ap);
#endif

/* Provided by other parts of the library. */
int remove(const char *path);
int rename(const char *from, const char *to);
FILE *tmpfile(void);
FILE *popen(const char *command, const char *mode);
int pclose(FILE *stream);
char *tmpnam(char *s);

#endif
