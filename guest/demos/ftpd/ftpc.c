/* The ftpd demo's client: logs in over FTP_SOCKET and runs commands.
 * Usage: ftpc USER PASS [put LOCAL REMOTE | get REMOTE LOCAL | list]...
 * Prints what the server says; exits 0 if every command succeeded, 2 if the
 * server refused one, 1 on a local error. */
#include "ftp.h"

static int sd;

/* The server's next reply line, printed; its code. */
static int reply(char *line, size_t size)
{
    if (read_line(sd, line, size) < 0) {
        fprintf(stderr, "ftpc: the server closed the connection\n");
        exit(1);
    }
    printf("%s\n", line);
    return atoi(line);
}

static int put(const char *local, const char *remote)
{
    char line[256], buf[4096];
    struct stat st;
    int fd = open(local, O_RDONLY);
    if (fd < 0 || fstat(fd, &st) < 0) {
        perror(local);
        exit(1);
    }
    say(sd, "STOR %s %ld\n", remote, (long) st.st_size);
    if (reply(line, sizeof(line)) != 150) {
        close(fd);
        return 2;
    }
    ssize_t n;
    while ((n = read(fd, buf, sizeof(buf))) > 0)
        write(sd, buf, n);
    close(fd);
    return reply(line, sizeof(line)) == 226 ? 0 : 2;
}

static int get(const char *remote, const char *local)
{
    char line[256], buf[4096];
    say(sd, "RETR %s\n", remote);
    if (reply(line, sizeof(line)) != 150)
        return 2;
    long size = atol(line + 4);
    int fd = open(local, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        perror(local);
        exit(1);
    }
    while (size > 0) {
        ssize_t n = read(sd, buf, size < (long) sizeof(buf) ? size : (long) sizeof(buf));
        if (n <= 0)
            exit(1);
        write(fd, buf, n);
        size -= n;
    }
    close(fd);
    return reply(line, sizeof(line)) == 226 ? 0 : 2;
}

static int list(void)
{
    char line[256];
    say(sd, "LIST\n");
    if (reply(line, sizeof(line)) != 150)
        return 2;
    while (reply(line, sizeof(line)) != 226)
        ;
    return 0;
}

int main(int argc, char **argv)
{
    struct sockaddr_un a;
    char line[256];
    int status = 0;
    if (argc < 3) {
        fprintf(stderr, "usage: ftpc USER PASS [put L R | get R L | list]...\n");
        return 1;
    }
    memset(&a, 0, sizeof(a));
    a.sun_family = AF_UNIX;
    strcpy(a.sun_path, FTP_SOCKET);
    if ((sd = socket(AF_UNIX, SOCK_STREAM, 0)) < 0 ||
        connect(sd, (struct sockaddr *) &a, sizeof(a)) < 0) {
        perror("ftpc: " FTP_SOCKET);
        return 1;
    }
    reply(line, sizeof(line));
    say(sd, "USER %s\n", argv[1]);
    reply(line, sizeof(line));
    say(sd, "PASS %s\n", argv[2]);
    if (reply(line, sizeof(line)) != 230)
        return 2;
    for (int i = 3; i < argc; i++) {
        int r;
        if (strcmp(argv[i], "put") == 0 && i + 2 < argc) {
            r = put(argv[i + 1], argv[i + 2]);
            i += 2;
        } else if (strcmp(argv[i], "get") == 0 && i + 2 < argc) {
            r = get(argv[i + 1], argv[i + 2]);
            i += 2;
        } else if (strcmp(argv[i], "list") == 0) {
            r = list();
        } else {
            fprintf(stderr, "ftpc: bad command %s\n", argv[i]);
            return 1;
        }
        if (r)
            status = r;
    }
    say(sd, "QUIT\n");
    reply(line, sizeof(line));
    close(sd);
    return status;
}
