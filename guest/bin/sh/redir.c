/* sh: redirections. <, >, >>, <>, n>&m, n<&-, here-documents (an unlinked
 * temporary file holding the expanded body); around built-ins, functions and
 * compound commands the old descriptors are saved above 9 and restored. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

struct saved { int fd, copy; struct saved *next; };


static void save_fd(struct saved **list, int fd)
{
    struct saved *s;
    for (s = *list; s; s = s->next)
        if (s->fd == fd)
            return;
    fflush(stdout);
    fflush(stderr);
    s = xmalloc(sizeof *s);
    s->fd = fd;
    s->copy = fcntl(fd, F_DUPFD, 10);
    if (s->copy >= 0)
        fcntl(s->copy, F_SETFD, FD_CLOEXEC);
    s->next = *list;
    *list = s;
}

void restore_fds(struct saved *list)
{
    fflush(stdout);
    fflush(stderr);
    while (list) {
        struct saved *next = list->next;
        if (list->copy >= 0) {
            dup2(list->copy, list->fd);
            close(list->copy);
        } else {
            close(list->fd);
        }
        free(list);
        list = next;
    }
}

/* A here-document as a file descriptor: a temporary file, unlinked. */
static int heredoc_fd(struct heredoc *hd)
{
    char path[64];
    char *text = hd->quoted ? xstrdup(hd->body ? hd->body : "")
                            : expand_heredoc(hd->body ? hd->body : "");
    int fd, rfd;
    size_t n, done = 0;
    if (!text)
        return -1;
    snprintf(path, sizeof path, "/tmp/sh-here-%d-%d", (int) getpid(), sh.tmp_counter++);
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_TRUNC, 0600);
    if (fd < 0) {
        sh_error("cannot create here-document: %s", strerror(errno));
        free(text);
        return -1;
    }
    n = strlen(text);
    while (done < n) {
        ssize_t w = write(fd, text + done, n - done);
        if (w <= 0) break;
        done += w;
    }
    close(fd);
    free(text);
    rfd = open(path, O_RDONLY);
    unlink(path);
    return rfd;
}

/* Apply redirections; with `save` the old descriptors are kept for restore. */
int apply_redirs(struct redir *r, struct saved **save)
{
    for (; r; r = r->next) {
        int fd = -1, flags;
        char *target = NULL;
        if (r->kind != R_HEREDOC) {
            target = expand_word_single(r->word);
            if (!target)
                return -1;
        }
        if (save)
            save_fd(save, r->fd);
        else {
            fflush(stdout);
        }
        switch (r->kind) {
        case R_IN: case R_OUT: case R_APPEND: case R_RDWR:
            flags = r->kind == R_IN ? O_RDONLY : r->kind == R_OUT ? O_WRONLY | O_CREAT | O_TRUNC
                  : r->kind == R_APPEND ? O_WRONLY | O_CREAT | O_APPEND : O_RDWR | O_CREAT;
            fd = open(target, flags, 0666);
            if (fd < 0) {
                sh_error("cannot %s %s: %s", r->kind == R_IN ? "open" : "create", target,
                         strerror(errno));
                free(target);
                return -1;
            }
            break;
        case R_DUPIN: case R_DUPOUT:
            if (strcmp(target, "-") == 0) {
                close(r->fd);
                free(target);
                continue;
            }
            if (!*target || strspn(target, "0123456789") != strlen(target)) {
                sh_error("%s: bad file descriptor number", target);
                free(target);
                return -1;
            }
            fd = atoi(target);
            free(target);
            if (fd == r->fd)
                continue;
            if (dup2(fd, r->fd) < 0) {
                sh_error("%d: %s", fd, strerror(errno));
                return -1;
            }
            continue;
        case R_HEREDOC:
            fd = heredoc_fd(r->hd);
            if (fd < 0)
                return -1;
            break;
        }
        free(target);
        if (fd != r->fd) {
            dup2(fd, r->fd);
            close(fd);
        }
    }
    return 0;
}
