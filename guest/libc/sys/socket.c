/* The socket library over /dev/uds (as MINIX 3.1.8's libc): socket() opens a
 * clone of /dev/uds and sets its type; every other call is an ioctl on the
 * socket (request codes in <minix/gen/socket.h>, from emu/abi/uds.py). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#define UDS_DEVICE "/dev/uds"

static int uds_open(int type)
{
    int fd = open(UDS_DEVICE, O_RDWR);
    if (fd < 0)
        return -1;
    if (ioctl(fd, NWIOSUDSTYPE, &type) < 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

int socket(int domain, int type, int protocol)
{
    if (domain != AF_UNIX) {
        errno = EAFNOSUPPORT;
        return -1;
    }
    if (type != SOCK_STREAM && type != SOCK_DGRAM && type != SOCK_SEQPACKET) {
        errno = EPROTOTYPE;
        return -1;
    }
    if (protocol != 0) {
        errno = EPROTONOSUPPORT;
        return -1;
    }
    return uds_open(type);
}

int socketpair(int domain, int type, int protocol, int sv[2])
{
    struct stat st;
    if (domain != AF_UNIX) {
        errno = EAFNOSUPPORT;
        return -1;
    }
    if (type == SOCK_DGRAM) {
        errno = EPROTOTYPE;
        return -1;
    }
    int a = socket(domain, type, protocol);
    if (a < 0)
        return -1;
    int b = socket(domain, type, protocol);
    if (b < 0 || fstat(b, &st) < 0 || ioctl(a, NWIOSUDSPAIR, &st.st_dev) < 0) {
        int e = errno;
        close(a);
        if (b >= 0)
            close(b);
        errno = e;
        return -1;
    }
    sv[0] = a;
    sv[1] = b;
    return 0;
}

/* A sockaddr_un of `len` bytes copied into a full, NUL-terminated one. */
static int get_addr(const struct sockaddr *addr, socklen_t len, struct sockaddr_un *out)
{
    if (addr == NULL) {
        errno = EFAULT;
        return -1;
    }
    memset(out, 0, sizeof(*out));
    if (len > sizeof(*out))
        len = sizeof(*out);
    memcpy(out, addr, len);
    out->sun_path[sizeof(out->sun_path) - 1] = '\0';
    if (out->sun_family != AF_UNIX) {
        errno = EAFNOSUPPORT;
        return -1;
    }
    return 0;
}

/* Copy an address PFS gave back out to the caller's (addr, *len). */
static void put_addr(const struct sockaddr_un *un, struct sockaddr *addr, socklen_t *len)
{
    if (addr == NULL || len == NULL)
        return;
    socklen_t n = sizeof(*un);
    if (n > *len)
        n = *len;
    memcpy(addr, un, n);
    *len = SUN_LEN(un);
}

int bind(int sd, const struct sockaddr *addr, socklen_t len)
{
    struct sockaddr_un un;
    if (get_addr(addr, len, &un) < 0)
        return -1;
    if (un.sun_path[0] == '\0') {
        errno = ENOENT;
        return -1;
    }
    /* A stale socket file is bound again (3.1.8's library tolerates
     * EEXIST); anything else already at the path is EADDRINUSE, as on
     * Linux, rather than a regular file quietly taken for a socket. */
    int created = mknod(un.sun_path, S_IFSOCK | 0666, 0) == 0;
    if (!created) {
        struct stat st;
        if (errno != EEXIST || stat(un.sun_path, &st) < 0)
            return -1;
        if (!S_ISSOCK(st.st_mode)) {
            errno = EADDRINUSE;
            return -1;
        }
    }
    if (ioctl(sd, NWIOSUDSADDR, &un) < 0) {
        int e = errno;
        if (created)
            unlink(un.sun_path);
        errno = e;
        return -1;
    }
    return 0;
}

int listen(int sd, int backlog)
{
    return ioctl(sd, NWIOSUDSBLOG, &backlog);
}

int connect(int sd, const struct sockaddr *addr, socklen_t len)
{
    struct sockaddr_un un;
    if (get_addr(addr, len, &un) < 0)
        return -1;
    return ioctl(sd, NWIOSUDSCONN, &un);
}

