/* <unistd.h>: POSIX system calls and constants. */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <sys/types.h>

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#include <minix/gen/fcntl.h>   /* SEEK_*, the access() modes */

#ifndef NULL
#define NULL ((void *) 0)
#endif

extern char **environ;

void _exit(int status) __attribute__((noreturn));
pid_t fork(void);
pid_t getpid(void);
pid_t getppid(void);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
ssize_t read(int fd, void *buf, size_t nbytes);
ssize_t write(int fd, const void *buf, size_t nbytes);
int close(int fd);
int dup(int fd);
int dup2(int fd, int fd2);
int pipe(int fd[2]);
off_t lseek(int fd, off_t offset, int whence);
int setuid(uid_t uid);
int seteuid(uid_t uid);
int setgid(gid_t gid);
int setegid(gid_t gid);
pid_t setsid(void);
pid_t getpgrp(void);
int setpgid(pid_t pid, pid_t pgid);
pid_t getpgid(pid_t pid);
int brk(void *addr);
void *sbrk(intptr_t incr);
unsigned int alarm(unsigned int seconds);
int pause(void);
int isatty(int fd);

/* Files and directories. */
int access(const char *path, int mode);
int chdir(const char *path);
int fchdir(int fd);
int chroot(const char *path);
int chown(const char *path, uid_t owner, gid_t group);
int fchown(int fd, uid_t owner, gid_t group);
int link(const char *name1, const char *name2);
int unlink(const char *path);
int rmdir(const char *path);
int symlink(const char *name1, const char *name2);
ssize_t readlink(const char *path, char *buf, size_t bufsiz);
char *getcwd(char *buf, size_t size);
int truncate(const char *path, off_t length);
int ftruncate(int fd, off_t length);
int sync(void);
int fsync(int fd);

/* Programs. */
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
int execvp(const char *file, char *const argv[]);
int execl(const char *path, const char *arg, ...);
int execle(const char *path, const char *arg, ...);
int execlp(const char *file, const char *arg, ...);

/* Supplementary groups. */
int getgroups(int size, gid_t list[]);
int setgroups(int size, const gid_t *list);
int getpagesize(void);
int getdtablesize(void);

#endif
