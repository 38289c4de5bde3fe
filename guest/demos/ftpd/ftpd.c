/* A pure-ftpd-style server with privilege separation over Unix domain sockets.
 *
 * The root monitor listens on FTP_SOCKET. For each client it makes a
 * socketpair and forks a session; the session reads USER/PASS and asks the
 * monitor to check them ("AUTH user pass"). Once logged in the session drops
 * to the user's uid and gid and can no longer open anything under FTP_ROOT
 * (0700 root), so for RETR and STOR it asks the monitor ("OPEN R name",
 * "OPEN W name", "LIST"); the monitor checks that the file is the user's and
 * passes the opened descriptor back with SCM_RIGHTS. Protocol (one line
 * each): USER u, PASS p, LIST, RETR name, STOR name size + size bytes, QUIT.
 * Usage: ftpd [sessions]: serve that many sessions, then exit (0: for ever). */
#include "ftp.h"

struct account { const char *name, *pass; int uid, gid; };
static const struct account accounts[] = {
    { "user", "secret", 1000, 100 }, { "guest", "guest", 1001, 100 }, { NULL, NULL, 0, 0 }
};

static const struct account *find(const char *name, const char *pass)
{
    for (const struct account *a = accounts; a->name; a++)
        if (strcmp(a->name, name) == 0 && (pass == NULL || strcmp(a->pass, pass) == 0))
            return a;
    return NULL;
}

static int good_name(const char *name)
{
    return name[0] && strchr(name, '/') == NULL && strcmp(name, ".") && strcmp(name, "..");
}

/* The monitor's side of one session: answer its requests until it exits. */
static void monitor(int ctl)
{
    char req[256], path[300], user[64] = "", pass[64];
    const struct account *who = NULL;
    int fd;
    while (recv_with_fd(ctl, req, sizeof(req), &fd) == 0) {
        if (sscanf(req, "AUTH %63s %63s", user, pass) == 2) {
            who = find(user, pass);
            if (who == NULL)
                send_with_fd(ctl, "NO", -1);
            else {
                snprintf(path, sizeof(path), "OK %d %d", who->uid, who->gid);
                send_with_fd(ctl, path, -1);
            }
        } else if (who != NULL && strncmp(req, "OPEN ", 5) == 0 && good_name(req + 7)) {
            struct stat st;
            snprintf(path, sizeof(path), "%s/%s", FTP_ROOT, req + 7);
            int f = -1;
            if (req[5] == 'R') {
                /* Only the owner's own files. */
                if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == who->uid)
                    f = open(path, O_RDONLY);
            } else if (stat(path, &st) < 0 || st.st_uid == who->uid) {
                f = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
                if (f >= 0)
                    fchown(f, who->uid, who->gid);
            }
            send_with_fd(ctl, f >= 0 ? "OK" : "NO", f);
            if (f >= 0)
                close(f);              /* the session has its own copy now */
        } else if (who != NULL && strcmp(req, "LIST") == 0) {
            /* The listing goes back as a descriptor too: a pipe the monitor fills. */
            int p[2];
            if (pipe(p) < 0) {
                send_with_fd(ctl, "NO", -1);
                continue;
            }
            DIR *d = opendir(FTP_ROOT);
            struct dirent *e;
            struct stat st;
            while (d && (e = readdir(d)) != NULL) {
                snprintf(path, sizeof(path), "%s/%s", FTP_ROOT, e->d_name);
                if (good_name(e->d_name) && stat(path, &st) == 0 && st.st_uid == who->uid) {
                    snprintf(req, sizeof(req), "%s %ld\n", e->d_name, (long) st.st_size);
                    write(p[1], req, strlen(req));
                }
            }
            if (d)
                closedir(d);
            close(p[1]);
            send_with_fd(ctl, "OK", p[0]);
            close(p[0]);
        } else {
            send_with_fd(ctl, "NO", -1);
        }
        if (fd >= 0)
            close(fd);
    }
}

/* Ask the monitor; the descriptor it passes back (or -1) in *fd. */
static int ask(int ctl, const char *req, int *fd, char *answer, size_t size)
{
    if (send_with_fd(ctl, req, -1) < 0 || recv_with_fd(ctl, answer, size, fd) < 0)
        return -1;
    return strncmp(answer, "OK", 2) == 0 ? 0 : -1;
}

