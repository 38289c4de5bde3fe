/* Runs the ftpd demo end to end without a shell: starts the monitor for two
 * sessions, then the client as "user" (upload 50,000 bytes, list, download)
 * and as "guest" (asking for user's file, which must be refused), and
 * compares the downloaded bytes with the uploaded ones. Prints "ftp demo ok". */
#include "ftp.h"

static int run(char *const argv[])
{
    int status;
    pid_t pid = fork();
    if (pid == 0) {
        execv(argv[0], argv);
        perror(argv[0]);
        _exit(127);
    }
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(void)
{
    static char data[50000], back[50001];
    struct stat st;
    for (int i = 0; i < (int) sizeof(data); i++)
        data[i] = (char) ("0123456789abcdef"[i % 16] + i / 4096);
    int fd = open("/tmp/up.bin", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write(fd, data, sizeof(data)) != (ssize_t) sizeof(data) || close(fd) < 0)
        return 1;
    unlink(FTP_SOCKET);
    pid_t server = fork();
    if (server == 0) {
        execl("/usr/demos/ftpd/ftpd", "ftpd", "2", (char *) NULL);
        _exit(127);
    }
    for (int i = 0; i < 1000 && stat(FTP_SOCKET, &st) < 0; i++)
        for (volatile int j = 0; j < 10000; j++)
            ;
    char *user[] = { "/usr/demos/ftpd/ftpc", "user", "secret", "put", "/tmp/up.bin",
                     "notes.bin", "list", "get", "notes.bin", "/tmp/down.bin", NULL };
    char *guest[] = { "/usr/demos/ftpd/ftpc", "guest", "guest", "get", "notes.bin",
                      "/tmp/stolen.bin", NULL };
    int r1 = run(user);
    int r2 = run(guest);
    int status;
    waitpid(server, &status, 0);
    fd = open("/tmp/down.bin", O_RDONLY);
    ssize_t n = fd < 0 ? -1 : read(fd, back, sizeof(back));
    int same = n == (ssize_t) sizeof(data) && memcmp(data, back, sizeof(data)) == 0;
    printf("user session: %d, guest session: %d, bytes back: %ld, same: %s\n", r1, r2,
           (long) n, same ? "yes" : "no");
    if (stat("/tmp/ftproot/notes.bin", &st) == 0)
        printf("stored as uid %d mode %o\n", st.st_uid, st.st_mode & 0777);
    int ok = r1 == 0 && r2 == 2 && same && WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
             stat("/tmp/stolen.bin", &st) < 0;
    printf(ok ? "ftp demo ok\n" : "ftp demo FAILED\n");
    return ok ? 0 : 1;
}
