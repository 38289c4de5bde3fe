/* The group file: getgrent, getgrnam, getgrgid over /etc/group, one
 * "name:passwd:gid:member,member,..." line per group. Malformed lines are
 * skipped; results live in static storage, overwritten by the next call. */
#include <grp.h>
#include <stdio.h>
#include <string.h>

#define LINE_MAX_GR 1024
#define MEMBERS_MAX 64

int _split_fields(char *s, char sep, char **fields, int n);
long _parse_id(const char *s, long max);

static const char *grfile = "/etc/group";
static FILE *grf;
static char line[LINE_MAX_GR];
static char *members[MEMBERS_MAX + 1];
static struct group entry;

int setgrfile(const char *file)
{
    endgrent();
    grfile = file;
    return 0;
}

void setgrent(void)
{
    if (grf != NULL)
        rewind(grf);
}

void endgrent(void)
{
    if (grf != NULL)
        fclose(grf);
    grf = NULL;
}

struct group *getgrent(void)
{
    char *f[4];
    long gid;
    size_t len;
    int n;

    if (grf == NULL && (grf = fopen(grfile, "r")) == NULL)
        return NULL;
    while (fgets(line, sizeof(line), grf) != NULL) {
        len = strlen(line);
        if (len > 0 && line[len - 1] == '\n')
            line[--len] = '\0';
        else if (len == sizeof(line) - 1) {
            int c;
            while ((c = getc(grf)) != EOF && c != '\n')
                ;
            continue;
        }
        if (_split_fields(line, ':', f, 4) != 4)
            continue;
        gid = _parse_id(f[2], 65535);
        if (gid < 0 || f[0][0] == '\0')
            continue;
        n = f[3][0] == '\0' ? 0 : _split_fields(f[3], ',', members, MEMBERS_MAX);
        if (n > MEMBERS_MAX)
            continue;
        members[n] = NULL;
        entry.gr_name = f[0];
        entry.gr_passwd = f[1];
        entry.gr_gid = (gid_t) gid;
        entry.gr_mem = members;
        return &entry;
    }
    return NULL;
}

struct group *getgrnam(const char *name)
{
    struct group *gr;

    endgrent();
    while ((gr = getgrent()) != NULL && strcmp(gr->gr_name, name) != 0)
        ;
    endgrent();
    return gr;
}

struct group *getgrgid(gid_t gid)
{
    struct group *gr;

    endgrent();
    while ((gr = getgrent()) != NULL && gr->gr_gid != gid)
        ;
    endgrent();
    return gr;
}
