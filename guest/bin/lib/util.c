/* The tools' shared helpers: ls-style mode strings, chmod's symbolic modes,
 * user and group names from /etc/passwd and /etc/group, error exits. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "tools.h"

void mode_string(mode_t m, char out[11])
{
    const char *rwx = "rwxrwxrwx";
    int i;
    out[0] = S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : S_ISCHR(m) ? 'c' : S_ISBLK(m) ? 'b' :
             S_ISFIFO(m) ? 'p' : S_ISSOCK(m) ? 's' : '-';
    for (i = 0; i < 9; i++)
        out[i + 1] = (m & (0400 >> i)) ? rwx[i] : '-';
    if (m & S_ISUID) out[3] = (m & 0100) ? 's' : 'S';
    if (m & S_ISGID) out[6] = (m & 0010) ? 's' : 'S';
    if (m & S_ISVTX) out[9] = (m & 0001) ? 't' : 'T';
    out[10] = 0;
}

/* chmod modes: octal, or symbolic clauses like u+x,go-w,a=r (X: search bit
 * for directories or files already executable by someone). */
int parse_mode(const char *spec, mode_t old, int is_dir, mode_t *out)
{
    mode_t m = old & 07777;
    if (*spec >= '0' && *spec <= '7') {
        char *end;
        long v = strtol(spec, &end, 8);
        if (*end || v > 07777)
            return -1;
        *out = (mode_t) v;
        return 0;
    }
    while (*spec) {
        mode_t who = 0, bits;
        while (*spec && strchr("ugoa", *spec)) {
            switch (*spec++) {
            case 'u': who |= 04700; break;
            case 'g': who |= 02070; break;
            case 'o': who |= 00007; break;
            case 'a': who |= 06777; break;
            }
        }
        if (!*spec || !strchr("+-=", *spec))
            return -1;
        while (*spec && strchr("+-=", *spec)) {
            char op = *spec++;
            mode_t mask = who ? who : 06777;
            bits = 0;
            while (*spec && strchr("rwxXstugo", *spec)) {
                switch (*spec++) {
                case 'r': bits |= 0444; break;
                case 'w': bits |= 0222; break;
                case 'x': bits |= 0111; break;
                case 'X': if (is_dir || (old & 0111)) bits |= 0111; break;
                case 's': bits |= 06000; break;
                case 't': bits |= 01000; mask |= 01000; break;
                case 'u': bits |= ((m >> 6) & 7) * 0111; break;
                case 'g': bits |= ((m >> 3) & 7) * 0111; break;
                case 'o': bits |= (m & 7) * 0111; break;
                }
            }
            if (!who && op != '=') {
                mode_t um = umask(0);
                umask(um);
                bits &= ~um;
            }
            bits &= mask;
            if (op == '+') m |= bits;
            else if (op == '-') m &= ~bits;
            else m = (m & ~(mask & 07777)) | bits;
        }
        if (*spec == ',')
            spec++;
        else if (*spec)
            return -1;
    }
    *out = m;
    return 0;
}

const char *user_name(uid_t uid, char *buf, int len)
{
    struct passwd *pw = getpwuid(uid);
    if (pw)
        return pw->pw_name;
    snprintf(buf, len, "%u", (unsigned) uid);
    return buf;
}

const char *group_name(gid_t gid, char *buf, int len)
{
    struct group *gr = getgrgid(gid);
    if (gr)
        return gr->gr_name;
    snprintf(buf, len, "%u", (unsigned) gid);
    return buf;
}

int lookup_user(const char *name, uid_t *uid, gid_t *gid)
{
    struct passwd *pw = getpwnam(name);
    char *end;
    if (pw) {
        *uid = pw->pw_uid;
        if (gid) *gid = pw->pw_gid;
        return 0;
    }
    *uid = (uid_t) strtoul(name, &end, 10);
    if (*name && !*end) {
        if (gid) *gid = (gid_t) -1;
        return 0;
    }
    return -1;
}

int lookup_group(const char *name, gid_t *gid)
{
    struct group *gr = getgrnam(name);
    char *end;
    if (gr) {
        *gid = gr->gr_gid;
        return 0;
    }
    *gid = (gid_t) strtoul(name, &end, 10);
    return *name && !*end ? 0 : -1;
}

void die(const char *prog, const char *what)
{
    fprintf(stderr, "%s: %s: %s\n", prog, what, strerror(errno));
    exit(1);
}