static void copy(int from, int to, long n)
{
    char buf[4096];
    while (n != 0) {
        ssize_t r = read(from, buf, n > 0 && n < (long) sizeof(buf) ? n : (long) sizeof(buf));
        if (r <= 0 || write(to, buf, r) != r)
            break;
        if (n > 0)
            n -= r;
    }
}

/* The session: the client's protocol, root only until it logs in. */
static int session(int client, int ctl)
{
    char line[300], user[64] = "", answer[64], req[300];
    int fd, uid, gid, logged = 0;
    say(client, "220 minixemu ftpd ready\n");
    while (read_line(client, line, sizeof(line)) >= 0) {
        if (sscanf(line, "USER %63s", user) == 1) {
            say(client, "331 password please\n");
        } else if (strncmp(line, "PASS ", 5) == 0 && user[0] && !logged) {
            snprintf(req, sizeof(req), "AUTH %s %s", user, line + 5);
            if (ask(ctl, req, &fd, answer, sizeof(answer)) == 0 &&
                sscanf(answer, "OK %d %d", &uid, &gid) == 2 &&
                setgid(gid) == 0 && setuid(uid) == 0) {
                logged = 1;
                say(client, "230 logged in as %s (uid %d)\n", user, (int) getuid());
            } else {
                say(client, "530 login incorrect\n");
            }
        } else if (!logged && strcmp(line, "QUIT")) {
            say(client, "530 log in first\n");
        } else if (strcmp(line, "LIST") == 0) {
            if (ask(ctl, "LIST", &fd, answer, sizeof(answer)) == 0 && fd >= 0) {
                say(client, "150 listing\n");
                copy(fd, client, -1);
                close(fd);
                say(client, "226 done\n");
            } else {
                say(client, "550 no listing\n");
            }
        } else if (strncmp(line, "RETR ", 5) == 0) {
            struct stat st;
            snprintf(req, sizeof(req), "OPEN R %s", line + 5);
            if (ask(ctl, req, &fd, answer, sizeof(answer)) == 0 && fd >= 0 &&
                fstat(fd, &st) == 0) {
                say(client, "150 %ld\n", (long) st.st_size);
                copy(fd, client, st.st_size);
                close(fd);
                say(client, "226 done\n");
            } else {
                say(client, "550 %s: permission denied\n", line + 5);
            }
        } else if (strncmp(line, "STOR ", 5) == 0) {
            char name[200];
            long size;
            if (sscanf(line + 5, "%199s %ld", name, &size) != 2 || size < 0) {
                say(client, "501 STOR name size\n");
                continue;
            }
            snprintf(req, sizeof(req), "OPEN W %s", name);
            int ok = ask(ctl, req, &fd, answer, sizeof(answer)) == 0 && fd >= 0;
            say(client, ok ? "150 send %ld bytes\n" : "550 cannot store\n", size);
            if (!ok)
                continue;
            copy(client, fd, size);
            close(fd);
            say(client, "226 stored\n");
        } else if (strcmp(line, "QUIT") == 0) {
            say(client, "221 bye\n");
            break;
        } else {
            say(client, "500 unknown command\n");
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    int sessions = argc > 1 ? atoi(argv[1]) : 0;
    struct sockaddr_un a;
    int sd;
    if (geteuid() != 0) {
        fprintf(stderr, "ftpd: the monitor must run as root\n");
        return 1;
    }
    mkdir(FTP_ROOT, 0700);
    chmod(FTP_ROOT, 0700);
    memset(&a, 0, sizeof(a));
    a.sun_family = AF_UNIX;
    strcpy(a.sun_path, FTP_SOCKET);
    unlink(FTP_SOCKET);
    if ((sd = socket(AF_UNIX, SOCK_STREAM, 0)) < 0 ||
        bind(sd, (struct sockaddr *) &a, sizeof(a)) < 0 || chmod(FTP_SOCKET, 0666) < 0 ||
        listen(sd, 8) < 0) {
        perror("ftpd: " FTP_SOCKET);
        return 1;
    }
    for (int served = 0; sessions == 0 || served < sessions; served++) {
        int client = accept(sd, NULL, NULL), sv[2];
        if (client < 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) {
            perror("ftpd: accept");
            return 1;
        }
        pid_t pid = fork();
        if (pid == 0) {
            close(sd);
            close(sv[0]);
            _exit(session(client, sv[1]));
        }
        close(client);
        close(sv[1]);
        monitor(sv[0]);                  /* until the session closes its end */
        close(sv[0]);
        waitpid(pid, NULL, 0);
    }
    close(sd);
    unlink(FTP_SOCKET);
    return 0;
}
