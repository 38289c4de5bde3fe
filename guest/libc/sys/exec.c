/* execve and the exec family. execve builds the new process's initial stack
 * the way MINIX 3.1.8's libc does: argc, argv[] and envp[] as offsets from the
 * frame's start, each list ending in NULL, then the strings; PM copies the
 * frame below the new stack top and adds the frame's address to every offset. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <minix/callnr.h>
#include <minix/com.h>
#include <minix/ipc.h>

#define PTR ((size_t) sizeof(char *))

int execve(const char *path, char *const argv[], char *const envp[])
{
    char *const *ap;
    char **vp;
    char *frame, *sp;
    size_t argc = 0, frame_size = 0, string_off, n;
    int ov = 0;
    static char *const empty[] = { NULL };
    message m;

    if (argv == NULL)
        argv = empty;
    if (envp == NULL)
        envp = empty;
    /* argc, argv[argc + 1], envp[envc + 1], then the strings. Only an
     * overflow is refused here; PM judges the size (E2BIG above ARG_MAX). */
    string_off = PTR;
    for (ap = argv; *ap != NULL; ap++, argc++) {
        n = PTR + strlen(*ap) + 1;
        frame_size += n;
        ov |= frame_size < n;
        string_off += PTR;
    }
    for (ap = envp; *ap != NULL; ap++) {
        n = PTR + strlen(*ap) + 1;
        frame_size += n;
        ov |= frame_size < n;
        string_off += PTR;
    }
    frame_size += 3 * PTR;
    string_off += 2 * PTR;
    frame_size = (frame_size + PTR - 1) & ~(PTR - 1);
    if (ov || frame_size < 3 * PTR || frame_size > INTPTR_MAX)
        goto too_big;

    frame = sbrk((intptr_t) frame_size);
    if (frame == (char *) -1)
        goto too_big;
    *(size_t *) frame = argc;
    vp = (char **) (frame + PTR);
    sp = frame + string_off;
    for (ap = argv; *ap != NULL; ap++) {
        *vp++ = (char *) (sp - frame);
        n = strlen(*ap) + 1;
        memcpy(sp, *ap, n);
        sp += n;
    }
    *vp++ = NULL;
    for (ap = envp; *ap != NULL; ap++) {
        *vp++ = (char *) (sp - frame);
        n = strlen(*ap) + 1;
        memcpy(sp, *ap, n);
        sp += n;
    }
    *vp++ = NULL;
    while (sp < frame + frame_size)
        *sp++ = 0;

    memset(&m, 0, sizeof(m));
    m.m1_i1 = (int) strlen(path) + 1;
    m.m1_i2 = (int) frame_size;
    m.m1_p1 = (char *) path;
    m.m1_p2 = frame;
    (void) _syscall(PM_PROC_NR, EXEC, &m);

    /* Still here: the exec failed (errno is set); give the frame back. */
    n = (size_t) errno;
    (void) sbrk(-(intptr_t) frame_size);
    errno = (int) n;
    return -1;

too_big:
    errno = E2BIG;
    return -1;
}

int execv(const char *path, char *const argv[])
{
    return execve(path, argv, environ);
}

/* Try file in each directory of PATH (default "/bin:/usr/bin"), as sh would.
 * A name with a slash is used as is. ENOEXEC is not retried through a shell. */
int execvp(const char *file, char *const argv[])
{
    const char *path, *p, *end;
    char buf[PATH_MAX + 1];
    size_t dlen, flen;
    int saw_eacces = 0;

    if (file == NULL || *file == '\0') {
        errno = ENOENT;
        return -1;
    }
    if (strchr(file, '/') != NULL)
        return execve(file, argv, environ);
    path = getenv("PATH");
    if (path == NULL)
        path = "/bin:/usr/bin";
    flen = strlen(file);
    for (p = path;; p = end + 1) {
        end = strchr(p, ':');
        if (end == NULL)
            end = p + strlen(p);
        dlen = (size_t) (end - p);
        if (dlen == 0) {
            buf[0] = '.';
            dlen = 1;
        } else if (dlen < sizeof(buf)) {
            memcpy(buf, p, dlen);
        }
        if (dlen + 1 + flen < sizeof(buf)) {
            buf[dlen] = '/';
            memcpy(buf + dlen + 1, file, flen + 1);
            execve(buf, argv, environ);
            if (errno == EACCES)
                saw_eacces = 1;
            else if (errno != ENOENT && errno != ENOTDIR)
                return -1;
        }
        if (*end == '\0')
            break;
    }
    errno = saw_eacces ? EACCES : ENOENT;
    return -1;
}

/* The argument list of an execl-style call as a malloc'd array (NULL-ended);
 * with want_env, *envp gets the pointer after the NULL. */
static char **collect(const char *arg, va_list ap, char ***envp)
{
    va_list count;
    size_t n = 1, i;
    char **argv;

    va_copy(count, ap);
    if (arg != NULL)
        while (va_arg(count, char *) != NULL)
            n++;
    va_end(count);
    argv = malloc((n + 1) * sizeof(char *));
    if (argv == NULL)
        return NULL;
    argv[0] = (char *) arg;
    for (i = 1; arg != NULL && i < n; i++)
        argv[i] = va_arg(ap, char *);
    argv[arg != NULL ? n : 0] = NULL;
    if (envp != NULL) {
        if (arg != NULL)
            (void) va_arg(ap, char *);      /* the terminating NULL */
        *envp = va_arg(ap, char **);
    }
    return argv;
}

int execl(const char *path, const char *arg, ...)
{
    va_list ap;
    char **argv;
    int err;

    va_start(ap, arg);
    argv = collect(arg, ap, NULL);
    va_end(ap);
    if (argv == NULL)
        return -1;
    execve(path, argv, environ);
    err = errno;
    free(argv);
    errno = err;
    return -1;
}

int execle(const char *path, const char *arg, ...)
{
    va_list ap;
    char **argv, **envp;
    int err;

    va_start(ap, arg);
    argv = collect(arg, ap, &envp);
    va_end(ap);
    if (argv == NULL)
        return -1;
    execve(path, argv, envp);
    err = errno;
    free(argv);
    errno = err;
    return -1;
}

int execlp(const char *file, const char *arg, ...)
{
    va_list ap;
    char **argv;
    int err;

    va_start(ap, arg);
    argv = collect(arg, ap, NULL);
    va_end(ap);
    if (argv == NULL)
        return -1;
    execvp(file, argv);
    err = errno;
    free(argv);
    errno = err;
    return -1;
}
