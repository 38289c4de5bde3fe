/* <sys/socket.h>: the socket API (Unix domain sockets over /dev/uds), with
 * MINIX 3.1.8's layouts: a one-byte sa_family_t, struct msg_control for the
 * ancillary-data ioctls. Numbers are generated from emu/abi/uds.py. */
#ifndef _SYS_SOCKET_H
#define _SYS_SOCKET_H

#include <sys/types.h>
#include <sys/uio.h>
#include <sys/ucred.h>
#include <minix/gen/ioctl.h>
#include <minix/gen/socket.h>

typedef uint8_t sa_family_t;

#define PF_UNSPEC AF_UNSPEC
#define PF_UNIX AF_UNIX
#define AF_LOCAL AF_UNIX
#define PF_LOCAL AF_UNIX
#define AF_FILE AF_UNIX
#define PF_FILE AF_UNIX
#define PF_INET AF_INET

struct sockaddr {
    sa_family_t sa_family;
    char sa_data[14];
};

struct sockaddr_storage {
    sa_family_t ss_family;
    char __ss_pad[127];
};

struct msghdr {
    void *msg_name;
    socklen_t msg_namelen;
    struct iovec *msg_iov;
    int msg_iovlen;
    void *msg_control;
    socklen_t msg_controllen;
    int msg_flags;
};

struct cmsghdr {
    socklen_t cmsg_len;
    int cmsg_level;
    int cmsg_type;
};

/* The control data of sendmsg/recvmsg as it travels to PFS. */
struct msg_control {
    char msg_control[MSG_CONTROL_MAX];
    socklen_t msg_controllen;
};

#define CMSG_ALIGN(n) (((n) + sizeof(int) - 1) & ~(sizeof(int) - 1))
#define CMSG_DATA(c) ((unsigned char *) (c) + CMSG_ALIGN(sizeof(struct cmsghdr)))
#define CMSG_SPACE(n) (CMSG_ALIGN(sizeof(struct cmsghdr)) + CMSG_ALIGN(n))
#define CMSG_LEN(n) (CMSG_ALIGN(sizeof(struct cmsghdr)) + (n))
#define CMSG_FIRSTHDR(m) \
    ((m)->msg_controllen >= sizeof(struct cmsghdr) ? (struct cmsghdr *) (m)->msg_control \
                                                   : (struct cmsghdr *) 0)
#define CMSG_NXTHDR(m, c) __cmsg_nxthdr((m), (c))

static inline struct cmsghdr *__cmsg_nxthdr(const struct msghdr *m, const struct cmsghdr *c)
{
    char *end = (char *) m->msg_control + m->msg_controllen;
    char *next;
    if (c == 0)
        return CMSG_FIRSTHDR(m);
    if (c->cmsg_len < sizeof(struct cmsghdr))
        return (struct cmsghdr *) 0;
    next = (char *) c + CMSG_ALIGN(c->cmsg_len);
    if (next + sizeof(struct cmsghdr) > end || next + CMSG_ALIGN(((struct cmsghdr *) next)->cmsg_len) > end)
        return (struct cmsghdr *) 0;
    return (struct cmsghdr *) next;
}

int socket(int domain, int type, int protocol);
int socketpair(int domain, int type, int protocol, int sv[2]);
int bind(int sd, const struct sockaddr *addr, socklen_t len);
int listen(int sd, int backlog);
int connect(int sd, const struct sockaddr *addr, socklen_t len);
int accept(int sd, struct sockaddr *addr, socklen_t *len);
int getsockname(int sd, struct sockaddr *addr, socklen_t *len);
int getpeername(int sd, struct sockaddr *addr, socklen_t *len);
ssize_t send(int sd, const void *buf, size_t len, int flags);
ssize_t recv(int sd, void *buf, size_t len, int flags);
ssize_t sendto(int sd, const void *buf, size_t len, int flags, const struct sockaddr *to,
               socklen_t tolen);
ssize_t recvfrom(int sd, void *buf, size_t len, int flags, struct sockaddr *from,
                 socklen_t *fromlen);
ssize_t sendmsg(int sd, const struct msghdr *msg, int flags);
ssize_t recvmsg(int sd, struct msghdr *msg, int flags);
int shutdown(int sd, int how);
int getsockopt(int sd, int level, int name, void *value, socklen_t *len);
int setsockopt(int sd, int level, int name, const void *value, socklen_t len);
int getpeereid(int sd, uid_t *euid, gid_t *egid);

#endif
