/* id: the user and group ids (and names) of this process; -u, -g, -n. */
#include <stdio.h>
#include <unistd.h>
#include "lib/tools.h"

int main(int argc, char **argv)
{
    int c, u = 0, g = 0, names = 0, real = 0;
    char b1[16], b2[16];
    uid_t uid, euid;
    gid_t gid, egid;
    while ((c = getopt(argc, argv, "ugnr")) != -1) {
        if (c == 'u') u = 1;
        else if (c == 'g') g = 1;
        else if (c == 'n') names = 1;
        else if (c == 'r') real = 1;
        else return 1;
    }
    uid = getuid(); euid = geteuid(); gid = getgid(); egid = getegid();
    if (u || g) {
        unsigned v = u ? (real ? uid : euid) : (real ? gid : egid);
        if (names) puts(u ? user_name(v, b1, sizeof b1) : group_name(v, b1, sizeof b1));
        else printf("%u\n", v);
        return 0;
    }
    printf("uid=%u(%s) gid=%u(%s)", (unsigned) uid, user_name(uid, b1, sizeof b1),
           (unsigned) gid, group_name(gid, b2, sizeof b2));
    if (euid != uid) printf(" euid=%u(%s)", (unsigned) euid, user_name(euid, b1, sizeof b1));
    if (egid != gid) printf(" egid=%u(%s)", (unsigned) egid, group_name(egid, b1, sizeof b1));
    putchar('\n');
    return 0;
}