int accept(int sd, struct sockaddr *addr, socklen_t *len)
{
    struct sockaddr_un un;
    int type;
    if (ioctl(sd, NWIOGUDSSOTYPE, &type) < 0 || ioctl(sd, NWIOGUDSADDR, &un) < 0)
        return -1;
    int fd = open(UDS_DEVICE, O_RDWR);
    if (fd < 0)
        return -1;
    /* A non-blocking listener makes the wait for a connection non-blocking. */
    int flags = fcntl(sd, F_GETFL);
    int nonblock = flags >= 0 && (flags & O_NONBLOCK);
    if (nonblock)
        fcntl(fd, F_SETFL, O_NONBLOCK);
    if (ioctl(fd, NWIOSUDSACCEPT, &un) < 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    if (nonblock)
        fcntl(fd, F_SETFL, 0);
    put_addr(&un, addr, len);
    return fd;
}

int getsockname(int sd, struct sockaddr *addr, socklen_t *len)
{
    struct sockaddr_un un;
    if (ioctl(sd, NWIOGUDSADDR, &un) < 0)
        return -1;
    put_addr(&un, addr, len);
    return 0;
}

int getpeername(int sd, struct sockaddr *addr, socklen_t *len)
{
    struct sockaddr_un un;
    if (ioctl(sd, NWIOGUDSPADDR, &un) < 0)
        return -1;
    put_addr(&un, addr, len);
    return 0;
}

/* Flags PFS applies to this process's next transfer on the socket
 * (MSG_PEEK, MSG_DONTWAIT, MSG_NOSIGNAL); nothing is sent for none. */
static int set_flags(int sd, int flags)
{
    flags &= MSG_PEEK | MSG_DONTWAIT | MSG_NOSIGNAL;
    return flags ? ioctl(sd, NWIOSUDSMSGFLAGS, &flags) : 0;
}

ssize_t send(int sd, const void *buf, size_t len, int flags)
{
    if (set_flags(sd, flags) < 0)
        return -1;
    return write(sd, buf, len);
}

ssize_t recv(int sd, void *buf, size_t len, int flags)
{
    if (set_flags(sd, flags) < 0)
        return -1;
    ssize_t n = read(sd, buf, len);
    if (!(flags & MSG_WAITALL) || (flags & MSG_PEEK) || n <= 0)
        return n;
    /* MSG_WAITALL: go on until all of it came, or end of file or an error. */
    size_t done = (size_t) n;
    while (done < len) {
        ssize_t k = read(sd, (char *) buf + done, len - done);
        if (k <= 0)
            break;
        done += (size_t) k;
    }
    return (ssize_t) done;
}

ssize_t sendto(int sd, const void *buf, size_t len, int flags, const struct sockaddr *to,
               socklen_t tolen)
{
    if (to != NULL) {
        struct sockaddr_un un;
        if (get_addr(to, tolen, &un) < 0 || ioctl(sd, NWIOSUDSTADDR, &un) < 0)
            return -1;
    }
    return send(sd, buf, len, flags);
}

ssize_t recvfrom(int sd, void *buf, size_t len, int flags, struct sockaddr *from,
                 socklen_t *fromlen)
{
    ssize_t n = recv(sd, buf, len, flags);
    if (n >= 0 && from != NULL && fromlen != NULL) {
        struct sockaddr_un un;
        int type = 0;
        if (ioctl(sd, NWIOGUDSSOTYPE, &type) == 0 && type == SOCK_DGRAM &&
            ioctl(sd, NWIOGUDSFADDR, &un) == 0)
            put_addr(&un, from, fromlen);
        else if (ioctl(sd, NWIOGUDSPADDR, &un) == 0)
            put_addr(&un, from, fromlen);
    }
    return n;
}

/* The bytes an iovec array holds; (size_t) -1 when the sum overflows ssize_t. */
static size_t iov_total(const struct iovec *iov, int n)
{
    size_t total = 0;
    for (int i = 0; i < n; i++) {
        if (iov[i].iov_len > 0x7FFFFFFFu - total)
            return (size_t) -1;
        total += iov[i].iov_len;
    }
    return total;
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
    if (iovcnt < 0 || iovcnt > IOV_MAX || (iovcnt && iov == NULL)) {
        errno = EINVAL;
        return -1;
    }
    size_t total = iov_total(iov, iovcnt);
    if (total == (size_t) -1) {
        errno = EINVAL;
        return -1;
    }
    char *buf = malloc(total ? total : 1);
    if (buf == NULL) {
        errno = ENOMEM;
        return -1;
    }
    size_t off = 0;
    for (int i = 0; i < iovcnt; i++) {
        memcpy(buf + off, iov[i].iov_base, iov[i].iov_len);
        off += iov[i].iov_len;
    }
    ssize_t n = write(fd, buf, total);
    int e = errno;
    free(buf);
    errno = e;
    return n;
}

ssize_t readv(int fd, const struct iovec *iov, int iovcnt)
{
    if (iovcnt < 0 || iovcnt > IOV_MAX || (iovcnt && iov == NULL)) {
        errno = EINVAL;
        return -1;
    }
    size_t total = iov_total(iov, iovcnt);
    if (total == (size_t) -1) {
        errno = EINVAL;
        return -1;
    }
    char *buf = malloc(total ? total : 1);
    if (buf == NULL) {
        errno = ENOMEM;
        return -1;
    }
    ssize_t n = read(fd, buf, total);
    int e = errno;
    size_t off = 0;
    for (int i = 0; n > 0 && i < iovcnt && off < (size_t) n; i++) {
        size_t k = iov[i].iov_len;
        if (k > (size_t) n - off)
            k = (size_t) n - off;
        memcpy(iov[i].iov_base, buf + off, k);
        off += k;
    }
    free(buf);
    errno = e;
    return n;
}

ssize_t sendmsg(int sd, const struct msghdr *msg, int flags)
{
    if (msg == NULL) {
        errno = EFAULT;
        return -1;
    }
    if (msg->msg_controllen > MSG_CONTROL_MAX) {
        errno = ENOMEM;
        return -1;
    }
    if (msg->msg_name != NULL) {
        struct sockaddr_un un;
        if (get_addr(msg->msg_name, msg->msg_namelen, &un) < 0 ||
            ioctl(sd, NWIOSUDSTADDR, &un) < 0)
            return -1;
    }
    if (msg->msg_controllen > 0) {
        /* The control data goes first: PFS takes the descriptors in flight. */
        struct msg_control ctl;
        if (msg->msg_control == NULL) {
            errno = EFAULT;
            return -1;
        }
        memset(&ctl, 0, sizeof(ctl));
        memcpy(ctl.msg_control, msg->msg_control, msg->msg_controllen);
        ctl.msg_controllen = msg->msg_controllen;
        if (ioctl(sd, NWIOSUDSCTRL, &ctl) < 0)
            return -1;
    }
    if (set_flags(sd, flags) < 0)
        return -1;
    return writev(sd, msg->msg_iov, msg->msg_iovlen);
}

ssize_t recvmsg(int sd, struct msghdr *msg, int flags)
{
    if (msg == NULL) {
        errno = EFAULT;
        return -1;
    }
    if (set_flags(sd, flags) < 0)
        return -1;
    ssize_t n = readv(sd, msg->msg_iov, msg->msg_iovlen);
    if (n < 0)
        return -1;
    msg->msg_flags = 0;
    /* The ancillary data sent with what was read: descriptors, credentials. */
    struct msg_control ctl;
    socklen_t room = msg->msg_control != NULL ? msg->msg_controllen : 0;
    if (room > MSG_CONTROL_MAX)
        room = MSG_CONTROL_MAX;
    memset(&ctl, 0, sizeof(ctl));
    ctl.msg_controllen = room;
    int r = ioctl(sd, NWIOGUDSCTRL, &ctl);
    if (r < 0)
        return -1;
    if (r & MSG_CTRUNC)
        msg->msg_flags |= MSG_CTRUNC;
    if (ctl.msg_controllen > room)
        ctl.msg_controllen = room;
    if (room > 0)
        memcpy(msg->msg_control, ctl.msg_control, ctl.msg_controllen);
    msg->msg_controllen = ctl.msg_controllen;
    if (msg->msg_name != NULL) {
        struct sockaddr_un un;
        socklen_t len = msg->msg_namelen;
        if (ioctl(sd, NWIOGUDSFADDR, &un) == 0) {
            put_addr(&un, msg->msg_name, &len);
            msg->msg_namelen = len;
        }
    }
    return n;
}

int shutdown(int sd, int how)
{
    int r = ioctl(sd, NWIOSUDSSHUT, &how);
    if (r < 0 && errno == ENOTTY)
        errno = ENOSYS;     /* not a socket: what 3.1.8's library reports */
    return r;
}

/* ioctl on something that is not a socket: ENOTSOCK for the option calls. */
static int sock_ioctl(int sd, unsigned long req, void *arg)
{
    int r = ioctl(sd, req, arg);
    if (r < 0 && (errno == ENOTTY || errno == EBADIOCTL))
        errno = ENOTSOCK;
    return r;
}

int getsockopt(int sd, int level, int name, void *value, socklen_t *len)
{
    int v;
    if (level != SOL_SOCKET) {
        errno = ENOPROTOOPT;
        return -1;
    }
    if (value == NULL || len == NULL) {
        errno = EFAULT;
        return -1;
    }
    switch (name) {
    case SO_TYPE:
        if (sock_ioctl(sd, NWIOGUDSSOTYPE, &v) < 0)
            return -1;
        break;
    case SO_SNDBUF:
        if (sock_ioctl(sd, NWIOGUDSSNDBUF, &v) < 0)
            return -1;
        break;
    case SO_RCVBUF:
        if (sock_ioctl(sd, NWIOGUDSRCVBUF, &v) < 0)
            return -1;
        break;
    case SO_ERROR:
        if (sock_ioctl(sd, NWIOGUDSERR, &v) < 0)
            return -1;
        break;
    case SO_PASSCRED:       /* credentials always go with the data: always on */
    case SO_REUSEADDR:      /* a stale socket file is bound again (bind) */
        if (sock_ioctl(sd, NWIOGUDSSOTYPE, &v) < 0)
            return -1;
        v = 1;
        break;
    case SO_PEERCRED: {
        struct ucred cred;
        if (sock_ioctl(sd, NWIOGUDSPEERCRED, &cred) < 0)
            return -1;
        socklen_t n = *len < sizeof(cred) ? *len : sizeof(cred);
        memcpy(value, &cred, n);
        *len = n;
        return 0;
    }
    default:
        errno = ENOPROTOOPT;
        return -1;
    }
    socklen_t n = *len < sizeof(v) ? *len : sizeof(v);
    memcpy(value, &v, n);
    *len = n;
    return 0;
}

int setsockopt(int sd, int level, int name, const void *value, socklen_t len)
{
    int v;
    if (level != SOL_SOCKET) {
        errno = ENOPROTOOPT;
        return -1;
    }
    if (value == NULL || len < sizeof(int)) {
        errno = value == NULL ? EFAULT : EINVAL;
        return -1;
    }
    memcpy(&v, value, sizeof(v));
    switch (name) {
    case SO_SNDBUF:
        return sock_ioctl(sd, NWIOSUDSSNDBUF, &v);
    case SO_RCVBUF:
        return sock_ioctl(sd, NWIOSUDSRCVBUF, &v);
    case SO_PASSCRED:
    case SO_REUSEADDR:
    case SO_KEEPALIVE:
        return sock_ioctl(sd, NWIOGUDSSOTYPE, &v) < 0 ? -1 : 0;
    default:
        errno = ENOPROTOOPT;
        return -1;
    }
}

int getpeereid(int sd, uid_t *euid, gid_t *egid)
{
    struct ucred cred;
    if (sock_ioctl(sd, NWIOGUDSPEERCRED, &cred) < 0)
        return -1;
    *euid = cred.uid;
    *egid = cred.gid;
    return 0;
}
