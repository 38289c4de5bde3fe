/* The password file: getpwent, getpwnam, getpwuid over /etc/passwd, one
 * "name:passwd:uid:gid:gecos:dir:shell" line per user. Lines that do not
 * have seven fields and ids from 0 to 65535 are skipped; an id is stored in
 * uid_t (short) and gid_t (char, so gids above 127 wrap) as 3.1.8 does.
 * Results live in static storage, overwritten by the next call. */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX_PW 1024

static const char *pwfile = "/etc/passwd";
static FILE *pwf;
static char line[LINE_MAX_PW];
static struct passwd entry;

/* Split s at each sep into at most n fields; returns how many it found. */
int _split_fields(char *s, char sep, char **fields, int n)
{
    int k = 0;

    fields[k++] = s;
    for (; *s != '\0'; s++) {
        if (*s == sep) {
            if (k == n)
                return n + 1;               /* too many */
            *s = '\0';
            fields[k++] = s + 1;
        }
    }
    return k;
}

/* A decimal id in [0, max]; -1 if s is anything else. */
long _parse_id(const char *s, long max)
{
    char *end;
    long v;

    if (*s < '0' || *s > '9')
        return -1;
    v = strtol(s, &end, 10);
    return *end != '\0' || v > max ? -1 : v;
}

int setpwfile(const char *file)
{
    endpwent();
    pwfile = file;
    return 0;
}

void setpwent(void)
{
    if (pwf != NULL)
        rewind(pwf);
}

void endpwent(void)
{
    if (pwf != NULL)
        fclose(pwf);
    pwf = NULL;
}

struct passwd *getpwent(void)
{
    char *f[7];
    long uid, gid;
    size_t len;

    if (pwf == NULL && (pwf = fopen(pwfile, "r")) == NULL)
        return NULL;
    while (fgets(line, sizeof(line), pwf) != NULL) {
        len = strlen(line);
        if (len > 0 && line[len - 1] == '\n')
            line[--len] = '\0';
        else if (len == sizeof(line) - 1) {         /* overlong: skip the rest */
            int c;
            while ((c = getc(pwf)) != EOF && c != '\n')
                ;
            continue;
        }
        if (_split_fields(line, ':', f, 7) != 7)
            continue;
        uid = _parse_id(f[2], 65535);       /* stored as uid_t and gid_t, as 3.1.8 */
        gid = _parse_id(f[3], 65535);
        if (uid < 0 || gid < 0 || f[0][0] == '\0')
            continue;
        entry.pw_name = f[0];
        entry.pw_passwd = f[1];
        entry.pw_uid = (uid_t) uid;
        entry.pw_gid = (gid_t) gid;
        entry.pw_gecos = f[4];
        entry.pw_dir = f[5];
        entry.pw_shell = f[6];
        return &entry;
    }
    return NULL;
}

struct passwd *getpwnam(const char *name)
{
    struct passwd *pw;

    endpwent();
    while ((pw = getpwent()) != NULL && strcmp(pw->pw_name, name) != 0)
        ;
    endpwent();
    return pw;
}

struct passwd *getpwuid(uid_t uid)
{
    struct passwd *pw;

    endpwent();
    while ((pw = getpwent()) != NULL && pw->pw_uid != uid)
        ;
    endpwent();
    return pw;
}
